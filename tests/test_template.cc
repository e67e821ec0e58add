// schema/: template data, label matching, number runs, digit-run splitting, rules and the
// values/checks they produce on minimal excerpts of real reports.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "normalize/normalize.h"
#include "output/output.h"
#include "pipeline/pipeline.h"
#include "schema/internal/labels.h"
#include "schema/internal/mapper.h"
#include "schema/internal/rules.h"
#include "schema/internal/solver.h"
#include "schema/internal/splits.h"
#include "schema/internal/stream.h"
#include "schema/schema.h"
#include "schema/template.h"
#include "tests/corpus.h"

using namespace nianbao;
using namespace nianbao::schema;

namespace {

std::vector<std::string> split_values(const std::vector<std::string>& pieces, const std::vector<ValueType>& types,
                                      std::size_t limit = 1000) {
  std::vector<std::string> out;
  std::size_t budget = 100000;
  enumerate_splits(pieces, types, budget, [&](const std::vector<std::string_view>& cells) {
    std::string s;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      Reading c;
      REQUIRE(read_single_cell(std::string(cells[i]), types[i], c));
      s += (s.empty() ? "" : "|") + c.value;
    }
    out.push_back(s);
    return out.size() < limit;
  });
  return out;
}

const CellValue* value_of(const Report& r, const std::string& cell) {
  for (const CellValue& v : r.values)
    if (v.cell == cell) return &v;
  return nullptr;
}

Report extract_text(const std::string& text) {
  ExtractOptions o;
  o.source = "test.txt";
  return extract_report(text, o);
}

const std::vector<ValueType> seven_counts(7, ValueType::count);

std::vector<std::string> pieces_of_run(const Token& run) {
  std::vector<std::string> out;
  append_number_pieces(run.text, out);
  return out;
}

}  // namespace

TEST_CASE("both formats load from data with the spec's cell counts") {
  const Template* t21 = find_template("gov-2021");
  const Template* t19 = find_template("gov-2019");
  REQUIRE(t21);
  REQUIRE(t19);
  auto cells = [](const Template& t) {
    std::size_t n = 0;
    for (const TableDef& table : t.tables) n += table.data_rows().size() * table.columns.size();
    return n;
  };
  CHECK(cells(*t21) == 200);  // 10 + 175 + 15
  CHECK(cells(*t19) == 198);  // 22 + 161 + 15
  const TableDef* t3 = t21->table("t3");
  REQUIRE(t3);
  CHECK(t3->cell_id(t3->rows[t3->find_row("t3.result.unable.not_held")], t3->columns[1]) ==
        "t3.result.unable.not_held[org_commercial]");
  // （六）其他处理 printed as one row: 23 data rows.
  CHECK(t3->data_rows(t3->collapsible_groups()).size() == 23);
}

TEST_CASE("label keys ignore numbering punctuation, spaces, width and quotes") {
  CHECK(label_key("（三） 不予公开") == "不予公开");
  CHECK(label_key("1、申请人无正当理由逾期不补正") == label_key("1.申请人无正当理由逾期不补正"));
  CHECK(label_key("3. 危及“三安全一稳定”") == "危及三安全一稳定");
}

TEST_CASE("a label typo listed in the template data still names its row: 2.其他法律行政止公开") {
  const TableDef* t3 = find_template("gov-2021")->table("t3");
  const LabelMatch m = match_label({t3}, "2.其他法律行政止公开", false);
  REQUIRE(m.row >= 0);
  CHECK(t3->rows[m.row].id == "t3.result.denied.prohibited_by_law");
}

TEST_CASE("a flattened label ends with the row it names: （三）不予公开1.属于国家秘密") {
  const TableDef* t3 = find_template("gov-2021")->table("t3");
  const LabelMatch m = match_label({t3}, "（三）不予公开1.属于国家秘密", false);
  REQUIRE(m.row >= 0);
  CHECK(t3->rows[m.row].id == "t3.result.denied.state_secret");
}

