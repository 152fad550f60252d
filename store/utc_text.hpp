#pragma once
// UTC instants as the store keeps them: "2027-01-01T22:30:00.250Z", fixed width with
// milliseconds, so the text sorts and compares as the time does. Pure; any thread.

#include "schedules/civil_time.hpp"

#include <string>
#include <string_view>

namespace loaxa::store {

std::string utc_text(schedules::UtcTime time);

// Reads what utc_text wrote; also the older second-precision "…T22:30:00Z".
// Throws std::invalid_argument on anything else.
schedules::UtcTime parse_utc_text(std::string_view text);

}  // namespace loaxa::store
