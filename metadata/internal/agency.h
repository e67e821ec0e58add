// How an agency's name is recognised in a report's text: its ending (data/agency_words.tsv), no
// sentence fragment in it, the places it starts with; and the places a report names itself
// besides the title — 本报告由…编制, the signature (落款) at its end, its own 我厅/我局.
#pragma once

#include <string>
#include <string_view>

#include "model/report.h"

namespace nianbao::metadata {

// True if `name` reads as an agency's name: it ends in an agency suffix, has something before
// that suffix, and after the place names it starts with holds no word of a sentence
// ("我厅编写了", "发布河北省教育厅" are no names).
bool is_agency_name(std::string_view name);

// Whether `text` holds one of the words no name holds after its place (data/agency_words.tsv,
// not_in_name: 的 编制 。 …), each found where `text.find(word)` would find it.
bool holds_word_not_in_name(std::string_view text);

// The agency suffix `name` ends in (data/agency_words.tsv, suffix: the longest first, then in the
// data's order), "" if none.
std::string_view agency_suffix(std::string_view name);

// "…由淮安市人民政府办公室编制…" → the name between the lead and trail words; "" if none.
std::string agency_in_credit(const Report& report);
// The name signed at the end of the report (a short line, possibly followed by the date).
std::string agency_in_signature(const Report& report);
// The place-led agency name the report's text uses most (平潭综合实验区…坚持…); when the report
// speaks of itself as 我局/我厅/…, only names with the matching ending count.
std::string agency_most_named(const Report& report);

}  // namespace nianbao::metadata