TEST_CASE("number runs of a flattened paragraph, and a label number glued to the run before it") {
  const auto t = tokenize_paragraph("规章000规范性文件898989");
  REQUIRE(t.size() == 4);
  CHECK(t[0].text == "规章");
  CHECK(t[1].text == "000");
  CHECK(pieces_of_run(t[3]) == std::vector<std::string>{"898989"});
  const auto g = tokenize_paragraph("1.属于国家秘密00000002.其他法律行政法规禁止公开");
  REQUIRE(g.size() == 3);
  CHECK(g[1].text == "0000000");
  CHECK(g[2].text == "2.其他法律行政法规禁止公开");
  const auto spaced = tokenize_paragraph("一、本年新收政府信息公开申请数量230 000023二、");
  REQUIRE(spaced.size() == 3);
  CHECK(pieces_of_run(spaced[1]) == std::vector<std::string>{"230", "000023"});
  const auto money = tokenize_paragraph("政府集中采购13575394432.52元三、收到");
  CHECK(money[1].text == "13575394432.52元");
  // ASCII letters, digits and marks are read without the decoder, full-width ones through it.
  const auto ascii = tokenize_paragraph("ab12cd x 3.5 y，-7件");
  REQUIRE(ascii.size() == 7);
  CHECK(ascii[0].text == "ab");
  CHECK(ascii[1].text == "12");
  CHECK(ascii[2].text == "cd x");
  CHECK(ascii[3].text == "3.5");
  CHECK(ascii[4].text == "y，");
  CHECK(ascii[5].text == "-7");
  CHECK(ascii[6].text == "件");
}

TEST_CASE("flattened row 230 000023 splits into 23 0 0 0 0 0 23 under the row rule") {
  const auto all = split_values({"230", "000023"}, seven_counts);
  // Row rule R3.2: the total is the sum of the six applicant cells.
  std::vector<std::string> kept;
  for (const std::string& s : all) {
    std::vector<long> v;
    std::size_t start = 0;
    for (std::size_t at; (at = s.find('|', start)) != std::string::npos; start = at + 1) v.push_back(std::stol(s.substr(start, at - start)));
    v.push_back(std::stol(s.substr(start)));
    if (v[0] + v[1] + v[2] + v[3] + v[4] + v[5] == v[6]) kept.push_back(s);
  }
  CHECK(kept == std::vector<std::string>{"23|0|0|0|0|0|23"});
}

// The readings of pieces as `cells` counts by their definition, without the walk's pruning:
// each piece cut into one cell or more, each a count (no leading zero, at most 12 digits).
void counts_by_definition(const std::vector<std::string>& pieces, std::size_t piece, std::size_t from,
                          std::size_t cells, std::string so_far, std::vector<std::string>& out) {
  if (piece == pieces.size()) {
    if (cells == 0) out.push_back(so_far);
    return;
  }
  if (cells == 0) return;
  const std::string& s = pieces[piece];
  for (std::size_t end = from + 1; end <= s.size() && end - from <= 12; ++end) {
    if (s[from] == '0' && end - from > 1) break;
    const std::string next = so_far + (so_far.empty() ? "" : "|") + s.substr(from, end - from);
    if (end == s.size()) counts_by_definition(pieces, piece + 1, 0, cells - 1, next, out);
    else counts_by_definition(pieces, piece, end, cells - 1, next, out);
  }
}

