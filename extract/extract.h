// extract: decoded UTF-8 text or HTML → blocks (paragraphs, tables) → nested sections.
// Knows nothing of report templates: what a heading may look like in a particular kind of
// report comes in as HeadingHints (built from schema data by the caller).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "model/limits.h"
#include "model/report.h"

namespace nianbao::extract {

// What the reader found: the page/document title and the body's blocks in order.
struct Document {
  std::string title;                    // <title>/<h1> of a page, first title-like line of a text
  std::vector<Block> blocks;            // paragraphs and tables of the body, in source order
  std::vector<Diagnostic> diagnostics;  // limits hit, chrome dropped, …
  DocumentInfo info;                    // a PDF's own Title, Author, CreationDate
  int pages = 0, ocr_pages = 0;         // paged inputs: pages, and pages read by OCR
};

// When pages are read by OCR: automatic = pages without a text layer (and images), always =
// every page (a text layer is ignored), never = only text layers.
enum class Ocr { automatic, always, never };

// How paged inputs are read: OCR, and the pages (1-based, inclusive; last 0 = to the end).
struct PageOptions {
  Ocr ocr = Ocr::automatic;
  int first = 1, last = 0;
};

// Plain text: paragraphs from lines (PDF line breaks joined, page footers like "-1-" and
// "— 5 —" dropped), and text tables: tab-separated, markdown pipe, box-drawn, space-aligned.
// `owner`, when given, holds `utf8` and is freed once the text is split into lines (the lines
// keep their own cleaned copy): the decoded text is not alive beside the blocks.
Document read_text(std::string_view utf8, const Limits& limits = {}, std::string* owner = nullptr);

// HTML: the report body without site chrome; Word-pasted markup read as clean paragraphs;
// <table> grids with spans; layout tables unwrapped.
Document read_html(std::string_view utf8, const Limits& limits = {});

// PDF: the words of each page's text layer with their boxes (poppler), or OCR of the rendered
// page (Tesseract) as `ocr` says; ruled grids → tables, lines → paragraphs (pdf_page.h).
// Throws InputError naming `source` when the file is not a readable PDF (damaged, encrypted).
Document read_pdf(std::string_view bytes, const std::string& source, const PageOptions& options = {},
                  const Limits& limits = {});

// A page of a PDF as a grey PNG picture, for showing the source beside what was read from it:
// `page` counts from 1, rendered at `dpi` (lowered for a page too large to render). Returns ""
// when the bytes are not a readable PDF or it has no such page; pdf_page_count gives 0 then.
int pdf_page_count(std::string_view bytes);
std::string pdf_page_png(std::string_view bytes, int page, double dpi);

// A Word 2007+ document (.docx, OOXML): paragraphs with Word's list numbers, and tables with
// gridSpan/vMerge in the HTML table model (source docx). Throws InputError naming `source` when
// the ZIP or its XML is damaged, or the archive is not a Word document.
Document read_docx(std::string_view bytes, const std::string& source, const Limits& limits = {});

// A PNG, JPEG or TIFF image of a page (a scan): OCR, then the same geometry as a PDF page.
Document read_image(std::string_view bytes, const std::string& source, const Limits& limits = {});

// True if the bytes look like HTML rather than plain text (used when the name does not say).
bool looks_like_html(std::string_view bytes);

// Knowledge about headings that a caller may have (folded with normalize::fold).
struct HeadingHints {
  std::vector<std::string> known;       // level-1 headings known to be sections, without number
  std::vector<std::string> not_headings;  // texts that look numbered but are table labels
  std::vector<std::string> end_words;   // a run-in heading may end after one of these words

  // not_headings and known by their first three bytes, built by build_sections at its first call
  // with these hints (sections.cc); the hints must not change after it. A copy shares it, sees that
  // it was built from other texts, and tests its labels and headings one by one (the same answers).
  // Texts of at least three bytes by their first three (a title meets only those sharing its
  // own), and the shorter ones, which every title meets.
  struct ByLead {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> by_lead;  // (first three bytes, index), sorted
    std::vector<std::uint32_t> short_ones;                         // of one or two bytes
  };
  // The known headings: by their first three bytes, and their first characters.
  struct KnownIndex : ByLead {
    std::vector<char32_t> starts;  // the well-formed first characters, sorted
    bool any_start = false;        // a known heading starts with no well-formed character
  };
  struct LabelIndex {
    std::once_flag once;
    const std::string* of = nullptr;  // not_headings.data() and size() it was built from
    std::size_t size = 0;
    ByLead labels;
    const std::string* known_of = nullptr;  // known.data() and size() it was built from
    std::size_t known_size = 0;
    KnownIndex known;
  };
  std::shared_ptr<LabelIndex> label_index = std::make_shared<LabelIndex>();
};

// Find numbered headings (一、 （一） 1. （1）) at paragraph starts, and level-1 headings
// inside flattened paragraphs; split heading paragraphs ("（一）主动公开情况。2024 年…" →
// heading + paragraph) and return the sections, nested by level, over `blocks`.
std::vector<Section> build_sections(std::vector<Block>& blocks, const HeadingHints& hints,
                                    const Limits& limits = {});

// Split every paragraph into sentences (ICU). Headings are not paragraphs and stay whole.
void segment(std::vector<Block>& blocks);

}  // namespace nianbao::extract
