// .docx files made in the tests (tests/docx.h).
#include "tests/docx.h"

#include <zip.h>

#include <stdexcept>

#include "extract/extract.h"
#include "normalize/normalize.h"
#include "tests/corpus.h"

namespace nianbao::test {
namespace {

const char* const kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(</Types>)";
const char* const kRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

std::string paragraph(std::string_view text, const std::string& properties = "") {
  return "<w:p>" + properties + "<w:r><w:t xml:space=\"preserve\">" + xml_escape(std::string(text)) + "</w:t></w:r></w:p>";
}

// A w:tc: its span, its vMerge (none, restart, or "" for continue) and its text.
std::string cell(int cols, const char* merge, const std::string& text) {
  std::string props;
  if (cols > 1) props += "<w:gridSpan w:val=\"" + std::to_string(cols) + "\"/>";
  if (merge) props += *merge ? std::string("<w:vMerge w:val=\"") + merge + "\"/>" : "<w:vMerge/>";
  return "<w:tc>" + (props.empty() ? "" : "<w:tcPr>" + props + "</w:tcPr>") + paragraph(text) + "</w:tc>";
}

std::string table(const Table& t) {
  // Per grid column, the origin cell covering it from an earlier row (rows left to cover).
  std::vector<const TableCell*> above(static_cast<std::size_t>(t.columns), nullptr);
  std::vector<int> until(static_cast<std::size_t>(t.columns), 0);
  std::string xml = "<w:tbl><w:tblGrid>";
  for (int c = 0; c < t.columns; ++c) xml += "<w:gridCol w:w=\"1000\"/>";
  xml += "</w:tblGrid>";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const int row = static_cast<int>(r);
    xml += "<w:tr>";
    std::size_t next = 0;
    for (int c = 0; c < t.columns;) {
      const std::vector<TableCell>& cells = t.rows[r].cells;
      if (next < cells.size() && cells[next].col == c) {
        const TableCell& o = cells[next++];
        xml += cell(o.cols, o.rows > 1 ? "restart" : nullptr, o.text);
        for (int k = c; k < c + o.cols && k < t.columns; ++k) above[k] = &o, until[k] = row + o.rows;
        c += o.cols;
      } else if (above[c] && until[c] > row) {
        xml += cell(above[c]->cols, "", "");
        c += above[c]->cols;
      } else {
        xml += cell(1, nullptr, "");  // a position the source left without a cell
        ++c;
      }
    }
    xml += "</w:tr>";
  }
  return xml + "</w:tbl>";
}

}  // namespace

const char* const kChineseNumbering =
    R"(<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>)"
    R"(<w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>)"
    R"(<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>)"
    R"(</w:numbering>)";

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string zip_package(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!z) throw std::runtime_error("zip_open_from_source failed");
  zip_source_keep(buffer);
  for (const auto& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    if (!s || zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) throw std::runtime_error("zip_file_add failed");
  }
  if (zip_close(z) < 0) throw std::runtime_error("zip_close failed");
  std::string out;
  zip_source_open(buffer);
  char buf[65536];
  zip_int64_t n = 0;
  while ((n = zip_source_read(buffer, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

std::string docx_package(const std::string& body, const std::string& numbering, const std::string& core,
                         const std::string& styles) {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", kContentTypes},
      {"_rels/.rels", kRels},
      {"word/document.xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
       R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
           body + "<w:sectPr/></w:body></w:document>"}};
  if (!numbering.empty()) parts.emplace_back("word/numbering.xml", numbering);
  if (!core.empty()) parts.emplace_back("docProps/core.xml", core);
  if (!styles.empty()) parts.emplace_back("word/styles.xml", styles);
  return zip_package(parts);
}

std::string docx_of_corpus_page(const std::string& file) {
  const std::string bytes = read_file(corpus_path(file));
  const normalize::Decoded text = normalize::decode(bytes, {"", true, file});
  return docx_package(docx_body(extract::read_html(text.text).blocks, true), kChineseNumbering);
}

std::string docx_body(const std::vector<Block>& blocks, bool number_headings) {
  static const char* numbers[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  std::size_t next = 0;
  std::string body;
  for (const Block& b : blocks) {
    if (b.kind == BlockKind::table) {
      body += table(b.table());
      continue;
    }
    const std::string prefix = next < 10 ? std::string(numbers[next]) + "、" : "";
    if (number_headings && !prefix.empty() && b.text.rfind(prefix, 0) == 0) {
      body += paragraph(b.text.substr(prefix.size()),
                        R"(<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>)");
      ++next;
    } else {
      body += paragraph(b.text);
    }
  }
  return body;
}

}  // namespace nianbao::test
