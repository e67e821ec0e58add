// extract_report: the stages in order, each one call.
#include "pipeline/pipeline.h"

#include "extract/extract.h"
#include "metadata/metadata.h"
#include "model/errors.h"
#include "normalize/normalize.h"
#include "pipeline/files.h"
#include "pipeline/identity.h"
#include "schema/schema.h"
#include "schema/template.h"

namespace nianbao {

Report extract_report(std::string_view bytes, const ExtractOptions& options) {
  if (bytes.size() > options.limits.max_input_bytes)
    throw InputError(options.source, "input is " + std::to_string(bytes.size()) + " bytes, more than the limit of " +
                                         std::to_string(options.limits.max_input_bytes) + " (--max-input-bytes)");
  if (bytes.empty()) throw InputError(options.source, "empty input (0 bytes): nothing to extract");
  bool html = options.kind == InputKind::html;
  if (options.kind == InputKind::automatic) html = has_html_name(options.source) || extract::looks_like_html(bytes);

  Report report;
  report.source = options.source;
  report.input_kind = html ? "html" : "text";

  const normalize::Decoded decoded = normalize::decode(bytes, {options.encoding, html, options.source});
  report.encoding = decoded.encoding;
  report.encoding_method = decoded.method;
  report.replaced = decoded.replaced;
  if (!decoded.note.empty()) report.diagnostics.push_back({Severity::warning, "encoding", decoded.note, {}});
  if (!decoded.nul_note.empty()) report.diagnostics.push_back({Severity::warning, "encoding.nul", decoded.nul_note, {}});
  if (decoded.replaced > 0)
    report.diagnostics.push_back({Severity::warning, "encoding.invalid",
                                  std::to_string(decoded.replaced) + " invalid byte sequences replaced by U+FFFD", {}});

  extract::Document doc = html ? extract::read_html(decoded.text, options.limits)
                               : extract::read_text(decoded.text, options.limits);
  report.blocks = std::move(doc.blocks);
  for (Diagnostic& d : doc.diagnostics) report.diagnostics.push_back(std::move(d));
  if (report.blocks.empty())
    report.diagnostics.push_back({Severity::warning, "document.empty", "no text found in the input", {}});
  report.sections = extract::build_sections(report.blocks, schema::heading_hints(), options.limits);
  extract::segment(report.blocks);
  metadata::find_metadata(report, doc.title);
  if (options.template_file.empty()) schema::apply_template(report, options.limits);
  else schema::apply_template(report, schema::load_template_file(options.template_file), options.limits);
  report.id = report_id(report);
  apply_corrections(report, options.corrections);
  return report;
}

std::vector<std::string> format_ids() {
  std::vector<std::string> ids;
  for (const schema::Template& t : schema::templates()) ids.push_back(t.id);
  ids.push_back("none");
  return ids;
}

}  // namespace nianbao
