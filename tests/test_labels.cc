// schema/labels: approximate label and heading matching, and the thresholds the templates
// themselves allow (no text may be within reach of two labels).
#include <doctest/doctest.h>

#include <algorithm>
#include <span>

#include "normalize/normalize.h"
#include "schema/internal/labels.h"
#include "schema/template.h"
#include "tests/corpus.h"

using namespace nianbao;
using namespace nianbao::schema;

TEST_CASE("no two labels of a template can be confused at their thresholds") {
  for (const Template& t : templates()) {
    CAPTURE(t.id);
    std::vector<std::pair<std::string, int>> keys;  // every row key and column header, with its edits
    std::vector<const RowDef*> owner;
    for (const TableDef& table : t.tables) {
      for (const ColumnDef& c : table.columns) keys.push_back({c.key_text, 0}), owner.push_back(nullptr);
      for (const RowDef& row : table.rows)
        for (std::size_t k = 0; k < row.keys.size(); ++k) keys.push_back({row.keys[k], row.key_edits[k]}), owner.push_back(&row);
    }
    int approximate = 0;
    for (std::size_t a = 0; a < keys.size(); ++a) {
      approximate += keys[a].second > 0;
      for (std::size_t b = a + 1; b < keys.size(); ++b) {
        if (owner[a] && owner[a] == owner[b]) continue;  // variants of one label
        if (keys[a].first == keys[b].first) continue;    // one text, one key ("其他" row and column)
        const int reach = keys[a].second + keys[b].second;
        CAPTURE(keys[a].first);
        CAPTURE(keys[b].first);
        CHECK(edit_distance(keys[a].first, keys[b].first, reach) > reach);
      }
    }
    CHECK(approximate > 20);  // the long labels of 表三 do allow a typo
    for (const SectionDef& s : t.sections)
      for (const SectionDef& o : t.sections)
        if (&s != &o) CHECK(edit_distance(s.heading_key, o.heading_key, s.heading_edits + o.heading_edits) > s.heading_edits + o.heading_edits);
  }
}

TEST_CASE("a label with a character dropped, doubled or misread names its row, and says so") {
  const Template* t = find_template("gov-2021");
  const std::vector<const TableDef*> t3{t->table("t3")};
  for (const std::string text : {"一、本年新收政府信公开申请数量", "一、本年新收政府信息息公开申请数量", "5.属于三类内部事物信息"}) {
    CAPTURE(text);
    const LabelMatch m = match_label(t3, text, false);
    REQUIRE(m.row >= 0);
    CHECK(m.edits > 0);
  }
  CHECK(t3[0]->rows[match_label(t3, "一、本年新收政府信公开申请数量", false).row].id == "t3.new_received");
  CHECK(t3[0]->rows[match_label(t3, "5.属于三类内部事物信息", false).row].id == "t3.result.denied.internal_affairs");
  // Exact labels need no edits; a short label is never matched approximately.
  CHECK(match_label(t3, "2.重复申请", false).edits == 0);
  CHECK(match_label(t3, "2.重夏申请", false).row < 0);
}

TEST_CASE("a section heading with an inserted character names its section: 行政法复议") {
  const Template* t = find_template("gov-2021");
  const SectionDef* s = t->section("sec.review_litigation");
  int edits = 0;
  CHECK(heading_names(*s, "四、政府信息公开行政法复议、行政诉讼情况", &edits));
  CHECK(edits == 1);
  CHECK(heading_names(*s, "四、政府信息公开行政复议、行政诉讼情况", &edits));
  CHECK(edits == 0);
  CHECK_FALSE(heading_names(*s, "五、存在的主要问题及改进情况"));
}

TEST_CASE("the seed with a typo in the heading of section 四 keeps all 15 cells of 表四, noted") {
  std::string text = test::read_file(test::corpus_path("000-seed.txt"));
  const std::string heading = "政府信息公开行政复议、行政诉讼情况";
  const std::size_t at = text.find("四、" + heading);
  REQUIRE(at != std::string::npos);
  text.replace(at, std::string("四、" + heading).size(), "四、政府信息公开行政法复议、行政诉讼情况");
  ExtractOptions options;
  const Report r = extract_report(text, options);
  int t4 = 0;
  for (const CellValue& v : r.values)
    if (v.cell.rfind("t4.", 0) == 0) {
      ++t4;
      CHECK(v.state == ValueState::number);
      CHECK(v.note.find("matched within 1 edit") != std::string::npos);
    }
  CHECK(t4 == 15);
}