TEST_CASE("the walk over a run's cuts gives the readings by definition, alone, in turn and inside another's") {
  // The thread's walks share their arrays; a walk from inside another's callback has its own.
  std::mt19937 rng(14);
  for (int round = 0; round < 300; ++round) {
    auto run = [&] {
      std::vector<std::string> pieces(1 + rng() % 3);
      for (std::string& p : pieces) {
        p.resize(1 + rng() % 7);
        for (char& c : p) c = static_cast<char>('0' + (rng() % 3 == 0 ? 0 : rng() % 10));
      }
      return pieces;
    };
    const std::vector<std::string> a = run(), b = run();
    const std::vector<ValueType> types_a(a.size() + rng() % 4, ValueType::count), types_b(b.size() + rng() % 4, ValueType::count);
    std::vector<std::string> expected_a, expected_b;
    counts_by_definition(a, 0, 0, types_a.size(), "", expected_a);
    counts_by_definition(b, 0, 0, types_b.size(), "", expected_b);
    CHECK(split_values(a, types_a) == expected_a);  // alone
    CHECK(split_values(b, types_b) == expected_b);  // next, in arrays the first grew
    std::vector<std::string> outer;
    std::size_t budget = 100000;
    enumerate_splits(a, types_a, budget, [&](const std::vector<std::string_view>& cells) {
      CHECK(split_values(b, types_b) == expected_b);  // inside
      std::string s;
      for (std::string_view c : cells) s += (s.empty() ? "" : "|") + std::string(c);
      outer.push_back(s);
      return true;
    });
    CHECK(outer == expected_a);
  }
}

TEST_CASE("a digit run never reads a superfluous leading zero: 000 is 0|0|0") {
  CHECK(split_values({"000"}, std::vector<ValueType>(3, ValueType::count)) == std::vector<std::string>{"0|0|0"});
}

TEST_CASE("a cut-out count has at most 12 digits: a run too long for its cells has no reading, found at once") {
  // 12 digits per cell: 7 cells hold 84 at most, so 100 digits have no reading and the
  // enumeration stops at its first step instead of walking its budget (a fuzzer's timeout).
  std::size_t budget = 100000;
  std::size_t readings = 0;
  const bool complete = enumerate_splits({"0" + std::string(99, '6')}, seven_counts, budget, [&](const auto&) {
    ++readings;
    return true;
  });
  CHECK(complete);
  CHECK(readings == 0);
  CHECK(budget == 100000 - 1);
  // At the bound: 12 digits are one count, 13 are none; 13 digits make two.
  CHECK(split_values({"100000000000"}, {ValueType::count}) == std::vector<std::string>{"100000000000"});
  CHECK(split_values({"1000000000000"}, {ValueType::count}).empty());
  CHECK(split_values({"1000000000001"}, {ValueType::count, ValueType::count}) ==
        std::vector<std::string>{"100000000000|1"});
}

TEST_CASE("a minus sign opens the signed column: 35-15 is 35|-15") {
  CHECK(split_values({"35-15"}, {ValueType::count, ValueType::signed_count}) == std::vector<std::string>{"35|-15"});
}

TEST_CASE("blank is not zero: a rule with a blank operand is undetermined") {
  RuleInstance r{"R4.1", "", "t4", {0}, {1, 2}};
  std::vector<Operand> v{3.0L, 3.0L, std::nullopt};
  CHECK(evaluate(r, v) == CheckResult::undetermined);
  v[2] = 0.0L;
  CHECK(evaluate(r, v) == CheckResult::pass);
  v[2] = 1.0L;
  std::string left, right;
  CHECK(evaluate(r, v, &left, &right) == CheckResult::fail);
  CHECK(left == "3");
  CHECK(right == "3+1=4");
}

TEST_CASE("R3.3 sums a group's sub-rows in 2021 and the single row when printed as one") {
  const Template* t = find_template("gov-2021");
  auto r33 = [](const std::vector<RuleInstance>& rules) {
    for (const RuleInstance& r : rules)
      if (r.rule == "R3.3" && r.scope == "total") return r;
    return RuleInstance{};
  };
  const RuleInstance full = r33(expand_rules(*t, {}));
  CHECK(std::count(full.right.begin(), full.right.end(), t->cell_of("t3.result.other.misc[total]")) == 1);
  CHECK(std::count(full.right.begin(), full.right.end(), t->cell_of("t3.result.other[total]")) == 0);
  const RuleInstance collapsed = r33(expand_rules(*t, {"t3.result.other"}));
  CHECK(std::count(collapsed.right.begin(), collapsed.right.end(), t->cell_of("t3.result.other[total]")) == 1);
  CHECK(collapsed.right.size() + 2 == full.right.size());
}

