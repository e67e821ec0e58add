// `nianbao diff` and `nianbao aggregate` over the corpus database: one agency's two years side
// by side, and sums of cells by province / city / year with the reports and the missing values
// counted. Numbers are added as decimals (the places of the most precise operand are kept).
#include "engine/questions.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>
#include <set>

#include "engine/corpus_db.h"
#include "engine/formats.h"
#include "model/errors.h"
#include "normalize/normalize.h"
#include "schema/template.h"

namespace nianbao::engine {

namespace {

std::size_t decimals(const std::string& number) {
  const std::size_t dot = number.find('.');
  return dot == std::string::npos ? 0 : number.size() - dot - 1;
}

std::string decimal_text(long double x, std::size_t places) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*Lf", static_cast<int>(places), x);
  std::string out = buf;
  if (out == "-0" || out.find_first_not_of("-0.") == std::string::npos) out = places ? "0." + std::string(places, '0') : "0";
  return out;
}

// The labels of every canonical cell as its format prints them: the row (under its group, when
// it has one) and the column (under its header group).
struct Labels {
  std::string row, column;
};
const std::map<std::string, Labels>& cell_labels() {
  static const std::map<std::string, Labels> all = [] {
    std::map<std::string, Labels> out;
    std::vector<const schema::Template*> order;
    for (const schema::Template& t : schema::templates()) order.push_back(&t);
    std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->id > b->id; });
    for (const schema::Template* t : order)
      for (const schema::TableDef& table : t->tables)
        for (const schema::RowDef& row : table.rows) {
          if (row.group && !row.collapsible) continue;
          std::string row_label = row.labels.empty() ? "" : row.labels.front();
          if (row.parent >= 0 && !table.rows[row.parent].labels.empty())
            row_label = table.rows[row.parent].labels.front() + " / " + row_label;
          for (const schema::ColumnDef& col : table.columns)
            out.emplace(table.cell_id(row, col),
                        Labels{row_label, col.group.empty() ? col.label : col.group + " / " + col.label});
        }
    return out;
  }();
  return all;
}

// An agency as audit groups it: its key when it has a division, else its name folded.
std::string group_key(const std::string& agency_key, const std::string& agency) {
  return agency_key.find('/') != std::string::npos ? agency_key : normalize::fold(agency);
}

struct Agency {
  std::string key, name, division;
};

// The agencies of the corpus (primary forms), one per key, named by their fullest name.
std::vector<Agency> agencies(Database& d) {
  std::map<std::string, Agency> by_key;
  Statement q = d.prepare("SELECT DISTINCT agency_key, agency, division FROM reports WHERE primary_form = 1 "
                          "AND agency IS NOT NULL AND agency != ''");
  while (q.step()) {
    const std::string key = group_key(q.text(0), q.text(1));
    Agency& a = by_key[key];
    a.key = key;
    if (q.text(1).size() > a.name.size()) a.name = q.text(1), a.division = q.text(2);
  }
  std::vector<Agency> out;
  for (auto& [key, a] : by_key) out.push_back(std::move(a));
  return out;
}

// The key of the agency the user named (see diff() in the header).
std::string resolve_agency(Database& d, const std::string& query) {
  const std::vector<Agency> all = agencies(d);
  const std::string wanted = normalize::fold(query);
  std::map<std::string, std::set<std::string>> names;  // key → every name its reports give
  {
    Statement q = d.prepare("SELECT DISTINCT agency_key, agency FROM reports WHERE primary_form = 1 AND agency != ''");
    while (q.step()) names[group_key(q.text(0), q.text(1))].insert(normalize::fold(q.text(1)));
  }
  using Test = bool (*)(const std::string& name, const std::string& wanted);
  const Test tiers[] = {
      [](const std::string& name, const std::string& w) { return name == w; },
      [](const std::string& name, const std::string& w) { return name.ends_with(w) || w.ends_with(name); },
      [](const std::string& name, const std::string& w) { return name.find(w) != std::string::npos; }};
  const bool code = query.size() == 6 && std::all_of(query.begin(), query.end(), ::isdigit);
  std::vector<const Agency*> found;
  for (const Agency& a : all)
    if (a.key == query || (code && a.division == query)) found.push_back(&a);
  for (const Test& test : tiers) {
    if (!found.empty()) break;
    for (const Agency& a : all)
      if (std::any_of(names[a.key].begin(), names[a.key].end(), [&](const std::string& n) { return test(n, wanted); }))
        found.push_back(&a);
  }
  if (found.size() == 1) return found.front()->key;
  std::string choices;
  for (std::size_t i = 0; i < found.size() && i < 10; ++i)
    choices += (i ? ", " : "") + found[i]->name + " (" + found[i]->key + ")";
  if (found.empty()) throw UsageError("no agency of the corpus is called \"" + query + "\" (nianbao export --csv lists them)");
  throw UsageError("\"" + query + "\" names " + std::to_string(found.size()) + " agencies: " + choices +
                   "; give the full name, or the key in brackets");
}

