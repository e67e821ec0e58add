// Test helpers that make .docx files inside the tests (no fixture binaries): a package zipped
// with libzip from its parts, and a Word body written from blocks — paragraphs as w:p, tables
// as w:tbl with a cell's colspan as w:gridSpan and its rowspan as w:vMerge restart/continue.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/report.h"

namespace nianbao::test {

// A ZIP archive (deflated) of these (name, content) parts.
std::string zip_package(const std::vector<std::pair<std::string, std::string>>& parts);

// A .docx of this w:body content, with word/numbering.xml, docProps/core.xml and word/styles.xml
// when given.
std::string docx_package(const std::string& body, const std::string& numbering = "", const std::string& core = "",
                         const std::string& styles = "");

// The w:body content of these blocks. With `number_headings`, a paragraph that starts with the
// next level-1 number ("一、", "二、" …) loses it and gets Word's list numbering instead (list 1,
// drawn as "%1、" in chineseCounting by kChineseNumbering).
std::string docx_body(const std::vector<Block>& blocks, bool number_headings);
extern const char* const kChineseNumbering;

// A corpus web page (corpus/NAME.html) as a .docx: the blocks the HTML reader finds in it, written
// by docx_body with its level-1 numbers as list numbering.
std::string docx_of_corpus_page(const std::string& file);

// XML-escaped text.
std::string xml_escape(const std::string& text);

}  // namespace nianbao::test