TEST_CASE("the format is detected from its 表二 headers, and pre-2019 reports get none") {
  CHECK(extract_text("二、主动公开政府信息情况\n\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n").template_id == "gov-2021");
  CHECK(extract_text("二、主动公开政府信息情况\n\n第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000\n").template_id ==
        "gov-2019");
  const Report none = extract_text("一、概述\n\n2011年全县政府信息公开工作稳步推进。\n");
  CHECK(none.template_id == "none");
  CHECK(none.values.empty());
}

TEST_CASE("the format detected is the first with the most signals, whatever order the formats are tried in") {
  // detect tries the formats of the report's year first and stops a format once it cannot win:
  // held here to the definition (every signal of every format looked for, in order).
  std::mt19937 rng(2019);
  const std::vector<std::string> years{"", "2018", "2019", "2020", "2021", "2023"};
  for (int round = 0; round < 200; ++round) {
    Report r;
    r.year = years[rng() % years.size()];
    std::string all;  // the paragraphs without their spaces, as detect reads them
    for (const Template& t : templates())
      for (const std::string& signal : t.signals) {
        if (rng() % 2) continue;
        std::string text = "说明";
        for (std::size_t i = 0; i < signal.size(); ++i) {
          text += signal[i];
          if (i % 3 == 2 && rng() % 4 == 0) text += ' ';  // a space between two ideographs
        }
        Block b;
        b.text = text + "的情况";
        all += "说明" + signal + "的情况\n";
        r.blocks.push_back(std::move(b));
      }
    std::shuffle(r.blocks.begin(), r.blocks.end(), rng);
    std::string expected = "none";
    int best = 0;
    for (const Template& t : templates()) {
      int hits = 0;
      for (const std::string& signal : t.signals) hits += all.find(signal) != std::string::npos;
      if (hits > best) best = hits, expected = t.id;
    }
    apply_template(r);
    CHECK_MESSAGE(r.template_id == expected, "year " << r.year << ", round " << round);
  }
}

TEST_CASE("a flattened 表四 run has exactly one reading under R4.1-R4.3") {
  // corpus/015.txt: '25380363300630003' = 25 3 8 0 36 | 3 3 0 0 6 | 3 0 0 0 3.
  const Report r = extract_text(
      "本年制发件数\n\n四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
      "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计25380363300630003\n");
  const CellValue* review_total = value_of(r, "t4.review.total");
  REQUIRE(review_total);
  CHECK(review_total->number == "36");
  CHECK(value_of(r, "t4.suit_direct.total")->number == "6");
  CHECK(value_of(r, "t4.suit_after_review.upheld")->number == "3");
}

TEST_CASE("a 表二 run with several readings and no rule is ambiguous, with its candidates") {
  const Report r = extract_text(
      "二、主动公开政府信息情况\n\n第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件77132470第二十条第（五）项\n");
  const CellValue* regulations = value_of(r, "t2.art20_1.regulations.issued");
  REQUIRE(regulations);
  CHECK(regulations->number == "0");
  const CellValue* issued = value_of(r, "t2.art20_1.normative_docs.issued");
  REQUIRE(issued);
  CHECK(issued->state == ValueState::ambiguous);
  CHECK(std::find(issued->candidates.begin(), issued->candidates.end(), "77") != issued->candidates.end());
  CHECK(issued->raw == "77132470");
}

