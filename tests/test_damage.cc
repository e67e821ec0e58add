// How well we read reports we have not seen: every labelled corpus report, damaged one class
// at a time (tests/damage.h), against its hand-checked expectations carried over. A number
// written that differs from the expectation fails the suite; so does a class that reads fewer
// than 99 % of its cells, or a report whose per-table counts hide a lost cell.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include "tests/damage.h"

using namespace nianbao;

namespace {

bool is_number(const std::string& s) { return s != "blank" && s != "dash" && s != "ambiguous" && s != "(missing)"; }

struct Tally {
  std::size_t files = 0, cells = 0, right = 0, wrong = 0, templates_right = 0;
  std::vector<std::string> wrongs;
  std::vector<std::string> losses;  // file: cells not read, for the message
  std::vector<std::string> silent;  // file: cells missing that the table counts do not report
};

void score(const std::string& label, const Report& r, const test::Expected& e, const test::Variant& v, Tally& t) {
  std::map<std::string, std::string> got;
  for (const CellValue& c : r.values) got[c.cell] = test::state_of(c);
  ++t.files;
  t.templates_right += r.template_id == e.template_id;
  std::size_t lost = 0;
  for (const auto& [cell, original] : e.cells) {
    const auto changed = v.changed.find(cell);
    const std::string want = changed == v.changed.end() ? original : changed->second;
    const auto it = got.find(cell);
    const std::string have = it == got.end() ? "(missing)" : it->second;
    ++t.cells;
    if (have == want) ++t.right;
    else if (is_number(have)) {
      ++t.wrong;
      t.wrongs.push_back(label + " " + cell + ": expected " + want + ", got " + have);
    } else ++lost;
  }
  for (const auto& [cell, have] : got)
    if (!e.cells.count(cell) && is_number(have)) {
      ++t.wrong;
      t.wrongs.push_back(label + " " + cell + ": not in the source, got " + have);
    }
  if (lost) t.losses.push_back(label + " " + std::to_string(lost));
  // No silent loss: the per-table counts say how many cells were not read.
  std::size_t missing = 0, unread = 0;
  for (const auto& [cell, original] : e.cells) missing += !got.count(cell);
  for (const TableRead& tr : r.table_reads) unread += tr.unread;
  if (unread < missing) t.silent.push_back(label + " " + std::to_string(missing - unread));
}

// The share of its cells each class of damage must read right (issue 15).
constexpr double min_read_share = 0.99;

}  // namespace

TEST_CASE("damaged variants of the corpus write no wrong number and read their cells") {
  std::map<std::string, std::string> sources;
  std::map<std::string, test::Expected> expected;
  for (const std::string& file : test::corpus_files()) {
    if (file.ends_with(".pdf")) continue;  // the damages are to text; a PDF's text is not its bytes
    test::Expected e = test::expected_for(file);
    if (e.template_id == "none") continue;
    sources[file] = test::read_file(test::corpus_path(file));
    expected[file] = std::move(e);
  }
  for (const test::Damage& d : test::damages()) {
    CAPTURE(d.name);
    Tally t;
    for (const auto& [file, source] : sources) {
      const test::Variant v = d.apply(source, expected[file]);
      if (v.text.empty()) continue;
      if (const char* dir = std::getenv("NIANBAO_DAMAGE_DUMP")) {  // to look at a variant by hand
        std::ofstream(std::string(dir) + "/" + d.name + "-" + file, std::ios::binary) << v.text;
      }
      ExtractOptions options;
      options.source = "damaged/" + d.name + "/" + file + (v.as_text ? ".txt" : "");
      score(file, extract_report(v.text, options), expected[file], v, t);
    }
    const double read = t.cells ? static_cast<double>(t.right) / static_cast<double>(t.cells) : 1.0;
    MESSAGE(d.name << ": " << t.files << " reports, " << t.right << " / " << t.cells << " cells read right ("
                   << static_cast<int>(read * 1000) / 10.0 << " %), " << t.wrong << " wrong, template right in "
                   << t.templates_right << "; cells lost: " << test::join(t.losses, ", "));
    CHECK(t.files > 0);
    CHECK_MESSAGE(t.wrong == 0, test::join(t.wrongs, "\n"));
    CHECK_MESSAGE(t.silent.empty(), test::join(t.silent, ", "));
    CHECK(read >= min_read_share);
  }
}
