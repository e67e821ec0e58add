// The corpus database: its tables, opening it, and indexing our XML outputs into it.
#include <algorithm>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>

#include "engine/batch.h"
#include "engine/corpus_db.h"
#include "engine/internal/fts_bigram.h"
#include "engine/internal/report_xml.h"
#include "engine/internal/search_text.h"
#include "model/errors.h"
#include "metadata/metadata.h"
#include "schema/template.h"

namespace nianbao::engine {

namespace fs = std::filesystem;

namespace {

constexpr const char* schema_version = "5";  // 4: checks.cells; 5: bigram full-text index, sentence ids

// reports → cells, checks, sentences. Sentences keep the original text for display and the
// folded text (search_fold) that the bigram full-text index is built on (internal/fts_bigram.h,
// docs/search.md).
constexpr const char* schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS corpus_meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS reports(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,      -- the XML file, absolute
  report_id TEXT,                 -- stable, from the content; the forms of one report share it
  source TEXT,                    -- the input the XML was extracted from
  agency TEXT, year INTEGER, template TEXT, title TEXT,
  agency_key TEXT,                -- division/name without places: one agency however spelt
  division TEXT, province TEXT, city TEXT, county TEXT,
  url TEXT, retrieved TEXT, published TEXT,  -- provenance, as given (sidecar, --meta, --source-url)
  warnings INTEGER NOT NULL DEFAULT 0,
  failed_checks INTEGER NOT NULL DEFAULT 0,
  failed_rules TEXT,              -- the rules that fail, by name, comma-separated
  undetermined INTEGER NOT NULL DEFAULT 0,  -- checks with a missing, blank or ambiguous operand
  cells_expected INTEGER NOT NULL DEFAULT 0,  -- canonical cells of its format
  cells_read INTEGER NOT NULL DEFAULT 0,      -- number, blank or dash
  cells_ambiguous INTEGER NOT NULL DEFAULT 0,
  cells_unread INTEGER NOT NULL DEFAULT 0,    -- expected, neither read nor ambiguous
  corrected INTEGER NOT NULL DEFAULT 0,       -- values a corrections file replaced
  sentences INTEGER NOT NULL DEFAULT 0,      -- of prose (not table text)
  first_sentence INTEGER, last_sentence INTEGER,  -- its sentences' ids (consecutive), NULL when none
  primary_form INTEGER NOT NULL DEFAULT 1);   -- the most complete form of its report_id
CREATE INDEX IF NOT EXISTS reports_report_id ON reports(report_id);
CREATE INDEX IF NOT EXISTS reports_agency_year ON reports(agency, year);
-- search's spans of sentence ids (engine/search.cc): the reports in sentence order with the
-- columns its filters read, so that finding the kept reports reads this index, not every row.
CREATE INDEX IF NOT EXISTS reports_spans ON reports(first_sentence, last_sentence, primary_form, year, template,
  province, city, failed_checks, cells_expected, cells_read, agency, failed_rules);
CREATE TABLE IF NOT EXISTS cells(
  report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  cell TEXT NOT NULL,
  value NUMERIC,                  -- the number; NULL when the state is not "number"
  state TEXT NOT NULL,            -- number | blank | dash | ambiguous
  raw TEXT, unit TEXT, note TEXT,
  replaced TEXT,                  -- a corrected value: what it replaced
  line INTEGER, page INTEGER,     -- where in the source it was read (NULL = unknown / not paged)
  PRIMARY KEY(report, cell)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cells_cell ON cells(cell);
CREATE TABLE IF NOT EXISTS checks(
  report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  rule TEXT NOT NULL, scope TEXT, result TEXT NOT NULL, left TEXT, right TEXT,
  cells TEXT);                    -- the canonical cells of both sides, separated by spaces
CREATE INDEX IF NOT EXISTS checks_report ON checks(report);
CREATE TABLE IF NOT EXISTS table_reads(  -- per template table: its cells by state (<tables-read>)
  report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  tbl TEXT NOT NULL, expected INTEGER NOT NULL, read INTEGER NOT NULL, blank INTEGER NOT NULL,
  dash INTEGER NOT NULL, ambiguous INTEGER NOT NULL, unread INTEGER NOT NULL,
  PRIMARY KEY(report, tbl)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sentences(
  id INTEGER PRIMARY KEY,
  report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,           -- position in the report
  section TEXT NOT NULL,          -- headings joined by " / "
  kind TEXT NOT NULL,             -- sentence (prose) | table (a table row, or table text in a paragraph)
  text TEXT NOT NULL,
  folded TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sentences_report ON sentences(report);
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(
  folded, content='sentences', content_rowid='id', tokenize='nianbao_bigram');
CREATE TRIGGER IF NOT EXISTS sentences_insert AFTER INSERT ON sentences BEGIN
  INSERT INTO sentences_fts(rowid, folded) VALUES (new.id, new.folded);
END;
CREATE TRIGGER IF NOT EXISTS sentences_delete AFTER DELETE ON sentences BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
END;
)sql";

bool has_corpus_tables(Database& d) {
  Statement q = d.prepare("SELECT value FROM sqlite_schema s JOIN corpus_meta m ON m.key = 'schema' "
                              "WHERE s.name = 'reports'");
  return q.step();
}

bool table_exists(Database& d, const char* name) {
  Statement q = d.prepare("SELECT 1 FROM sqlite_schema WHERE name = ?");
  q.bind(1, std::string_view(name));
  return q.step();
}

std::string stored_schema(Database& d) {
  Statement q = d.prepare("SELECT value FROM corpus_meta WHERE key = 'schema'");
  return q.step() ? q.text(0) : "";
}

// Of the forms of one report (rows sharing a report_id), the most complete is its primary form:
// the most cells read, then the fewest ambiguous, the fewest warnings, the most sentences.
void choose_primary_forms(Database& d) {
  d.exec("UPDATE reports SET primary_form = 0;"
         "UPDATE reports SET primary_form = 1 WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER ("
         "PARTITION BY coalesce(report_id, 'path:' || path) ORDER BY cells_read DESC, cells_ambiguous, warnings, "
         "sentences DESC, path) AS rank FROM reports) WHERE rank = 1);");
}

void configure(Database& d) {
  d.exec("PRAGMA foreign_keys = ON");
  register_bigram_tokenizer(d);  // before any statement touches sentences_fts
}

// A report's identity in the database: the absolute, lexically normal path of its XML file.
std::string absolute_path(const std::string& path) { return fs::absolute(path).lexically_normal().string(); }

// Every *.xml under a folder (sorted, hidden entries skipped), or the file itself.
std::vector<std::string> xml_files(const std::string& path, std::ostream& log, std::size_t& failed) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  std::string error;
  std::vector<std::string> out = find_files(path, {".xml"}, "", error);
  if (!error.empty()) {
    log << "nianbao: index: " << path << ": " << error << '\n';
    ++failed;
  }
  return out;
}

// A canonical decimal as an SQL number (integer when it has no point), as text if it is too
// large for that.
void bind_number(Statement& s, int index, const std::string& value) {
  try {
    std::size_t used = 0;
    if (value.find('.') == std::string::npos) {
      const long long n = std::stoll(value, &used);
      if (used == value.size()) {
        s.bind(index, static_cast<std::int64_t>(n));
        return;
      }
    } else {
      const double x = std::stod(value, &used);
      if (used == value.size()) {
        s.bind(index, x);
        return;
      }
    }
  } catch (const std::exception&) {
  }
  s.bind(index, value);
}

struct Inserter {
  Statement find_id, remove_sentences, remove_cells, remove_checks, remove_reads, remove_report, add_report, add_cell,
      add_check, set_sentence_ids, add_read, add_sentence;
  explicit Inserter(Database& d)
      : find_id(d.prepare("SELECT id FROM reports WHERE path = ?")),
        remove_sentences(d.prepare("DELETE FROM sentences WHERE report IN (SELECT id FROM reports WHERE path = ?)")),
        remove_cells(d.prepare("DELETE FROM cells WHERE report IN (SELECT id FROM reports WHERE path = ?)")),
        remove_checks(d.prepare("DELETE FROM checks WHERE report IN (SELECT id FROM reports WHERE path = ?)")),
        remove_reads(d.prepare("DELETE FROM table_reads WHERE report IN (SELECT id FROM reports WHERE path = ?)")),
        remove_report(d.prepare("DELETE FROM reports WHERE path = ?")),
        add_report(d.prepare("INSERT INTO reports(path, source, agency, year, template, title, warnings, "
                             "failed_checks, report_id, agency_key, division, province, city, county, failed_rules, "
                             "undetermined, cells_expected, cells_read, cells_ambiguous, cells_unread, corrected, "
                             "sentences, url, retrieved, published, id) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")),
        add_cell(d.prepare("INSERT OR REPLACE INTO cells(report, cell, value, state, raw, unit, note, replaced, line, "
                           "page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")),
        add_check(d.prepare("INSERT INTO checks(report, rule, scope, result, left, right, cells) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)")),
        set_sentence_ids(d.prepare("UPDATE reports SET first_sentence = ?, last_sentence = ? WHERE id = ?")),
        add_read(d.prepare("INSERT OR REPLACE INTO table_reads(report, tbl, expected, read, blank, dash, ambiguous, "
                           "unread) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")),
        add_sentence(d.prepare("INSERT INTO sentences(report, ord, section, kind, text, folded) VALUES (?, ?, ?, ?, ?, ?)")) {}

  // Deletes a report's rows (sentences explicitly, so that the full-text index follows).
  void remove(const std::string& key) {
    for (Statement* s : {&remove_sentences, &remove_cells, &remove_checks, &remove_reads, &remove_report}) {
      s->bind(1, key);
      s->run();
    }
  }

  // A path indexed again keeps its database id (the viewer's links, a correction re-indexing
  // one report); a new path gets the next one.
  void replace(Database& d, const std::string& key, const XmlReport& r) {
    find_id.bind(1, key);
    const std::int64_t kept = find_id.step() ? find_id.integer(0) : 0;
    find_id.reset();
    remove(key);
    std::size_t failed = 0, undetermined = 0, read = 0, ambiguous = 0, corrected = 0;
    std::set<std::string> failed_rules;
    for (const XmlCheck& c : r.checks) {
      failed += c.result == "fail";
      undetermined += c.result == "undetermined";
      if (c.result == "fail") failed_rules.insert(c.rule);
    }
    std::string rules;
    for (const std::string& rule : failed_rules) rules += (rules.empty() ? "" : ",") + rule;
    const std::vector<std::string>& expected = template_cells(r.template_id);
    const std::set<std::string> expected_set(expected.begin(), expected.end());
    for (const XmlCell& c : r.cells) {
      if (!expected_set.count(c.cell)) continue;
      (c.state == "ambiguous" ? ambiguous : read) += 1;
    }
    for (const XmlCell& c : r.cells) corrected += !c.replaced.empty();
    const auto prose = std::count_if(r.sentences.begin(), r.sentences.end(),
                                     [](const XmlSentence& s) { return s.kind == "sentence"; });
    const auto n = [](std::size_t x) { return static_cast<std::int64_t>(x); };
    add_report.bind(1, key).bind(2, r.source).bind_optional(3, r.agency).bind_optional(5, r.template_id)
        .bind_optional(6, r.title).bind(7, n(r.warnings)).bind(8, n(failed)).bind_optional(9, r.id)
        .bind_optional(10, metadata::agency_key(r.agency, r.division)).bind_optional(11, r.division)
        .bind_optional(12, r.province).bind_optional(13, r.city).bind_optional(14, r.county)
        .bind_optional(15, rules).bind(16, n(undetermined)).bind(17, n(expected.size())).bind(18, n(read))
        .bind(19, n(ambiguous)).bind(20, n(expected.size() - read - ambiguous)).bind(21, n(corrected))
        .bind(22, n(prose)).bind_optional(23, r.url).bind_optional(24, r.retrieved)
        .bind_optional(25, r.published);
    if (kept) add_report.bind(26, kept);
    else add_report.bind_null(26);
    if (r.year.size() == 4 && std::all_of(r.year.begin(), r.year.end(), ::isdigit))
      add_report.bind(4, static_cast<std::int64_t>(std::stoi(r.year)));
    add_report.run();
    const std::int64_t id = d.last_insert_id();
    for (const XmlCell& c : r.cells) {
      add_cell.bind(1, id).bind(2, c.cell).bind(4, c.state).bind_optional(5, c.raw).bind_optional(6, c.unit)
          .bind_optional(7, c.note).bind_optional(8, c.replaced);
      if (c.state == "number" && !c.value.empty()) bind_number(add_cell, 3, c.value);
      if (!c.line.empty() && c.line != "0") bind_number(add_cell, 9, c.line);
      if (!c.page.empty()) bind_number(add_cell, 10, c.page);
      add_cell.run();
    }
    for (const XmlCheck& c : r.checks) {
      add_check.bind(1, id).bind(2, c.rule).bind_optional(3, c.scope).bind(4, c.result).bind_optional(5, c.left)
          .bind_optional(6, c.right).bind_optional(7, c.cells);
      add_check.run();
    }
    for (const XmlTableRead& t : r.table_reads) {
      add_read.bind(1, id).bind(2, t.table).bind(3, n(t.expected)).bind(4, n(t.read)).bind(5, n(t.blank))
          .bind(6, n(t.dash)).bind(7, n(t.ambiguous)).bind(8, n(t.unread));
      add_read.run();
    }
    std::int64_t ord = 0, first = 0;
    for (const XmlSentence& s : r.sentences) {
      add_sentence.bind(1, id).bind(2, ord++).bind(3, s.section).bind(4, s.kind).bind(5, s.text)
          .bind(6, search_fold(s.text));
      add_sentence.run();
      if (!first) first = d.last_insert_id();
    }
    if (first) {  // search's spans of sentence ids (engine/search.cc)
      set_sentence_ids.bind(1, first).bind(2, d.last_insert_id()).bind(3, id);
      set_sentence_ids.run();
    }
  }
};

}  // namespace

Database open_corpus(const std::string& path) {
  Database d(path, Database::Mode::read_only);
  if (!table_exists(d, "corpus_meta") || !has_corpus_tables(d))
    throw DbError(exit_input, path + ": not a nianbao corpus database (no corpus tables; build one with `nianbao index`)");
  if (stored_schema(d) != schema_version)
    throw DbError(exit_input, path + ": built by an older nianbao (schema " + stored_schema(d) +
                                  "); run `nianbao index` on its XML folder again to rebuild it");
  configure(d);
  return d;
}

Database open_corpus_for_corrections(const std::string& path) {
  open_corpus(path);  // exists, is a corpus database of this schema
  Database d(path, Database::Mode::read_write_create);
  configure(d);
  return d;
}

Database open_corpus_for_writing(const std::string& path) {
  Database d(path, Database::Mode::read_write_create);
  if (table_exists(d, "reports") && !table_exists(d, "corpus_meta"))
    throw DbError(exit_output, path + ": a database of something else (it has a `reports` table but is not a nianbao corpus)");
  configure(d);
  d.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536");
  if (table_exists(d, "corpus_meta") && stored_schema(d) != schema_version)
    // Built by an older nianbao: its rows lack columns; the XML files rebuild them.
    d.exec("DROP TABLE IF EXISTS sentences_fts; DROP TABLE IF EXISTS sentences; DROP TABLE IF EXISTS checks; "
           "DROP TABLE IF EXISTS table_reads; DROP TABLE IF EXISTS cells; DROP TABLE IF EXISTS reports;");
  d.exec(schema_sql);
  Statement v = d.prepare("INSERT OR REPLACE INTO corpus_meta(key, value) VALUES ('schema', ?)");
  v.bind(1, std::string_view(schema_version));
  v.run();
  return d;
}

namespace {

// The reports indexed from files under `folder` whose XML file no longer exists (an output
// deleted since, or a batch re-run into a cleaned folder): a folder's rows mirror its files.
std::vector<std::string> vanished_under(Database& d, const std::string& folder) {
  std::string prefix = absolute_path(folder);
  if (prefix.empty() || prefix.back() != '/') prefix += '/';
  Statement q = d.prepare("SELECT path FROM reports WHERE substr(path, 1, length(?1)) = ?1");
  q.bind(1, prefix);
  std::vector<std::string> out;
  std::error_code ec;
  while (q.step()) {
    std::string path = q.text(0);
    if (!fs::exists(path, ec) && !ec) out.push_back(std::move(path));
  }
  return out;
}

}  // namespace

namespace {

// The corrections of a report read back from XML: applied to its values as extraction would
// (schema rules recompute the checks), the values and checks written back.
std::size_t correct(XmlReport& r, const std::vector<Correction>& corrections) {
  if (corrections.empty() || r.id.empty()) return 0;
  Report report;
  std::map<std::string, std::pair<std::string, std::string>> where;  // cell → line, page
  report.id = r.id;
  report.template_id = r.template_id;
  for (const XmlCell& c : r.cells) {
    CellValue v;
    v.cell = c.cell;
    v.state = c.state == "blank" ? ValueState::blank : c.state == "dash" ? ValueState::dash
              : c.state == "ambiguous" ? ValueState::ambiguous : ValueState::number;
    v.number = c.value;
    v.raw = c.raw, v.unit = c.unit, v.note = c.note, v.replaced = c.replaced;
    report.values.push_back(std::move(v));
    where[c.cell] = {c.line, c.page};
  }
  const std::size_t applied = apply_corrections(report, corrections);
  if (!applied) return 0;
  static const char* states[] = {"number", "blank", "dash", "ambiguous"};
  r.cells.clear();
  for (const CellValue& v : report.values)
    r.cells.push_back({v.cell, v.state == ValueState::number ? v.number : "", states[static_cast<int>(v.state)], v.raw,
                       v.unit, v.note, v.replaced, where[v.cell].first, where[v.cell].second});
  r.checks.clear();
  static const char* results[] = {"pass", "fail", "undetermined"};
  for (const Check& c : report.checks) {
    std::string cells;
    for (const std::string& id : c.cells) cells += (cells.empty() ? "" : " ") + id;
    r.checks.push_back({c.rule, c.scope, results[static_cast<int>(c.result)], c.left, c.right, cells});
  }
  return applied;
}

}  // namespace

IndexSummary index_outputs(Database& d, const std::vector<std::string>& paths, std::ostream& log,
                           const std::vector<Correction>& corrections) {
  IndexSummary summary;
  Inserter ins(d);
  constexpr std::size_t per_transaction = 2000;
  std::size_t in_transaction = 0;
  auto tx = std::make_unique<Transaction>(d);
  for (const std::string& arg : paths) {
    for (const std::string& file : xml_files(arg, log, summary.failed)) {
      XmlReport r;
      try {
        r = read_report_xml(file);
      } catch (const InputError& e) {
        log << "nianbao: index: " << e.describe() << '\n';
        ++summary.failed;
        continue;
      }
      summary.corrected += correct(r, corrections);
      const std::string key = absolute_path(file);
      ins.replace(d, key, r);
      ++summary.reports;
      if (++in_transaction == per_transaction) {
        tx->commit();
        tx = std::make_unique<Transaction>(d);
        in_transaction = 0;
      }
    }
  }
  for (const std::string& arg : paths) {
    std::error_code ec;
    if (!fs::is_directory(arg, ec)) continue;
    for (const std::string& key : vanished_under(d, arg)) {
      ins.remove(key);
      ++summary.removed;
    }
  }
  choose_primary_forms(d);
  // A run that adds many reports leaves the full-text index in many segments, which every term
  // of every query walks: merged into one (3.7 s CPU for 9 800 reports), searches take half the
  // time (bench/README.md). A few reports added to a large corpus are not worth rewriting it.
  constexpr std::size_t merge_index_after = 200;
  if (summary.reports >= merge_index_after) d.exec("INSERT INTO sentences_fts(sentences_fts) VALUES('optimize')");
  tx->commit();
  return summary;
}

std::size_t reindex_report(Database& d, std::int64_t id, const std::vector<Correction>& corrections) {
  Statement q = d.prepare("SELECT path FROM reports WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) throw InputError("report " + std::to_string(id), "no such report in " + d.path());
  const std::string key = q.text(0);
  XmlReport r = read_report_xml(key);
  const std::size_t applied = correct(r, corrections);
  Transaction tx(d);
  Inserter(d).replace(d, key, r);
  choose_primary_forms(d);  // a corrected value may make another form the most complete
  tx.commit();
  return applied;
}

const std::vector<std::string>& template_cells(const std::string& template_id) {
  static const std::map<std::string, std::vector<std::string>> by_template = [] {
    std::map<std::string, std::vector<std::string>> out;
    for (const schema::Template& t : schema::templates())
      for (const schema::TableDef& table : t.tables)
        for (const schema::RowDef& row : table.rows) {
          if (row.group && !row.collapsible) continue;
          for (const schema::ColumnDef& col : table.columns) out[t.id].push_back(table.cell_id(row, col));
        }
    return out;
  }();
  static const std::vector<std::string> none;
  const auto it = by_template.find(template_id);
  return it == by_template.end() ? none : it->second;
}

namespace {
// The templates, the current format first: its columns come first in the wide export.
std::vector<const schema::Template*> templates_newest_first() {
  std::vector<const schema::Template*> order;
  for (const schema::Template& t : schema::templates()) order.push_back(&t);
  std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->id > b->id; });
  return order;
}
}  // namespace

const std::vector<std::string>& template_tables() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    for (const schema::Template* t : templates_newest_first())
      for (const schema::TableDef& table : t->tables)
        if (std::find(out.begin(), out.end(), table.id) == out.end()) out.push_back(table.id);
    return out;
  }();
  return all;
}

const std::vector<std::string>& canonical_cells() {
  static const std::vector<std::string> all = [] {
    const std::vector<const schema::Template*> order = templates_newest_first();
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const schema::Template* t : order)
      for (const schema::TableDef& table : t->tables)
        for (const schema::RowDef& row : table.rows) {
          if (row.group && !row.collapsible) continue;
          for (const schema::ColumnDef& col : table.columns) {
            std::string id = table.cell_id(row, col);
            if (seen.insert(id).second) out.push_back(std::move(id));
          }
        }
    return out;
  }();
  return all;
}

}  // namespace nianbao::engine
