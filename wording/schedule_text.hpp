#pragma once
// How schedules read to an operator: "05:30", "T2-T7", "hàng ngày", "T2 30/11/2026".

#include "schedules/civil_time.hpp"
#include "schedules/slot.hpp"

#include <cstdint>
#include <string>

namespace loaxa::wording {

// "05:30" for a repeating slot, "05/02/2027 05:30" for a one-off.
std::string start_text(const schedules::Slot& slot);

// "every day", "T2-T7", "once", or the RRULE itself when it is not a plain weekly list.
std::string recurrence_text(const std::string& rrule);

// "T2 30/11/2026 05:30"
std::string local_text(schedules::LocalDateTime time);

// "05:30", or "05:30:12" with seconds.
std::string clock_text(schedules::LocalDateTime time, bool seconds = false);

// "Added holiday 3 "Tết" from 05/02/2027 to 10/02/2027: …", translated.
std::string holiday_added_text(std::int64_t id, const schedules::Holiday& holiday);

// "T2" … "CN"
std::string weekday_text(schedules::LocalDate date);

}  // namespace loaxa::wording