TEST_CASE("a text as short as a label less its allowed edits still names it (shorter texts skip the label unmatched)") {
  std::size_t checked = 0;
  for (const Template& t : templates())
    for (const TableDef& table : t.tables) {
      const LabelMatcher matcher({&table});
      for (int r = 0; r < static_cast<int>(table.rows.size()); ++r)
        for (std::size_t k = 0; k < table.rows[r].keys.size(); ++k) {
          const int edits = table.rows[r].key_edits[k];
          if (edits == 0) continue;
          // The key with its last `edits` code points dropped: as short as a text within reach.
          const std::u32string& points = table.rows[r].key_points[k];
          LabelText text;
          for (std::size_t i = 0; i + static_cast<std::size_t>(edits) < points.size(); ++i) normalize::append_utf8(text.key, points[i]);
          CAPTURE(t.id);
          CAPTURE(text.key);
          const LabelMatch m = matcher.match(text, false);
          CHECK(m.table == &table);
          CHECK(m.row == r);
          CHECK(m.edits == edits);
          ++checked;
        }
    }
  CHECK(checked > 40);
}

TEST_CASE("WordIndex finds each word's indices in order, as a scan of the entries does, and nothing for other words") {
  std::uint64_t state = 14;
  auto next = [&] { return static_cast<std::uint32_t>((state = state * 6364136223846793005u + 1442695040888963407u) >> 33); };
  std::size_t checked = 0, listed = 0;
  for (int round = 0; round < 400; ++round) {
    // Few distinct words (so that words repeat and home slots collide), some of them 0 or alike
    // but for a low byte (the first bytes of ideographs of one block).
    const std::size_t distinct = 1 + next() % 40, entries = next() % 120;
    std::vector<std::uint32_t> words;
    for (std::size_t w = 0; w < distinct; ++w)
      words.push_back(w % 7 == 0 ? 0xE4B88000u + next() % 4 : w % 11 == 0 ? 0 : next());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> list;
    for (std::uint32_t i = 0; i < entries; ++i) list.emplace_back(words[next() % distinct], i);
    const WordIndex index(list);
    std::vector<std::uint32_t> queries = words;
    for (int q = 0; q < 20; ++q) queries.push_back(q % 2 ? next() : 0xE4B88000u + next() % 8);
    for (const std::uint32_t word : queries) {
      std::vector<std::uint32_t> expected;
      for (const auto& [w, i] : list)
        if (w == word) expected.push_back(i);
      const std::span<const std::uint32_t> found = index.find(word);
      CAPTURE(round);
      CAPTURE(word);
      CHECK(std::vector<std::uint32_t>(found.begin(), found.end()) == expected);
      ++checked;
      listed += !expected.empty();
    }
  }
  CHECK(WordIndex().find(0).empty());
  CHECK(checked > 10000);
  CHECK(listed > 3000);
}

namespace {

// The exact pass of label matching as defined, one key after another in the matcher's order
// (tables, rows, keys), each scored by the first kind it is: the text is the key (unless a
// lone column header, with fragments and no number), ends with it (a label of two ideographs
// or more; its row number just before it agrees), starts with it, or (fragments, a text of four
// ideographs or more) starts or ends it. The scores as labels.cc gives them.
LabelMatch exact_pass_by_scan(const std::vector<const TableDef*>& tables, const LabelText& text, bool fragments) {
  const std::string& key = text.key;
  auto column = [](const TableDef& t, const std::string& k) {
    return std::any_of(t.columns.begin(), t.columns.end(), [&](const ColumnDef& c) { return c.key_text == k; });
  };
  auto number_key = [](std::string n) {
    std::erase(n, '(');
    std::erase(n, ')');
    return n;
  };
  LabelMatch best;
  if (key.empty()) return best;
  for (const TableDef* t : tables)
    for (int r = 0; r < static_cast<int>(t->rows.size()); ++r)
      for (const std::string& rk : t->rows[r].keys) {
        const RowDef& row = t->rows[r];
        int score = 0;
        if (key == rk) {
          score = fragments && text.number.empty() && column(*t, key) ? 0 : 1000 + static_cast<int>(rk.size());
        } else if (key.ends_with(rk) && rk.size() >= 6) {
          score = 600 + static_cast<int>(rk.size());
          if (!row.number.empty() && std::string_view(key).substr(0, key.size() - rk.size()).ends_with(number_key(row.number)))
            score += 50;
        } else if (key.starts_with(rk) && rk.size() >= 6) {
          score = 400 + static_cast<int>(rk.size());
        } else if (fragments && key.size() >= 12 && rk.starts_with(key)) {
          score = 200 + static_cast<int>(key.size());
        } else if (fragments && key.size() >= 12 && rk.ends_with(key)) {
          score = 150 + static_cast<int>(key.size());
        }
        if (score > 0 && !text.number.empty() && !row.number.empty()) score += text.number == row.number ? 50 : -50;
        if (score > best.score) best = {t, r, score, 0, std::string()};
      }
  return best;
}

}  // namespace

