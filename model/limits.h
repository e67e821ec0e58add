// Bounds that keep time and memory in check on any input. Exceeding one yields a warning
// diagnostic in the output (and the rest of the report is still extracted) or, for the input
// size, an InputError. Every bound is configurable from the command line (see --help).
#pragma once

#include <cstddef>

namespace nianbao {

struct Limits {
  std::size_t max_input_bytes = 64u << 20;   // larger inputs are refused (error)
  std::size_t max_table_cells = 100000;      // per table; further rows are dropped (warning)
  int max_span = 1000;                       // rowspan/colspan are clamped to this (warning)
  int max_nesting_depth = 256;               // HTML element depth; deeper content is flattened
  int max_section_depth = 8;                 // heading levels nested deeper are kept as paragraphs
  std::size_t max_split_candidates = 200000; // digit-run enumeration steps per table
  std::size_t max_line_bytes = 4u << 20;     // a longer line is cut into pieces (warning)

  // The smallest value of each bound that still reads a report; below it the command line
  // refuses the option (a usage error) instead of reading nothing or cutting forever.
  static constexpr std::size_t min_input_bytes = 1;
  static constexpr std::size_t min_table_cells = 1;
  static constexpr std::size_t min_span = 1;
  static constexpr std::size_t min_nesting_depth = 1;
  static constexpr std::size_t min_section_depth = 1;
  static constexpr std::size_t min_split_candidates = 1;
  static constexpr std::size_t min_line_bytes = 16;  // four characters of 4 bytes: a cut always
                                                      // keeps at least one whole character
  // The largest input any bound admits: positions (SourcePos) are 32-bit byte offsets into the
  // decoded text, and decoding at most triples a text (an invalid byte becomes U+FFFD, 3 bytes).
  static constexpr std::size_t max_input_bytes_cap = std::size_t{1} << 30;
};

}  // namespace nianbao
