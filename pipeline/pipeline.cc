// extract_report: the stages in order, each one call.
#include "pipeline/pipeline.h"

#include <algorithm>
#include <optional>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "extract/extract.h"
#include "metadata/metadata.h"
#include "model/errors.h"
#include "model/long_lived.h"
#include "normalize/decode.h"
#include "normalize/normalize.h"
#include "pipeline/files.h"
#include "pipeline/identity.h"
#include "schema/schema.h"
#include "schema/template.h"

namespace nianbao {
namespace {

// What the first bytes say the input is, when it is not text: a PDF (its header may follow a
// little junk), an image, or a ZIP archive (a .docx). "" for text and HTML.
std::string paged_kind(std::string_view b) {
  if (b.substr(0, 1024).find("%PDF-") != std::string_view::npos) return "pdf";
  if (b.rfind("PK\x03\x04", 0) == 0) return "docx";
  if (b.rfind("\x89PNG", 0) == 0 || b.rfind("\xFF\xD8\xFF", 0) == 0 || b.rfind(std::string_view("II*\0", 4), 0) == 0 ||
      b.rfind(std::string_view("MM\0*", 4), 0) == 0)
    return "image";
  return "";
}

// The blocks and title of a PDF, an image or a DOCX; what the file says of itself goes into `report`.
extract::Document read_paged(std::string_view bytes, const std::string& kind, const ExtractOptions& options,
                             Report& report) {
  report.input_kind = kind;
  report.encoding = "UTF-8";
  report.encoding_method = "default";
  extract::Document doc = kind == "pdf"    ? extract::read_pdf(bytes, options.source, options.pages, options.limits)
                          : kind == "docx" ? extract::read_docx(bytes, options.source, options.limits)
                                           : extract::read_image(bytes, options.source, options.limits);
  report.pages = doc.pages;
  report.ocr_pages = doc.ocr_pages;
  report.info = doc.info;
  return doc;
}

// Text and HTML: decoded (charset, UTF-8), then read.
extract::Document read_decoded(std::string_view bytes, const ExtractOptions& options, Report& report, std::string* owner) {
  bool html = options.kind == InputKind::html;
  if (options.kind == InputKind::automatic) html = has_html_name(options.source) || extract::looks_like_html(bytes);
  report.input_kind = html ? "html" : "text";
  std::string_view in_place;  // the text, when it is `bytes` as they are (nearly always): not copied
  normalize::Decoded decoded = normalize::decode_in_place(bytes, {options.encoding, html, options.source}, in_place);
  const std::string_view text = in_place.empty() ? std::string_view(decoded.text) : in_place;
  // `bytes` are freed once they are not read again: now, or by read_text when it reads them.
  std::string* const read_owner = in_place.empty() ? &decoded.text : owner;
  if (owner && in_place.empty()) std::string().swap(*owner);
  report.encoding = decoded.encoding;
  report.encoding_method = decoded.method;
  report.replaced = decoded.replaced;
  if (!decoded.note.empty()) report.diagnostics.push_back({Severity::warning, "encoding", decoded.note, {}});
  if (!decoded.nul_note.empty()) report.diagnostics.push_back({Severity::warning, "encoding.nul", decoded.nul_note, {}});
  if (decoded.replaced > 0)
    report.diagnostics.push_back({Severity::warning, "encoding.invalid",
                                  std::to_string(decoded.replaced) + " invalid byte sequences replaced by U+FFFD", {}});
  if (!html) return extract::read_text(text, options.limits, read_owner);
  extract::Document doc = extract::read_html(text, options.limits);
  if (owner) std::string().swap(*owner);
  return doc;
}

}  // namespace

Report extract_report(std::string_view bytes, const ExtractOptions& options, std::string* owner) {
  // A limit set above the cap (a library caller's) is the cap: positions are 32-bit offsets.
  const std::size_t limit = std::min(options.limits.max_input_bytes, Limits::max_input_bytes_cap);
  if (bytes.size() > limit)
    throw InputError(options.source, "input is " + std::to_string(bytes.size()) + " bytes, more than the limit of " +
                                         std::to_string(limit) + " (--max-input-bytes)");
  if (bytes.empty()) throw InputError(options.source, "empty input (0 bytes): nothing to extract");
  // A thread's first report makes what the process keeps: templates, patterns and tables made on
  // first use, the thread's scratch buffers at their first sizes (model/long_lived.h).
  thread_local bool made_first_report = false;
  std::optional<LongLivedAllocations> first_report;
  if (!made_first_report) {
    made_first_report = true;
    first_report.emplace();
  }
  Report report;
  report.source = options.source;
  const std::string paged = options.kind == InputKind::automatic ? paged_kind(bytes) : "";
  extract::Document doc = paged.empty() ? read_decoded(bytes, options, report, owner) : read_paged(bytes, paged, options, report);
  report.blocks = std::move(doc.blocks);
  for (Diagnostic& d : doc.diagnostics) report.diagnostics.push_back(std::move(d));
  if (report.blocks.empty())
    report.diagnostics.push_back({Severity::warning, "document.empty", "no text found in the input", {}});
  report.sections = extract::build_sections(report.blocks, schema::heading_hints(), options.limits);
  extract::segment(report.blocks);
  metadata::find_metadata(report, doc.title);
  apply_given_meta(report, options.meta, options.retrieved);
  if (options.template_file.empty()) schema::apply_template(report, options.limits);
  else schema::apply_template(report, schema::load_template_file(options.template_file), options.limits);
  report.id = report_id(report);
  apply_corrections(report, options.corrections);
  return report;
}

namespace {
// What a report of the corpus allocates and frees, with room to spare (a report's peak is about
// 7 bytes per input byte: bench/README.md, "Peak memory"): at most this much is kept unused.
constexpr int heap_top_pad = 4 << 20;
}  // namespace

void keep_heap_between_reports() {
#if defined(__GLIBC__)
  mallopt(M_TOP_PAD, heap_top_pad);
  // No fast bins (the per-thread cache still takes the commonest small frees): a report frees
  // ~1 400 small blocks, which fast bins held unmerged until the next report's first large
  // request merged them all at once (malloc_consolidate, 1.5 M instructions over the 98 text
  // reports); freed into the ordinary bins they merge as they go, for less in all.
  mallopt(M_MXFAST, 0);
#endif
}

std::vector<std::string> format_ids() {
  std::vector<std::string> ids;
  for (const schema::Template& t : schema::templates()) ids.push_back(t.id);
  ids.push_back("none");
  return ids;
}

}  // namespace nianbao