TEST_CASE("表四 blocks emitted out of column order are put back by the smallest move") {
  // corpus/001.txt reading order: 72 64 178 37 | 12 1 1 6 | 351 | 13 4 8 1 26 | 20.
  const Report r = extract_text(
      "本年制发件数\n\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n\n总计\n\n72\n\n64\n\n178\n\n37\n\n复议后起诉\n\n12\n\n1\n\n1\n\n6\n\n"
      "总计\n\n351\n\n维持\n\n13\n\n4\n\n8\n\n1\n\n26\n\n总计\n\n20\n\n五、存在的主要问题及改进情况\n");
  CHECK(value_of(r, "t4.review.total")->number == "351");
  CHECK(value_of(r, "t4.suit_direct.upheld")->number == "13");
  CHECK(value_of(r, "t4.suit_after_review.total")->number == "20");
  CHECK(value_of(r, "t4.suit_after_review.upheld")->note.find("reading order") != std::string::npos);
}

TEST_CASE("values and checks appear in the XML and validate") {
  const Report r = test::extract_corpus("000-seed.txt");
  const std::string xml = output::to_xml(r);
  // 表三 is the tab-separated table whose header starts at line 50 of the source; its row
  // 一、本年新收政府信息公开申请数量 is line 53, the line a value of that row points at.
  CHECK(xml.find("<value cell=\"t3.new_received[natural_person]\" raw=\"0\" line=\"53\">0</value>") != std::string::npos);
  CHECK(xml.find("<check rule=\"R3.1\" scope=\"natural_person\" result=\"pass\"") != std::string::npos);
  CHECK(test::validate_against_schema(xml) == "");
}

TEST_CASE("a check names the cells of both its sides, left then right") {
  // R3.1 of the 2021 format (000-seed.txt), for column c: t3.new_received[c] + t3.carried_over[c] = t3.result.total[c] + t3.carried_forward[c]
  const Report r = test::extract_corpus("000-seed.txt");
  const auto c = std::find_if(r.checks.begin(), r.checks.end(),
                              [](const Check& k) { return k.rule == "R3.1" && k.scope == "natural_person"; });
  REQUIRE(c != r.checks.end());
  CHECK(c->cells == std::vector<CellId>{"t3.new_received[natural_person]", "t3.carried_over[natural_person]",
                                          "t3.result.total[natural_person]", "t3.carried_forward[natural_person]"});
  CHECK(output::to_xml(r).find("cells=\"t3.new_received[natural_person] t3.carried_over[natural_person] "
                               "t3.result.total[natural_person] t3.carried_forward[natural_person]\"") != std::string::npos);
}

TEST_CASE("an annotated cell keeps its number as the value and its whole text in raw: 22（其中修订 16 件）") {
  // Shanghai 2025 (spec §6.1): 表二 cells with annotations, and a unit in a 2019 amount cell.
  const Report r = extract_text(
      "二、主动公开政府信息情况\n\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
      "规章\t0\t0\t0\n行政规范性文件\t22（其中修订 16 件）\t55（含自然失效 29 件）\t180\n");
  const CellValue* issued = value_of(r, "t2.art20_1.normative_docs.issued");
  REQUIRE(issued);
  CHECK(issued->number == "22");
  CHECK(issued->raw == "22（其中修订 16 件）");
  CHECK(value_of(r, "t2.art20_1.normative_docs.repealed")->number == "55");
  CHECK(value_of(r, "t2.art20_1.normative_docs.in_force")->number == "180");
}

TEST_CASE("a blank cell is state blank and a dash cell state dash, never 0") {
  const Report r = extract_text(
      "二、主动公开政府信息情况\n\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
      "规章\t\t-\t0\n行政规范性文件\t无\t/\t3\n");
  CHECK(value_of(r, "t2.art20_1.regulations.issued")->state == ValueState::blank);
  CHECK(value_of(r, "t2.art20_1.regulations.repealed")->state == ValueState::dash);
  CHECK(value_of(r, "t2.art20_1.normative_docs.issued")->state == ValueState::dash);
  CHECK(value_of(r, "t2.art20_1.normative_docs.repealed")->state == ValueState::dash);
  CHECK(value_of(r, "t2.art20_1.normative_docs.in_force")->number == "3");
}

