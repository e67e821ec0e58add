// Report-level findings (internal/findings.h): the template's <finding> definitions read
// against the report's sections and what the mapper read. Names no section or table itself.
#include "schema/internal/findings.h"

#include <algorithm>
#include <functional>

#include "normalize/normalize.h"
#include "schema/internal/labels.h"

namespace nianbao::schema {
namespace {

namespace nz = nianbao::normalize;

// The report's first level-1 section whose heading names `sd`; null when none does.
const Section* section_named(const ReportText& text, const SectionDef& sd) { return text.section_named(sd); }

// A text with only the characters that carry words (ideographs, letters, digits): folded,
// punctuation, brackets and whitespace dropped ("无。" reads "无").
std::string words_of_folded(std::string_view folded) { return word_characters(folded); }
std::string words_of(std::string_view text) { return words_of_folded(nz::fold(text)); }

// What a section says, piece by piece: its paragraphs and table cells, and the headings of its
// sub-sections (short numbered lines) when `headings` or when it has no paragraph. Beside
// paragraphs, sub-headings name the topics the format asks about ("（一）主要问题"): what the
// report says about them is the paragraphs.
// Each piece, not empty, to `visit` in that order, until it returns false (the test knows its
// answer: the rest of the section is not folded nor split into words).
template <class Visit>
void each_said(const ReportText& text, const Section& s, bool headings, Visit&& visit) {
  const Report& report = text.report();
  bool any = false;
  auto give = [&](std::string piece) {
    if (piece.empty()) return true;
    any = true;
    return visit(piece);
  };
  for (std::size_t b = s.first_block; b < s.end_block && b < report.blocks.size(); ++b) {
    const Block& block = report.blocks[b];
    if (block.kind == BlockKind::paragraph) {
      if (!give(words_of_folded(text.folded(b)))) return;
    } else {
      for (const TableRow& r : block.table().rows)
        for (const TableCell& c : r.cells)
          if (!give(words_of(c.text))) return;
    }
  }
  if (any && !headings) return;
  for (const Section& sub : report.sections)
    if (sub.level > s.level && sub.first_block >= s.first_block && sub.first_block < s.end_block && &sub != &s)
      if (!give(words_of(sub.heading))) return;
}

// A section's heading as the report prints it, or as the format does when it is not printed.
std::string heading_of(const Section* s, const SectionDef& sd) { return "'" + (s ? s->heading : sd.heading) + "'"; }

std::string tables_of(const Template& t, const std::string& section) {
  std::string out;
  for (const TableDef& table : t.tables)
    if (table.section == section) out += (out.empty() ? "" : ", ") + table.id;
  return out;
}

// F1-like: each section holding a table prints it (a value of it read, blank included).
// Per table of the template: whether the report has a value (blank included) of one of its cells.
std::vector<bool> tables_read(const Report& report, const Template& t) {
  std::vector<bool> out(t.tables.size(), false);
  // The values are in template order (apply_template writes them so): each cell is looked for
  // from where the last one was found, which makes one pass over the template's cells.
  // A value of a built-in template's cell names it by the template's own id string
  // (CellId::shared): its cell is where that string is, and no id is compared.
  const std::size_t n = t.cells.size();
  const std::string* const cells = t.cells.data();
  const std::less<const std::string*> before;
  std::size_t from = 0;
  for (const CellValue& v : report.values) {
    if (const std::string* id = v.cell.shared_address(); id && !before(id, cells) && before(id, cells + n)) {
      from = static_cast<std::size_t>(id - cells);
      out[static_cast<std::size_t>(t.cell_refs[from].table)] = true;
      continue;
    }
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = (from + k) % n;
      if (t.cells[i] != v.cell) continue;
      out[static_cast<std::size_t>(t.cell_refs[i].table)] = true;
      from = i;
      break;
    }
  }
  return out;
}

void table_printed(const ReportText& text, const Template& t, const FindingDef& f, const std::vector<bool>& table_read,
                   std::vector<Check>& out) {
  std::vector<std::string> sections;
  for (const TableDef& table : t.tables)
    if ((f.section.empty() || table.section == f.section) &&
        std::find(sections.begin(), sections.end(), table.section) == sections.end())
      sections.push_back(table.section);
  for (const std::string& id : sections) {
    const SectionDef* sd = t.section(id);
    if (!sd) continue;
    bool read = false;
    for (std::size_t table = 0; table < t.tables.size(); ++table) read = read || (table_read[table] && t.tables[table].section == id);
    const Section* s = section_named(text, *sd);
    Check c;
    c.rule = f.id;
    c.scope = id;
    c.result = read ? CheckResult::pass : CheckResult::fail;
    if (s) c.pos = s->pos;
    if (!read)
      c.note = s ? "the section " + heading_of(s, *sd) + " is printed without its table (" + tables_of(t, id) +
                       "): its cells and rules are not assessable"
                 : "neither the section " + heading_of(s, *sd) + " nor its table (" + tables_of(t, id) +
                       ") is in the report: its cells and rules are not assessable";
    out.push_back(std::move(c));
  }
}

// F2-like: the section says more than the phrases that say nothing; F3-like: it mentions one of
// the phrases. A report without the section: undetermined.
void section_text(const ReportText& text, const Template& t, const FindingDef& f, std::vector<Check>& out) {
  const SectionDef* sd = t.section(f.section);
  if (!sd) return;
  const Section* s = section_named(text, *sd);
  Check c;
  c.rule = f.id;
  c.scope = f.section;
  if (!s) {
    c.result = CheckResult::undetermined;
    c.note = "no section heading names " + heading_of(s, *sd);
    out.push_back(std::move(c));
    return;
  }
  c.pos = s->pos;
  auto listed = [&](const std::string& piece) {
    return std::find(f.phrases.begin(), f.phrases.end(), piece) != f.phrases.end();
  };
  if (f.test == FindingTest::section_says) {
    // Says something: a piece that is not one of the phrases (the first such ends the walk).
    std::string first;
    bool nothing = true;
    each_said(text, *s, false, [&](std::string& piece) {
      if (first.empty()) first = piece;
      nothing = listed(piece);
      return nothing;
    });
    c.result = nothing ? CheckResult::fail : CheckResult::pass;
    if (first.empty()) c.note = "the section " + heading_of(s, *sd) + " is empty";
    else if (nothing) c.note = "the section " + heading_of(s, *sd) + " says only '" + first + "'";
  } else {
    bool mentioned = false;  // the first piece that mentions a phrase ends the walk
    each_said(text, *s, true, [&](const std::string& piece) {
      mentioned = std::any_of(f.phrases.begin(), f.phrases.end(),
                              [&](const std::string& p) { return nz::find_bytes(piece, p) != std::string::npos; });
      return !mentioned;
    });
    c.result = mentioned ? CheckResult::pass : CheckResult::fail;
    if (!mentioned) {
      std::string phrases;
      for (const std::string& p : f.phrases) phrases += (phrases.empty() ? "" : " / ") + p;
      c.note = "the section " + heading_of(s, *sd) + " does not mention " + phrases + ", which the format asks it to report";
    }
  }
  out.push_back(std::move(c));
}

}  // namespace

std::vector<Check> findings_of(const Report& report, const Template& t) { return findings_of(ReportText(report), t); }

std::vector<Check> findings_of(const ReportText& text, const Template& t) {
  const Report& report = text.report();
  std::vector<Check> out;
  std::vector<bool> table_read;
  for (const FindingDef& f : t.findings) {
    if (f.test == FindingTest::table_printed && table_read.empty()) table_read = tables_read(report, t);
    if (f.test == FindingTest::table_printed) table_printed(text, t, f, table_read, out);
    else section_text(text, t, f, out);
  }
  return out;
}

bool is_finding(const Template& t, const std::string& rule) {
  return std::any_of(t.findings.begin(), t.findings.end(), [&](const FindingDef& f) { return f.id == rule; });
}

}  // namespace nianbao::schema
