// Measures full-text search tokenizations on real reports, for docs/search.md: for each query,
// the sentences each method finds against the ground truth (the folded query is a substring of
// the folded sentence, normalize::fold = NFKC + whitespace removed), as recall and precision.
//   nianbao_search_eval QUERIES.txt OUT/*.xml
// Methods: FTS5 trigram over the folded text (alone, and with the LIKE fallback for queries of
// 1–2 characters that `nianbao search` uses), and ICU word segmentation (normalize::split_words)
// into space-separated tokens in an FTS5 unicode61 table, queried as a phrase of the query's tokens.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>

#include "engine/internal/report_xml.h"
#include "engine/internal/search_text.h"
#include "engine/database.h"
#include "normalize/normalize.h"

using namespace nianbao;

namespace {

struct Tally {
  std::size_t truth = 0, found = 0, correct = 0;
  double ms = 0;
  void add(const std::set<std::int64_t>& t, const std::set<std::int64_t>& f, double time) {
    truth += t.size();
    found += f.size();
    for (const auto id : f) correct += t.count(id);
    ms += time;
  }
  std::string recall() const { return truth ? fmt(100.0 * correct / truth) : "–"; }
  std::string precision() const { return found ? fmt(100.0 * correct / found) : "–"; }
  static std::string fmt(double x) {
    char b[16];
    std::snprintf(b, sizeof b, "%.1f%%", x);
    return b;
  }
};

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::set<std::int64_t> ids(engine::Database& d, const std::string& sql, const std::string& arg, double& ms) {
  const auto t0 = std::chrono::steady_clock::now();
  std::set<std::int64_t> out;
  engine::Statement q = d.prepare(sql);
  q.bind(1, arg);
  while (q.step()) out.insert(q.integer(0));
  ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

std::string join_words(const std::string& folded) {
  std::string out;
  for (const std::string& w : normalize::split_words(folded)) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: nianbao_search_eval QUERIES.txt REPORT.xml...\n"
                 "       nianbao_search_eval --misses QUERY REPORT.xml...  (ICU segmentation of missed sentences)\n";
    return 2;
  }
  const bool misses = std::string(argv[1]) == "--misses";
  if (misses && argc < 4) return 2;
  const int first_report = misses ? 3 : 2;
  engine::Database d(":memory:", engine::Database::Mode::read_write_create);
  d.exec("CREATE TABLE s(id INTEGER PRIMARY KEY, folded TEXT, words TEXT, truth TEXT);"
         "CREATE VIRTUAL TABLE tri USING fts5(folded, content='s', content_rowid='id', tokenize='trigram');"
         "CREATE VIRTUAL TABLE icu USING fts5(words, content='s', content_rowid='id', tokenize='unicode61');");
  std::size_t reports = 0, sentences = 0;
  {
    engine::Transaction tx(d);
    engine::Statement add = d.prepare("INSERT INTO s(folded, words, truth) VALUES (?, ?, ?)");
    for (int i = first_report; i < argc; ++i) {
      const engine::XmlReport r = engine::read_report_xml(argv[i]);
      ++reports;
      for (const engine::XmlSentence& s : r.sentences) {
        const std::string truth = normalize::fold(s.text);
        add.bind(1, engine::search_fold(s.text)).bind(2, join_words(truth)).bind(3, truth);
        add.run();
        ++sentences;
      }
    }
    d.exec("INSERT INTO tri(tri) VALUES ('rebuild'); INSERT INTO icu(icu) VALUES ('rebuild');");
    tx.commit();
  }

  if (misses) {
    // The sentences that contain the query but not its ICU words as a phrase, segmented.
    const std::string f = normalize::fold(argv[2]);
    std::printf("query %s → %s\n", argv[2], join_words(f).c_str());
    double ms;
    const auto found = ids(d, "SELECT rowid FROM icu WHERE icu MATCH ?", quoted(join_words(f)), ms);
    engine::Statement q = d.prepare("SELECT id, words FROM s WHERE instr(truth, ?) > 0");
    q.bind(1, f);
    int shown = 0;
    while (q.step() && shown < 5)
      if (!found.count(q.integer(0))) {
        const std::string w = q.text(1);
        const std::string first = join_words(f).substr(0, join_words(f).find(' '));
        std::size_t from = w.find(first), to;
        from = from > 30 ? from - 30 : 0;
        while (from > 0 && (static_cast<unsigned char>(w[from]) & 0xC0) == 0x80) --from;
        for (to = std::min(w.size(), from + 90); to < w.size() && (static_cast<unsigned char>(w[to]) & 0xC0) == 0x80;) ++to;
        std::printf("  missed: …%s…\n", w.substr(from, to - from).c_str());
        ++shown;
      }
    return 0;
  }
  std::ifstream in(argv[1]);
  std::string query;
  std::printf("%zu reports, %zu sentences\n\n", reports, sentences);
  std::printf("| query | chars | truth | trigram R/P | trigram+LIKE R/P | ICU words R/P | ICU query tokens |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  // Tallies per query length: 2, 3, 4+ characters.
  Tally tri[3], hyb[3], icu[3];
  while (std::getline(in, query)) {
    if (query.empty() || query[0] == '#') continue;
    const std::string f = normalize::fold(query);
    const std::size_t n = normalize::count_code_points(f);
    const int group = n <= 2 ? 0 : n == 3 ? 1 : 2;
    double ms_truth, ms_tri, ms_hyb, ms_icu;
    const auto truth = ids(d, "SELECT id FROM s WHERE instr(truth, ?) > 0", f, ms_truth);
    const std::string sf = engine::search_fold(query);
    const auto t = ids(d, "SELECT rowid FROM tri WHERE tri MATCH ?", quoted(sf), ms_tri);
    const auto h = n >= 3 ? t : ids(d, "SELECT id FROM s WHERE folded LIKE '%' || ? || '%'", sf, ms_hyb);
    if (n >= 3) ms_hyb = ms_tri;
    const std::string words = join_words(f);
    const auto w = ids(d, "SELECT rowid FROM icu WHERE icu MATCH ?", quoted(words), ms_icu);
    tri[group].add(truth, t, ms_tri);
    hyb[group].add(truth, h, ms_hyb);
    icu[group].add(truth, w, ms_icu);
    auto rp = [&](const std::set<std::int64_t>& found) {
      Tally one;
      one.add(truth, found, 0);
      return one.recall() + " / " + one.precision();
    };
    std::printf("| %s | %zu | %zu | %s | %s | %s | %s |\n", query.c_str(), n, truth.size(), rp(t).c_str(),
                rp(h).c_str(), rp(w).c_str(), words.c_str());
  }
  auto bytes = [&](const char* prefix) {
    engine::Statement q = d.prepare("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE ? || '%'");
    q.bind(1, std::string(prefix));
    q.step();
    return q.integer(0);
  };
  std::printf("\nIndex size: sentences (folded + words + truth text) %lld bytes; trigram index %lld bytes; "
              "ICU-words index %lld bytes\n",
              static_cast<long long>(bytes("s")), static_cast<long long>(bytes("tri_")),
              static_cast<long long>(bytes("icu_")));
  std::printf("\n| query length | method | truth | found | correct | recall | precision | ms (all queries) |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  const char* names[] = {"2 chars", "3 chars", "4+ chars"};
  for (int g = 0; g < 3; ++g)
    for (auto [name, tally] : {std::pair{"trigram", &tri[g]}, std::pair{"trigram+LIKE", &hyb[g]}, std::pair{"ICU words", &icu[g]}})
      std::printf("| %s | %s | %zu | %zu | %zu | %s | %s | %.1f |\n", names[g], name, tally->truth, tally->found,
                  tally->correct, tally->recall().c_str(), tally->precision().c_str(), tally->ms);
  return 0;
}
