#pragma once
// Durations as operators type them: "90s", "10m", "1h30m", "1m30s", "2h". Units h, m, s in
// that order, each at most once, a positive total no longer than 24 h.
// Pure; throws ScheduleError{bad_duration} on anything else.
#include <chrono>
#include <string>
#include <string_view>

namespace loaxa::schedules {

std::chrono::seconds parse_duration(std::string_view text);
std::string format_duration(std::chrono::seconds duration);  // inverse: "1h30m", "90s" -> "1m30s"

}  // namespace loaxa::schedules
