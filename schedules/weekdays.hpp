#pragma once
// Vietnamese weekday lists, as operators write them, turned into an iCalendar RRULE.
// T2 = Monday ... T7 = Saturday, CN = Sunday. Ranges run forward and may end on CN
// ("T2-CN"); "T7-T2" (wrapping) is refused. Lists are comma separated: "T2,T4,T6",
// "T2-T6,CN". Case-insensitive, spaces around items ignored.
// Pure; throws ScheduleError{bad_weekdays}.
#include <bitset>
#include <string>
#include <string_view>

namespace loaxa::schedules {

// Bit 0 = Monday ... bit 6 = Sunday.
using WeekdaySet = std::bitset<7>;

WeekdaySet parse_weekdays(std::string_view text);
// "FREQ=WEEKLY;BYDAY=MO,WE,FR"; an empty text (no --days) or all seven days give "FREQ=DAILY".
std::string rrule_for_weekdays(std::string_view text);
std::string rrule_for_weekdays(WeekdaySet days);
// Back to the operator's notation, compact: "T2-T7", "T2,T4,T6", "T2-CN".
std::string format_weekdays(WeekdaySet days);

}  // namespace loaxa::schedules
