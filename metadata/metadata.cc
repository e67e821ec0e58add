// The report's metadata: title, agency (and its division) and reporting year, read from the
// title, the 统计期限 sentence, the credit line, the signature and the text.
#include "metadata/metadata.h"

#include <algorithm>

#include "metadata/divisions.h"
#include "metadata/internal/agency.h"
#include "metadata/internal/years.h"
#include "normalize/normalize.h"

namespace nianbao::metadata {
namespace {

namespace nz = nianbao::normalize;

// The 统计期限 sentence is in the introduction; the context that decides a shared place name is
// the report's opening.
constexpr std::size_t period_blocks = 30;
constexpr std::size_t context_blocks = 60;

// The report's opening, which decides a shared place name: its title and first blocks, joined.
std::string opening(const Report& report) {
  std::string context = report.title;
  for (std::size_t i = 0; i < std::min(report.blocks.size(), context_blocks); ++i) context += report.blocks[i].text;
  return context;
}

// A title's end word further into a text than this is not its title's.
constexpr std::size_t max_title_end = 600;

// The title a text holds: all of a short paragraph up to 年度报告/工作报告, or in a longer
// one (a flattened page) the run of text without spaces that ends there.
std::string title_in(std::string_view text) {
  for (const char* end_word : {"年度报告", "工作报告", "年报"}) {
    // Only an end word starting by max_title_end is taken: the words are looked for there (the
    // rest of a flattened report was searched for nothing).
    const std::string_view head = text.substr(0, max_title_end + std::string_view(end_word).size());
    std::size_t at = nz::find_bytes(head, end_word);
    // Not the name of the format cited in the introduction: 《…年度报告格式》.
    CitationDepth citation(text);
    while (at != std::string_view::npos && citation.inside(at)) at = nz::find_bytes(head, end_word, at + 1);
    if (at == std::string_view::npos || at > max_title_end) continue;
    const std::size_t end = at + std::string_view(end_word).size();
    // A title holds no sentence punctuation: start after the last space, comma or full stop.
    std::size_t start = 0;
    for (const char* sep : {" ", "，", "。", "：", "；", "》"}) {
      const std::size_t p = rfind_word(text, sep, at);
      if (p == std::string_view::npos) continue;
      if (std::string_view(sep) == " " && nz::at_most_code_points(text, 60)) continue;  // a short title line may hold spaces
      start = std::max(start, p + std::string_view(sep).size());
    }
    const std::string_view t = text.substr(start, end - start);
    // A report's title names the disclosure work or its year ("…年政府信息公开工作年度报告").
    const bool names_report = t.find("信息公开") != std::string_view::npos || find_year(t) != std::string_view::npos;
    if (names_report && nz::count_code_points(t) >= 6 && nz::count_code_points(t) <= 80) return std::string(t);
  }
  return "";
}

// The year reported on: the 统计期限 sentence says it; else the title's year (the year of a
// report's title is the year reported on, the date it was published is not read).
std::string reporting_year(const Report& report) {
  for (std::size_t i = 0; i < std::min(report.blocks.size(), period_blocks); ++i)
    if (const std::string_view year = period_year(report.blocks[i].text); !year.empty()) return std::string(year);
  return std::string(year_before_nian(report.title));
}

// The agency in the title: what precedes the year ("淮安市人民政府 2024 年…"), else what sits
// between the year and 政府信息公开 ("2024 年上海市科委政府信息公开工作…").
std::string agency_in_title(const std::string& t) {
  const std::size_t at = find_year(t);
  if (at == std::string::npos) return "";
  std::string agency = nz::clean(t.substr(0, at));
  if (agency.empty()) {
    std::size_t after = t.find("年", at);
    if (after != std::string::npos) {
      after += std::string_view("年").size();
      if (t.compare(after, 3, "度") == 0) after += 3;
      const std::size_t gov = t.find("政府信息公开", after);
      if (gov != std::string::npos) agency = nz::clean(t.substr(after, gov - after));
    }
  }
  return agency;
}

// The agency: the title's, else the one 本报告由…编制 credits, else the signature's, else the
// place-led name the text uses most. Then where it sits (its division), a misread place
// name corrected and noted.
void find_agency(Report& report) {
  std::string agency = agency_in_title(report.title);
  if (!is_agency_name(agency)) agency = agency_in_credit(report);
  if (agency.empty()) agency = agency_in_signature(report);
  if (agency.empty()) agency = agency_most_named(report);
  report.agency = agency;
  if (agency.empty()) return;
  const PlaceMatch place = match_place_made(agency, [&report] { return opening(report); });
  if (!place.corrected.empty()) {
    report.agency_as_read = agency;
    report.agency = place.corrected;
    report.diagnostics.push_back({Severity::info, "metadata.place-corrected",
                                  "agency \"" + agency + "\" names no administrative division; read as \"" +
                                      place.corrected + "\" (division " + place.division.code + ")", {}});
  }
  if (!place.ambiguous.empty())
    report.diagnostics.push_back({Severity::info, "metadata.division-ambiguous",
                                  "the place in \"" + agency + "\" could be any of the divisions " + place.ambiguous, {}});
  report.division = place.division;
}

}  // namespace

void set_given_agency(Report& report, std::string_view agency) {
  report.agency = std::string(agency);
  report.agency_as_read.clear();
  report.division = match_place_made(agency, [&report] { return opening(report); }).division;
}

void find_metadata(Report& report, std::string_view document_title) {
  // Title: the first paragraph near the top that names a report; a short line before it that
  // holds the agency ("淮安市人民政府" / "2024 年…年度报告") is part of it.
  // A page title that names the report wins (HTML <title>, minus the site's name).
  report.title = title_in(document_title);
  const std::size_t limit = std::min<std::size_t>(report.blocks.size(), 12);
  for (std::size_t i = 0; i < limit && report.title.empty(); ++i) {
    const Block& b = report.blocks[i];
    if (b.kind != BlockKind::paragraph) continue;
    std::string t = title_in(b.text);
    if (t.empty() && i + 1 < limit && report.blocks[i + 1].kind == BlockKind::paragraph &&
        nz::at_most_code_points(b.text, 30) && nz::at_most_code_points(report.blocks[i + 1].text, 12)) {
      t = title_in(b.text + report.blocks[i + 1].text);  // "2024 年上海市科委政府信息公开工作" + "年度报告"
    }
    if (t.empty()) continue;
    if (t == b.text && i > 0 && report.blocks[i - 1].kind == BlockKind::paragraph) {
      const std::string prev = report.blocks[i - 1].text.str();
      if (nz::at_most_code_points(prev, 20) && prev.find("报告") == std::string::npos &&
          prev.find("。") == std::string::npos && prev.find("正文") == std::string::npos)
        t = prev + " " + t;
    }
    report.title = t;
  }
  if (report.title.empty()) report.title = nz::clean(document_title);

  report.year = reporting_year(report);
  find_agency(report);
}

std::string agency_key(std::string_view agency, std::string_view division_code) {
  if (agency.empty()) return "";
  if (division_code.empty()) return std::string(agency);
  const std::size_t place = place_length(agency);
  return std::string(division_code) + "/" + std::string(agency.substr(std::min(place, agency.size())));
}

}  // namespace nianbao::metadata