struct Chosen {
  std::int64_t id = 0;
  std::string agency, division, source, report;
};

// The agency's report for a year: its primary form; of several reports, the most complete.
Chosen report_of(Database& d, const std::string& key, int year) {
  Statement q = d.prepare("SELECT id, agency, division, source, report_id, agency_key, year FROM reports "
                          "WHERE primary_form = 1 AND agency != '' ORDER BY cells_read DESC, id");
  std::set<std::int64_t> years;
  std::string name;
  while (q.step()) {
    if (group_key(q.text(5), q.text(1)) != key || q.is_null(6)) continue;
    years.insert(q.integer(6));
    name = q.text(1);
    if (q.integer(6) == year) return {q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4)};
  }
  std::string list;
  for (const std::int64_t y : years) list += (list.empty() ? "" : ", ") + std::to_string(y);
  throw UsageError(name + " has no report for " + std::to_string(year) + " in the corpus (its years: " +
                   (list.empty() ? "none" : list) + ")");
}

struct Cell {
  std::string value, state;
};
std::map<std::string, Cell> cells_of(Database& d, std::int64_t report) {
  std::map<std::string, Cell> out;
  Statement q = d.prepare("SELECT cell, value, state FROM cells WHERE report = ?");
  q.bind(1, report);
  while (q.step()) out[q.text(0)] = {q.text(2) == "number" ? q.text(1) : "", q.text(2)};
  return out;
}

std::string template_of(Database& d, std::int64_t report) {
  Statement q = d.prepare("SELECT template FROM reports WHERE id = ?");
  q.bind(1, report);
  return q.step() ? q.text(0) : "";
}

}  // namespace

DiffResult diff(Database& d, const std::string& agency, int before_year, int after_year) {
  const std::string key = resolve_agency(d, agency);
  const Chosen before = report_of(d, key, before_year), after = report_of(d, key, after_year);
  DiffResult out{after.agency, after.division, before_year, after_year, before.source, after.source,
                 before.report, after.report, {}};
  const std::map<std::string, Cell> a = cells_of(d, before.id), b = cells_of(d, after.id);
  const std::vector<std::string>& in_a = template_cells(template_of(d, before.id));
  const std::vector<std::string>& in_b = template_cells(template_of(d, after.id));
  auto state = [](const std::map<std::string, Cell>& cells, const std::vector<std::string>& format,
                  const std::string& cell) -> Cell {
    const auto it = cells.find(cell);
    if (it != cells.end()) return it->second;
    return {"", std::find(format.begin(), format.end(), cell) != format.end() ? "unread" : "none"};
  };
  for (const std::string& cell : canonical_cells()) {
    const Cell x = state(a, in_a, cell), y = state(b, in_b, cell);
    if (x.state == "none" && y.state == "none") continue;
    DiffRow row{cell, "", "", x.value, y.value, x.state, y.state, ""};
    if (const auto l = cell_labels().find(cell); l != cell_labels().end())
      row.row_label = l->second.row, row.column_label = l->second.column;
    if (!x.value.empty() && !y.value.empty())
      row.change = decimal_text(std::stold(y.value) - std::stold(x.value), std::max(decimals(x.value), decimals(y.value)));
    out.rows.push_back(std::move(row));
  }
  return out;
}

void print_diff_csv(const DiffResult& d, std::ostream& out) {
  const std::string y1 = std::to_string(d.before_year), y2 = std::to_string(d.after_year);
  out << "cell,row_label,column_label," << y1 << ',' << y2 << ",change," << y1 << ":state," << y2 << ":state\n";
  for (const DiffRow& r : d.rows)
    out << csv_field(r.cell) << ',' << csv_field(r.row_label) << ',' << csv_field(r.column_label) << ','
        << csv_field(r.before) << ',' << csv_field(r.after) << ',' << csv_field(r.change) << ','
        << r.before_state << ',' << r.after_state << '\n';
}

void print_diff_json(const DiffResult& d, std::ostream& out) {
  out << "{\"agency\": " << json_string(d.agency) << ", \"division\": " << json_string(d.division)
      << ", \"before\": {\"year\": " << d.before_year << ", \"report\": " << json_string(d.before_report)
      << ", \"source\": " << json_string(d.before_source) << "}, \"after\": {\"year\": " << d.after_year
      << ", \"report\": " << json_string(d.after_report) << ", \"source\": " << json_string(d.after_source)
      << "}, \"cells\": [";
  auto number = [](const std::string& v) { return v.empty() ? std::string("null") : v; };
  for (std::size_t i = 0; i < d.rows.size(); ++i) {
    const DiffRow& r = d.rows[i];
    out << (i ? ",\n  " : "\n  ") << "{\"cell\": " << json_string(r.cell) << ", \"row_label\": "
        << json_string(r.row_label) << ", \"column_label\": " << json_string(r.column_label)
        << ", \"before\": " << number(r.before) << ", \"after\": " << number(r.after) << ", \"change\": "
        << number(r.change) << ", \"before_state\": " << json_string(r.before_state) << ", \"after_state\": "
        << json_string(r.after_state) << "}";
  }
  out << (d.rows.empty() ? "]}\n" : "\n]}\n");
}

