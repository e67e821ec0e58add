// pipeline/provenance: what a user says of a report that the report does not (or says wrongly):
// --meta KEY=VALUE and --source-url for extract, a sidecar CSV (path,url,agency,year,published)
// for batch. Given values win over what is read and are recorded as given (<provenance given=…>).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/report.h"

namespace nianbao {

// KEY → VALUE as given; the keys are those of meta_keys().
using GivenMeta = std::vector<std::pair<std::string, std::string>>;

// agency, year, url, retrieved, published.
const std::vector<std::string>& meta_keys();

// One KEY=VALUE. Throws UsageError for an unknown key, an empty value, a year that is not four
// digits, a date that is not YYYY-MM-DD, a URL that is not http(s)://.
void add_meta(GivenMeta& meta, std::string_view key_value);
void add_meta(GivenMeta& meta, const std::string& key, const std::string& value, const std::string& where = "");

// The sidecar CSV: a header naming its columns (path required; url, agency, year, published,
// retrieved optional, in any order), one row per input; an empty field gives nothing. Paths are
// relative to the sidecar's folder unless absolute. Keyed by the absolute, lexically normal path.
// Throws InputError naming the file and line for a bad row, an unknown column or a missing file.
std::map<std::string, GivenMeta> read_sidecar(const std::string& path);
// The key read_sidecar gives an input path.
std::string sidecar_key(const std::string& input);

// The day an input was retrieved, when nothing says: its file's modification day (a crawler
// saves the page the day it fetches it); for standard input ("-"), today. UTC, YYYY-MM-DD.
std::string retrieval_date(const std::string& input);

// Sets the given values on a report whose metadata was read: agency (its division resolved
// from it), year, and the provenance (url, retrieved, published), with the keys recorded as
// given. `retrieved_default` is used when a URL is given without a retrieval date.
void apply_given_meta(Report& report, const GivenMeta& meta, const std::string& retrieved_default = "");

}  // namespace nianbao
