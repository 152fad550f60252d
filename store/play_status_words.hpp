#pragma once
// A play's status, level and reason as operators and the district office read them
// (Vietnamese by default: "đã phát (hoàn tất)", "bỏ lỡ", …), the one wording for the
// station's log (loaxa log, the console's log page) and the hub's listings. Call after
// select_language().

#include "schedules/mandate_terms.hpp"
#include "store/play_store.hpp"

#include <string>

namespace loaxa::store {

std::string play_status_words(PlayStatus status);
std::string play_level_words(PlayLevel level);
// A district bulletin's level, in a play's words (its airings air at that level): the CLI,
// the console and the hub say it alike.
std::string mandate_level_words(schedules::MandateLevel level);
// A reason code (play_reason and the plan's skip reasons) in words; a code this version does
// not know is returned as it is.
std::string play_reason_words(const std::string& code);

}  // namespace loaxa::store
