// The report's metadata: title, agency and reporting year, read from the title and the 统计期限
// sentence.
#include "metadata/metadata.h"

#include <re2/re2.h>

#include <algorithm>

#include "normalize/normalize.h"

namespace nianbao::metadata {
namespace {

namespace nz = nianbao::normalize;

// True if `at` lies inside 《…》 or 〈…〉 (a cited document's name).
bool inside_citation(std::string_view text, std::size_t at) {
  int depth = 0;
  for (std::size_t i = 0; i < at;) {
    const std::string_view rest = text.substr(i);
    if (rest.rfind("《", 0) == 0 || rest.rfind("〈", 0) == 0) ++depth;
    else if ((rest.rfind("》", 0) == 0 || rest.rfind("〉", 0) == 0) && depth > 0) --depth;
    nz::next_code_point(text, i);
  }
  return depth > 0;
}

// The title a text holds: all of a short paragraph up to 年度报告/工作报告, or in a longer
// one (a flattened page) the run of text without spaces that ends there.
std::string title_in(std::string_view text) {
  for (const char* end_word : {"年度报告", "工作报告", "年报"}) {
    std::size_t at = text.find(end_word);
    // Not the name of the format cited in the introduction: 《…年度报告格式》.
    while (at != std::string_view::npos && inside_citation(text, at)) at = text.find(end_word, at + 1);
    if (at == std::string_view::npos || at > 600) continue;
    const std::size_t end = at + std::string_view(end_word).size();
    // A title holds no sentence punctuation: start after the last space, comma or full stop.
    std::size_t start = 0;
    for (const char* sep : {" ", "，", "。", "：", "；", "》"}) {
      const std::size_t p = text.rfind(sep, at);
      if (p == std::string_view::npos) continue;
      if (std::string_view(sep) == " " && nz::count_code_points(text) <= 60) continue;  // a short title line may hold spaces
      start = std::max(start, p + std::string_view(sep).size());
    }
    const std::string_view t = text.substr(start, end - start);
    // A report's title names the disclosure work or its year ("…年政府信息公开工作年度报告").
    static const RE2 year(R"((?:19|20)\d{2})");
    const bool names_report = t.find("信息公开") != std::string_view::npos ||
                              RE2::PartialMatch(re2::StringPiece(t.data(), t.size()), year);
    if (names_report && nz::count_code_points(t) >= 6 && nz::count_code_points(t) <= 80) return std::string(t);
  }
  return "";
}

}  // namespace

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
        nz::count_code_points(b.text) <= 30 && nz::count_code_points(report.blocks[i + 1].text) <= 12) {
      t = title_in(b.text + report.blocks[i + 1].text);  // "2024 年上海市科委政府信息公开工作" + "年度报告"
    }
    if (t.empty()) continue;
    if (t == b.text && i > 0 && report.blocks[i - 1].kind == BlockKind::paragraph) {
      const std::string& prev = report.blocks[i - 1].text;
      if (nz::count_code_points(prev) <= 20 && prev.find("报告") == std::string::npos &&
          prev.find("。") == std::string::npos && prev.find("正文") == std::string::npos)
        t = prev + " " + t;
    }
    report.title = t;
  }
  if (report.title.empty()) report.title = nz::clean(document_title);

  static const RE2 year_in_title(R"(((?:19|20)\d{2})\s*年)");
  static const RE2 period(R"(统计(?:期限|周期|时限)[^0-9]{0,12}((?:19|20)\d{2})\s*年)");
  std::string year;
  re2::StringPiece m;
  if (RE2::PartialMatch(report.title, year_in_title, &year)) report.year = year;
  for (std::size_t i = 0; i < std::min<std::size_t>(report.blocks.size(), 30) && report.year.empty(); ++i)
    if (RE2::PartialMatch(report.blocks[i].text, period, &year)) report.year = year;

  // Agency: what precedes the year in the title ("淮安市人民政府 2024 年…"), else what sits
  // between the year and 政府信息公开 ("2024 年上海市科委政府信息公开工作…").
  if (!report.year.empty()) {
    const std::string& t = report.title;
    const std::size_t y = t.find(report.year);
    std::string agency = nz::clean(t.substr(0, y));
    if (agency.empty()) {
      std::size_t after = t.find("年", y);
      if (after != std::string::npos) {
        after += 3;
        if (t.compare(after, 3, "度") == 0) after += 3;
        const std::size_t gov = t.find("政府信息公开", after);
        if (gov != std::string::npos) agency = nz::clean(t.substr(after, gov - after));
      }
    }
    report.agency = agency;
  }
}

}  // namespace nianbao::metadata
