// pipeline/corrections: values a person checked and corrected, kept in a CSV file beside the
// corpus (report,cell,value,reason,who,when; report = the stable report id) and applied on every
// run of extract, batch and index, so a re-extraction (batch --force) never loses them. A
// corrected value records what it replaced and the checks are recomputed.
#pragma once

#include <string>
#include <vector>

#include "model/report.h"

namespace nianbao {

struct Correction {
  std::string report;  // the stable report id (pipeline/identity.h)
  std::string cell;    // canonical cell id
  std::string value;   // a number, "blank" or "dash"
  std::string reason, who, when;
};

// The corrections of a file ("" = none: an empty list). Throws InputError naming the file and
// line for a row that is not report,cell,value,reason,who,when or whose value is not a number,
// blank or dash; a missing file is no corrections.
std::vector<Correction> read_corrections(const std::string& path);

// True if `cell` is a canonical cell id of one of the templates (spec §8).
bool is_canonical_cell(const std::string& cell);

// Append one correction (the file and its header are created when missing). Throws
// InputError for a bad value, OutputError when the file cannot be written.
void append_correction(const std::string& path, const Correction& c);

// Remove the record at `index` (0-based, in read_corrections order): the file is written anew
// with the others (through an OutputFile: a reader never sees half of it). Returns what was
// removed. Throws InputError for an index past its records, OutputError when it cannot be written.
Correction remove_correction(const std::string& path, std::size_t index);

// Apply the corrections whose report id is report.id: set the value (state, number, raw kept),
// record what it replaced in CellValue::replaced and why in note; a cell the report lacks is
// added. Then recompute the checks. Returns how many applied.
std::size_t apply_corrections(Report& report, const std::vector<Correction>& corrections);

}  // namespace nianbao