const std::vector<std::string>& aggregate_groups() {
  static const std::vector<std::string> all = {"province", "city", "county", "division", "agency", "year", "template"};
  return all;
}

namespace {

// The canonical cells a --cell names: the id itself, or every cell it is a prefix of (up to a
// "." or a "[": t3.new_received → its seven columns).
std::vector<std::string> wanted_cells(const std::vector<std::string>& asked) {
  if (asked.empty()) return canonical_cells();
  std::vector<std::string> out;
  for (const std::string& a : asked) {
    bool any = false;
    for (const std::string& c : canonical_cells())
      if (c == a || (c.starts_with(a) && (c[a.size()] == '.' || c[a.size()] == '['))) {
        any = true;
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
      }
    if (!any) throw UsageError("no cell is called \"" + a + "\" or starts so (nianbao export --codebook lists them)");
  }
  return out;
}

struct Tally {
  std::size_t values = 0, missing = 0, places = 0;
  long double sum = 0;
};

}  // namespace

std::vector<AggregateRow> aggregate(Database& d, const AggregateQuery& query) {
  std::vector<std::string> columns;  // the group columns, as selected from reports
  for (const std::string& g : query.by) {
    const auto& known = aggregate_groups();
    if (std::find(known.begin(), known.end(), g) == known.end())
      throw UsageError("cannot group by \"" + g + "\" (one of: province, city, county, division, agency, year, template)");
    columns.push_back(g == "agency" ? "agency_key, agency" : g);
  }
  const std::vector<std::string> cells = wanted_cells(query.cells);
  const std::set<std::string> wanted(cells.begin(), cells.end());
  std::string select = "SELECT id, template";
  for (const std::string& c : columns) select += ", " + c;
  Statement reports = d.prepare(select + " FROM reports WHERE primary_form = 1" + (query.year.empty() ? "" : " AND year = ?"));
  if (!query.year.empty()) reports.bind(1, query.year);
  Statement values = d.prepare("SELECT cell, value, state FROM cells WHERE report = ?");

  std::map<std::vector<std::string>, std::pair<std::size_t, std::map<std::string, Tally>>> groups;
  std::map<std::string, std::string> agency_names;  // key → fullest name
  while (reports.step()) {
    std::vector<std::string> key;
    for (int i = 2, g = 0; g < static_cast<int>(query.by.size()); ++g, ++i) {
      if (query.by[g] != "agency") {
        key.push_back(reports.text(i));
        continue;
      }
      const std::string k = group_key(reports.text(i), reports.text(i + 1));
      std::string& name = agency_names[k];
      if (reports.text(i + 1).size() > name.size()) name = reports.text(i + 1);
      key.push_back(k);
      ++i;
    }
    auto& [count, tallies] = groups[key];
    ++count;
    const std::vector<std::string>& format = template_cells(reports.text(1));
    std::set<std::string> numbered;
    values.bind(1, reports.integer(0));
    while (values.step()) {
      if (!wanted.count(values.text(0)) || values.text(2) != "number") continue;
      Tally& t = tallies[values.text(0)];
      ++t.values;
      t.sum += std::stold(values.text(1));
      t.places = std::max(t.places, decimals(values.text(1)));
      numbered.insert(values.text(0));
    }
    values.reset();
    for (const std::string& c : format)
      if (wanted.count(c) && !numbered.count(c)) ++tallies[c].missing;
  }
  std::vector<AggregateRow> out;
  for (const auto& [key, group] : groups)
    for (const std::string& cell : cells) {
      const auto it = group.second.find(cell);
      if (it == group.second.end()) continue;  // no report of the group has the cell in its format
      AggregateRow row{key, cell, group.first, it->second.values, it->second.missing,
                       it->second.values ? decimal_text(it->second.sum, it->second.places) : ""};
      for (std::size_t g = 0; g < query.by.size(); ++g)
        if (query.by[g] == "agency") row.group[g] = agency_names[row.group[g]];
      out.push_back(std::move(row));
    }
  if (query.by_sum)
    std::stable_sort(out.begin(), out.end(), [](const AggregateRow& a, const AggregateRow& b) {
      if (a.sum.empty() || b.sum.empty()) return !a.sum.empty() && b.sum.empty();
      return std::stold(a.sum) > std::stold(b.sum);
    });
  return out;
}

void print_aggregate_csv(const AggregateQuery& query, const std::vector<AggregateRow>& rows, std::ostream& out) {
  for (const std::string& g : query.by) out << g << ',';
  out << "cell,reports,values,missing,sum\n";
  for (const AggregateRow& r : rows) {
    for (const std::string& g : r.group) out << csv_field(g) << ',';
    out << csv_field(r.cell) << ',' << r.reports << ',' << r.values << ',' << r.missing << ',' << r.sum << '\n';
  }
}

}  // namespace nianbao::engine