TEST_CASE("the exact pass of the label matcher (its keys indexed by their ends) finds what a scan of every key finds") {
  std::uint64_t state = 2021;
  auto next = [&](std::uint32_t n) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<std::uint32_t>(state >> 33) % n;
  };
  std::size_t compared = 0, matched = 0, fragments_matched = 0;
  for (const Template& t : templates()) {
    std::vector<std::vector<const TableDef*>> groups{{}};
    for (const TableDef& table : t.tables) groups.front().push_back(&table), groups.push_back({&table});
    std::vector<std::string> keys, numbers{"", "1", "3", "三", "(一)", "(三)", "(六)"};
    for (const TableDef& table : t.tables) {
      for (const ColumnDef& c : table.columns) keys.push_back(c.key_text);
      for (const RowDef& row : table.rows) {
        keys.insert(keys.end(), row.keys.begin(), row.keys.end());
        numbers.push_back(row.number);
      }
    }
    std::erase(keys, std::string());
    const std::vector<std::string> noise{"合计", "其他", "情况", "总计", "a", "12", "的", "申请"};
    auto code_points_of = [](const std::string& s) {
      std::vector<std::string> out;
      for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        normalize::next_code_point(s, i);
        out.push_back(s.substr(at, i - at));
      }
      return out;
    };
    for (const auto& tables : groups) {
      const LabelMatcher matcher(tables);
      for (int n = 0; n < 3000; ++n) {
        const std::string& k = keys[next(static_cast<std::uint32_t>(keys.size()))];
        const std::vector<std::string> points = code_points_of(k);
        LabelText text;
        switch (next(7)) {
          case 0: text.key = k; break;
          case 1: text.key = noise[next(8)] + k; break;
          case 2: text.key = k + noise[next(8)]; break;
          case 3: text.key = k + keys[next(static_cast<std::uint32_t>(keys.size()))]; break;
          case 4:  // a piece of the label: its start or its end
          case 5: {
            const std::size_t cut = next(static_cast<std::uint32_t>(points.size()) + 1);
            for (std::size_t i = 0; i < points.size(); ++i)
              if ((next(2) == 0) == (i < cut)) text.key += points[i];
            if (text.key.empty()) text.key = k;
            std::string piece;
            if (n % 2) for (std::size_t i = 0; i < cut; ++i) piece += points[i];
            else for (std::size_t i = cut; i < points.size(); ++i) piece += points[i];
            if (!piece.empty() && next(3)) text.key = piece;
            break;
          }
          default: text.key = numbers[next(static_cast<std::uint32_t>(numbers.size()))] + k;
        }
        text.number = numbers[next(static_cast<std::uint32_t>(numbers.size()))];
        const bool fragments = next(2) == 0;
        const LabelMatch expected = exact_pass_by_scan(tables, text, fragments);
        const LabelMatch m = matcher.match(text, fragments);
        CAPTURE(t.id);
        CAPTURE(text.key);
        CAPTURE(text.number);
        CAPTURE(fragments);
        // The approximate pass may only find better (and runs only below an exact match's score).
        CHECK(m.score >= expected.score);
        if (m.score == expected.score) {
          CHECK(m.table == expected.table);
          CHECK(m.row == expected.row);
        }
        ++compared;
        matched += expected.score > 0 && m.score == expected.score;
        fragments_matched += expected.score > 0 && expected.score < 400 && m.score == expected.score;
      }
    }
  }
  CHECK(compared > 20000);
  CHECK(matched > 4000);
  CHECK(fragments_matched > 100);
}

TEST_CASE("a key's code points as the approximate pass counts them: decoded, on generated keys and the templates' labels") {
  // Keys as label_text makes them, of texts with ASCII, ideographs (one of three bytes before
  // U+4E00, one of four), full-width forms, punctuation and broken UTF-8; and the row labels.
  const std::vector<std::string> pieces{"政", "府", "\xE3\x90\x80", "\xF0\xA0\x80\x80", "a", "Z", "7", " ", "（三）",
                                        "，", "１", "Ａ", "\x80", "\xE6", "\xE6\x94", "\xC3\xA9", "\xF0\x9F\x98\x80", "1."};
  std::uint64_t state = 5;
  auto next = [&](std::uint32_t n) {
    return static_cast<std::uint32_t>((state = state * 6364136223846793005u + 1442695040888963407u) >> 33) % n;
  };
  std::vector<std::string> keys;
  for (int round = 0; round < 20000; ++round) {
    std::string raw;
    for (std::uint32_t i = 0, n = next(30); i < n; ++i) raw += pieces[next(static_cast<std::uint32_t>(pieces.size()))];
    keys.push_back(label_text(raw).key);
  }
  for (const Template& t : templates())
    for (const TableDef& table : t.tables)
      for (const RowDef& row : table.rows) keys.insert(keys.end(), row.keys.begin(), row.keys.end());
  std::size_t points = 0;
  for (const std::string& key : keys) {
    std::uint64_t bits = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < key.size(); ++count) bits |= std::uint64_t{1} << (normalize::next_code_point(key, i) & 63);
    const KeyCodePoints fast = key_code_points(key);
    CAPTURE(key);
    CHECK(fast.bits == bits);
    CHECK(fast.count == count);
    points += count;
  }
  CHECK(points > 100000);
}
