#include "schedules/slot.hpp"

#include "schedules/error.hpp"
#include "schedules/recurrence.hpp"
#include "schedules/time_zone.hpp"

namespace loaxa::schedules {

const char* to_string(SlotLevel level) noexcept {
  return level == SlotLevel::priority ? "priority" : "normal";
}

SlotLevel parse_level(std::string_view text) {
  if (text == "normal") return SlotLevel::normal;
  if (text == "priority") return SlotLevel::priority;
  throw ScheduleError(ScheduleError::Kind::bad_item, std::string(text), "level must be normal or priority");
}

const char* to_string(SlotWarning::Kind kind) noexcept {
  switch (kind) {
    case SlotWarning::Kind::nonexistent_time:
      return "nonexistent_time";
    case SlotWarning::Kind::ambiguous_time:
      return "ambiguous_time";
    case SlotWarning::Kind::first_airing_far:
      return "first_airing_far";
  }
  return "unknown";
}

bool is_holiday(const std::vector<Holiday>& holidays, LocalDate date) noexcept {
  for (const Holiday& h : holidays)
    if (h.from <= date && date <= h.until) return true;
  return false;
}

LocalDateTime slot_start_at(TimeOfDay time, LocalDate first_day) noexcept {
  return at(first_day, time);
}

}  // namespace loaxa::schedules
