// `nianbao extract FILE`: one report in, one XML (or JSON) document out (stdout or -o OUT);
// `nianbao extract --stream`: NDJSON requests in, one NDJSON result per request out.
#include <iostream>

#include "cli/commands.h"
#include "model/errors.h"
#include "output/output.h"
#include "pipeline/files.h"
#include "pipeline/pipeline.h"
#include "pipeline/stream.h"

namespace nianbao::cli {
namespace {

struct ExtractArgs {
  std::string input;
  std::string output = "-";
  std::string encoding;
  std::string format;  // "" = xml, or json for --stream
  bool stream = false;
  bool html = false;
  bool text = false;
  std::string corrections;
  std::vector<std::string> meta;
  std::string source_url;
  PagedArgs paged;
  Limits limits;
};

void run_stream_command(const ExtractArgs& args) {
  if (!args.input.empty()) throw CLI::ValidationError("--stream reads its requests on standard input: no FILE");
  if (args.output != "-") throw CLI::ValidationError("--stream writes its results on standard output: no -o");
  StreamOptions options;
  options.format = args.format == "xml" ? ReportFormat::xml : ReportFormat::json;
  options.encoding = args.encoding;
  options.kind = args.html ? InputKind::html : args.text ? InputKind::text : InputKind::automatic;
  options.limits = args.limits;
  run_command("extract --stream", [&] {
    std::ios::sync_with_stdio(false);
    run_stream(std::cin, std::cout, options);
    return exit_ok;
  });
}

}  // namespace

void add_limit_options(CLI::App& c, Limits& l) {
  // Each bound: its option, what it does, and the smallest value that still reads a report.
  auto bound = [&c](const char* name, auto& value, std::size_t minimum, const char* help, double maximum = 1e15) {
    c.add_option(name, value, help)
        ->capture_default_str()
        ->group("Limits")
        ->check(strict_number(static_cast<double>(minimum), maximum));
  };
  bound("--max-input-bytes", l.max_input_bytes, Limits::min_input_bytes, "Refuse inputs larger than this (error)",
        static_cast<double>(Limits::max_input_bytes_cap));
  bound("--max-table-cells", l.max_table_cells, Limits::min_table_cells, "Keep at most this many cells per table (warning)");
  bound("--max-span", l.max_span, Limits::min_span, "Clamp rowspan/colspan to this (warning)");
  bound("--max-nesting-depth", l.max_nesting_depth, Limits::min_nesting_depth,
        "Flatten HTML nested deeper than this (warning)");
  bound("--max-section-depth", l.max_section_depth, Limits::min_section_depth, "Keep deeper headings as paragraphs");
  bound("--max-split-candidates", l.max_split_candidates, Limits::min_split_candidates,
        "Bound the enumeration of digit-run splits per table (cells become ambiguous)");
  bound("--max-line-bytes", l.max_line_bytes, Limits::min_line_bytes, "Cut text lines longer than this (warning)");
}

void add_ocr_option(CLI::App& c, std::string& ocr) {
  c.add_option("--ocr", ocr, "PDF pages and images read by OCR: auto (pages without a text layer), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
}

extract::Ocr ocr_mode(const std::string& ocr) {
  return ocr == "always" ? extract::Ocr::always : ocr == "never" ? extract::Ocr::never : extract::Ocr::automatic;
}

void add_paged_options(CLI::App& c, PagedArgs& p) {
  add_ocr_option(c, p.ocr);
  c.add_option("--pages", p.pages, "Read only these pages of a PDF: N or FIRST-LAST");
}

void apply_paged_options(const PagedArgs& p, ExtractOptions& options) {
  options.pages.ocr = ocr_mode(p.ocr);
  if (p.pages.empty()) return;
  const std::size_t dash = p.pages.find('-');
  try {
    options.pages.first = std::stoi(p.pages.substr(0, dash));
    options.pages.last = dash == std::string::npos ? options.pages.first : std::stoi(p.pages.substr(dash + 1));
  } catch (const std::exception&) {
    throw CLI::ValidationError("--pages", "expected N or FIRST-LAST, got " + p.pages);
  }
  if (options.pages.first < 1 || options.pages.last < options.pages.first)
    throw CLI::ValidationError("--pages", "expected N or FIRST-LAST with 1 <= FIRST <= LAST, got " + p.pages);
}

void register_extract(CLI::App& app) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* c = app.add_subcommand("extract", "Extract one report (text, HTML, PDF or a scan) into XML or JSON");
  c->footer(
      "The XML holds the report's sections (<section level num><heading>), paragraphs split into\n"
      "sentences (<p><s>), tables with spans (<table><row role><cell r c rows cols>), the canonical\n"
      "cells of the 2019/2021 formats (<values>) and the consistency checks (<checks>). It validates\n"
      "against output/nianbao.rng; --format json writes the same content as one JSON object\n"
      "(output/nianbao.schema.json). Nothing is written when the input cannot be read.\n\n"
      "--stream reads NDJSON requests on standard input, one per line: {\"path\":\"a.txt\"} or\n"
      "{\"bytes\":\"<base64>\",\"source\":\"a.html\",\"url\":\"https://…\"}, optionally \"id\", \"format\",\n"
      "\"kind\" (html|text), \"encoding\"; it writes one NDJSON result per request, in order, flushed:\n"
      "{\"id\",\"source\",\"url\",\"ok\":true,\"report\":{…}} (or \"xml\":\"…\"), or {…,\"ok\":false,\"status\":3,\n"
      "\"error\":\"…\"} for a request that fails — the stream goes on. Blank lines are skipped.\n\n"
      "--meta KEY=VALUE (agency, year, url, retrieved, published; repeatable) and --source-url URL give\n"
      "what the report does not say, or says wrongly: they win over what is read (agency: its division\n"
      "is resolved from the given name) and are recorded as given in <meta><provenance url retrieved\n"
      "published given=\"agency year …\">. A URL without retrieved= is dated by the input file's\n"
      "modification day (standard input: today, UTC).\n\n"
      "Examples:\n"
      "  nianbao extract corpus/001.txt\n"
      "  nianbao extract page.html -o page.xml\n"
      "  nianbao extract corpus/001.txt --format json\n"
      "  nianbao extract report.pdf --ocr never\n"
      "  curl -s URL | nianbao extract - --html --source-url URL --meta agency=淮安市人民政府\n"
      "  printf '{\"path\":\"corpus/001.txt\"}\\n' | nianbao extract --stream");
  c->add_option("FILE", args->input, "Report to read (\"-\" for standard input); not with --stream");
  c->add_option("-o,--output", args->output, "Write the document here instead of standard output")->capture_default_str();
  c->add_option("--format", args->format, "Output format: xml or json (default: xml; json with --stream)")
      ->check(CLI::IsMember({"xml", "json"}));
  c->add_flag("--stream", args->stream,
              "Serve NDJSON requests from standard input until it ends (see below); the exit status is 0 "
              "even when some requests failed (their results say so), 4 when standard output fails");
  c->add_option("--encoding", args->encoding,
                "Read the input in this encoding (e.g. gbk, gb18030, utf-8) instead of detecting it");
  c->add_flag("--html", args->html, "Read the input as HTML whatever its name");
  c->add_flag("--text", args->text, "Read the input as plain text whatever its name");
  c->add_option("--corrections", args->corrections, "Apply the corrections of this file (see `nianbao correct`)");
  c->add_option("--meta", args->meta, "KEY=VALUE given for the report (agency, year, url, retrieved, published)");
  c->add_option("--source-url", args->source_url, "The page the report was published on (= --meta url=URL)");
  add_paged_options(*c, args->paged);
  add_limit_options(*c, args->limits);
  c->callback([args] {
    if (args->html && args->text) throw CLI::ValidationError("--html and --text exclude each other");
    if (args->stream) return run_stream_command(*args);
    if (args->input.empty()) throw CLI::ValidationError("FILE is required (or --stream)");
    ExtractOptions options;
    options.source = args->input;
    options.encoding = args->encoding;
    options.kind = args->html ? InputKind::html : args->text ? InputKind::text : InputKind::automatic;
    options.limits = args->limits;
    apply_paged_options(args->paged, options);
    try {
      for (const std::string& kv : args->meta) add_meta(options.meta, kv);
      if (!args->source_url.empty()) add_meta(options.meta, "url", args->source_url, "--source-url");
    } catch (const UsageError& e) {
      throw CLI::ValidationError("--meta", e.what());
    }
    options.retrieved = retrieval_date(args->input);
    run_command("extract", [&] {
      options.corrections = read_corrections(args->corrections);
      std::string bytes = read_input(args->input, options.limits.max_input_bytes);
      const Report report = extract_report(bytes, options, &bytes);  // the input is freed once decoded
      if (args->format == "json") {
        write_output(args->output, output::to_json(report, true) + "\n", args->input);
      } else {  // streamed: the document is never held whole (memory, issue 10 item 10)
        OutputFile out(args->output, args->input);
        output::write_xml(report, out.stream());
        out.commit();
      }
      return exit_ok;
    });
  });
}

}  // namespace nianbao::cli
