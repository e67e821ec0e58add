// Report metadata: title, agency and reporting year, as the sources state them.
#include <doctest/doctest.h>

#include "tests/corpus.h"

using namespace nianbao;

TEST_CASE("title and agency span the two title lines of a PDF report") {
  const Report r = test::extract_corpus("001.txt");  // "淮安市人民政府" / "2024 年政府信息公开工作年度报告"
  CHECK(r.title == "淮安市人民政府 2024 年政府信息公开工作年度报告");
  CHECK(r.agency == "淮安市人民政府");
  CHECK(r.year == "2024");
}

TEST_CASE("the agency can follow the year: 2024 年上海市科委政府信息公开工作年度报告") {
  const Report r = test::extract_corpus("004.txt");
  CHECK(r.agency == "上海市科委");
  CHECK(r.year == "2024");
}

TEST_CASE("a flattened page's title is the run that ends with 年度报告") {
  const Report r = test::extract_corpus("019.txt");  // breadcrumbs and 来源/时间 around the title
  CHECK(r.title == "平潭综合实验区2017年度政府信息公开工作年度报告");
  CHECK(r.agency == "平潭综合实验区");
  CHECK(r.year == "2017");
}

TEST_CASE("without a title the year comes from the 统计期限 sentence") {
  const Report r = test::extract_corpus("018.txt");  // "本报告中所列数据的统计期限自2023年1月1日起…"
  CHECK(r.year == "2023");
}