namespace {

// corpus/008.txt's 表三 (2019 format, one line), its 予以公开 row printed with a digit too many:
// '6000017' (6|0|0|0|0|1|7) as '60000017'. `granted` replaces that row's run.
Report misprinted_008(const std::string& granted) {
  return extract_text(
      "本年新制作数量本年新公开数量对外公开总数量\n三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，"
      "等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
      "一、本年新收政府信息公开申请数量200 000121二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开" +
      granted +
      "（二）部分公开（区分处理的，只计这一情形，不计其他情形）6000006（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开"
      "00000003.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部事务信息00000006.属于四类过程性信息"
      "00000007.属于行政执法案卷00000008.属于行政查询事项0000000（四）无法提供1.本机关不掌握相关政府信息40000042.没有现成信息需要另行制作"
      "00000003.补正后申请内容仍不明确3000003（五）不予处理1.信访举报投诉类申请00000002.重复申请30000033.要求提供公开出版物"
      "00000004.无正当理由大量反复申请00000005.要求行政机关确认或重新出具已获取信息0000000（六）其他处理4 0 0 0 0 0 4"
      "（七）总计20 0 00 0 121四、结转下年度继续办理 0 0 00 00 0 五、存在的主要问题及改进情况\n");
}

const Check* check_of(const Report& r, const std::string& rule, const std::string& scope) {
  for (const Check& c : r.checks)
    if (c.rule == rule && c.scope == scope) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("a run no reading of which satisfies its row rule is not decided: its cells stay ambiguous") {
  // '60000017' cut into 7 cells: 60|0|0|0|0|1|7 or 6|0|0|0|0|0|17 (no cell starts with a
  // superfluous 0). The row's total is the sum of the six applicants under neither, so the
  // source is wrong here and neither is taken, although the 其他 column's R3.3 holds under the first.
  const Report r = misprinted_008("60000017");
  CHECK(r.template_id == "gov-2019");
  const CellValue* natural = value_of(r, "t3.result.granted[natural_person]");
  REQUIRE(natural);
  CHECK(natural->state == ValueState::ambiguous);
  std::vector<std::string> candidates = natural->candidates;
  std::sort(candidates.begin(), candidates.end());
  CHECK(candidates == std::vector<std::string>{"6", "60"});
  const CellValue* total = value_of(r, "t3.result.granted[total]");
  REQUIRE(total);
  CHECK(total->state == ValueState::ambiguous);
  candidates = total->candidates;
  std::sort(candidates.begin(), candidates.end());
  CHECK(candidates == std::vector<std::string>{"17", "7"});
  // The cells both readings agree on are read.
  CHECK(value_of(r, "t3.result.granted[org_commercial]")->number == "0");
  // The rows around it are read as in the original.
  CHECK(value_of(r, "t3.result.partial[natural_person]")->number == "6");
}

TEST_CASE("a rule that fails under every reading of a misprinted run is a certain fail, and says so") {
  const Report r = misprinted_008("60000017");
  const Check* row = check_of(r, "R3.2", "t3.result.granted");
  REQUIRE(row);
  CHECK(row->result == CheckResult::fail);
  CHECK(row->note.find("fails under each of the 2 readings") != std::string::npos);
  CHECK(row->note.find("readings the rules leave of '60000017' as ") != std::string::npos);  // the run's described()
  // 其他: 1 under one reading, 0 under the other; R3.3 holds under the first only.
  const Check* other = check_of(r, "R3.3", "org_other");
  REQUIRE(other);
  CHECK(other->result == CheckResult::undetermined);
  CHECK(other->note.empty());
  // The note is in the XML.
  CHECK(output::to_xml(r).find("fails under each of the 2 readings") != std::string::npos);
}

TEST_CASE("a choice point is described as its run read as its row, or as what it is") {
  ChoicePoint p;
  p.run = "898989";
  p.what = "t2.art20_1.normative_docs";
  CHECK(p.described() == "t2.art20_1.normative_docs");
  p.what_is_run = true;
  CHECK(p.described() == "'898989' as t2.art20_1.normative_docs");
}

TEST_CASE("the run printed right is read as one reading, with no note on its checks") {
  const Report r = misprinted_008("6000017");
  CHECK(value_of(r, "t3.result.granted[natural_person]")->number == "6");
  CHECK(value_of(r, "t3.result.granted[total]")->number == "7");
  const Check* row = check_of(r, "R3.2", "t3.result.granted");
  REQUIRE(row);
  CHECK(row->result == CheckResult::pass);
  CHECK(row->note.empty());
}

TEST_CASE("the solver decides the same with the rules expand_rules keeps (their index kept) as with a copy of them") {
  const Limits limits;
  std::size_t values = 0, reports = 0;
  std::vector<const std::vector<RuleInstance>*> layouts;
  for (const std::string& name : test::corpus_files()) {
    if (!name.ends_with(".txt")) continue;
    const Report r = test::extract_corpus(name);
    const Template* t = find_template(r.template_id);
    if (!t) continue;
    CAPTURE(name);
    const Mapping mapping = map_tables(r, *t, limits);
    // The report's layout, and each collapsible group printed as one row or not (rules of
    // another layout over the same cells: an index kept for one must not serve the other).
    CollapsedGroups all_collapsed;
    for (const TableDef& table : t->tables)
      for (const RowDef& row : table.rows)
        if (row.collapsible) all_collapsed.push_back(row.id);
    for (const CollapsedGroups& layout : {mapping.collapsed, all_collapsed, CollapsedGroups{}}) {
      const std::vector<RuleInstance>& kept = expand_rules(*t, layout);
      REQUIRE(rules_kept(kept));
      const std::vector<RuleInstance> copy = kept;
      CHECK_FALSE(rules_kept(copy));
      if (std::find(layouts.begin(), layouts.end(), &kept) == layouts.end()) layouts.push_back(&kept);
      struct Decided {
        std::vector<Diagnostic> diagnostics;
        std::vector<CellValue> out;
        std::vector<int> cells;
        std::vector<SureResult> sure;
        std::vector<Operand> operands;
      } a, b;
      for (auto [rules, d] : {std::pair{&kept, &a}, std::pair{&copy, &b}}) {
        std::vector<ChoicePoint> points = mapping.points;  // solve moves the readings out
        solve(*t, points, *rules, limits.max_split_candidates, d->diagnostics, d->out, d->cells, &d->sure, &d->operands);
      }
      REQUIRE(a.out.size() == b.out.size());
      for (std::size_t k = 0; k < a.out.size(); ++k) {
        CHECK(a.out[k].cell == b.out[k].cell);
        CHECK(a.out[k].state == b.out[k].state);
        CHECK(a.out[k].number == b.out[k].number);
        CHECK(a.out[k].candidates == b.out[k].candidates);
        CHECK(a.out[k].note == b.out[k].note);
      }
      CHECK(a.cells == b.cells);
      CHECK(a.operands == b.operands);
      REQUIRE(a.sure.size() == b.sure.size());
      for (std::size_t k = 0; k < a.sure.size(); ++k) CHECK(a.sure[k].note == b.sure[k].note);
      CHECK(a.diagnostics.size() == b.diagnostics.size());
      values += a.out.size();
    }
    ++reports;
  }
  CHECK(reports >= 10);
  CHECK(values > 1000);
  CHECK(layouts.size() >= 3);  // the index is kept per layout: several were asked for
}
