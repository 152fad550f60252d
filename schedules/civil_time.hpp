#pragma once
// Calendar vocabulary for schedules: local dates and wall-clock times of the station's
// zone, and UTC instants for storage. Plain std::chrono types so callers need no wrapper.
// Pure functions; safe from any thread. Parsers throw ScheduleError on bad text.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::schedules {

using LocalDate = std::chrono::year_month_day;                     // a day in the station's zone
using LocalDateTime = std::chrono::local_seconds;                  // wall-clock time in the station's zone
using UtcTime = std::chrono::sys_time<std::chrono::milliseconds>;  // stored instants
using TimeOfDay = std::chrono::minutes;                            // minutes since local midnight

// "2025-01-29" (ISO, files and JSON) or "29/01/2025" (the UI's dd/mm/yyyy).
LocalDate parse_date(std::string_view text);
// Strict "HH:MM", 00:00–23:59, two digits each: "7h", "25:00", "12:60", "7:05" are refused.
TimeOfDay parse_time_of_day(std::string_view text);
// A list of times as operators write one slot's times: "05:30,17:00" or "05:30, 17:00"
// (spaces around each time ignored), each strict as above. An empty list, or an empty item
// ("05:30,,17:00"), is refused: subject the whole text.
std::vector<TimeOfDay> parse_times_of_day(std::string_view text);
// "2025-01-29T05:30", "2025-01-29 05:30" or with ":SS".
LocalDateTime parse_date_time(std::string_view text);

std::string format_date(LocalDate date);           // "2025-01-29"
std::string format_time_of_day(TimeOfDay time);    // "05:30"
std::string format_date_time(LocalDateTime time);  // "2025-01-29T05:30:00"
std::string format_utc(UtcTime time);              // "2025-01-28T22:30:00.000Z"

LocalDateTime at(LocalDate date, TimeOfDay time) noexcept;
LocalDate date_of(LocalDateTime time) noexcept;

}  // namespace loaxa::schedules
