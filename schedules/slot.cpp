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
    case SlotWarning::Kind::never_occurs:
      return "never_occurs";
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

// Going away with its last caller (cli/slot_commands.cpp); accept_slot is the rule now.
std::vector<SlotWarning> validate_slot(const Slot& slot, const TimeZone& zone, LocalDate today) {
  if (slot.valid_from && slot.valid_until && *slot.valid_until < *slot.valid_from)
    throw ScheduleError(ScheduleError::Kind::bad_range,
                        format_date(*slot.valid_from) + ".." + format_date(*slot.valid_until), "until is before from");
  const Recurrence recurrence(slot.rrule, slot.start, zone);
  std::vector<SlotWarning> warnings;
  LocalDateTime from = std::chrono::local_days{today};
  if (slot.valid_from) from = std::max(from, LocalDateTime{std::chrono::local_days{*slot.valid_from}});
  LocalDateTime to = from + std::chrono::days{366};
  if (slot.valid_until)
    to = std::min(to, LocalDateTime{std::chrono::local_days{*slot.valid_until} + std::chrono::days{1}});
  // A year of a daily slot is at most 366 instances; a DST change only bites when the
  // wall time falls in a gap or overlap on one of them.
  const auto sample = recurrence.between(from, to, 400);
  if (sample.empty()) warnings.push_back({SlotWarning::Kind::never_occurs});
  bool gap = false, overlap = false;
  for (const LocalDateTime t : sample) {
    const auto kind = zone.classify(t);
    gap = gap || kind == TimeZone::LocalKind::gap;
    overlap = overlap || kind == TimeZone::LocalKind::ambiguous;
  }
  if (gap) warnings.push_back({SlotWarning::Kind::nonexistent_time});
  if (overlap) warnings.push_back({SlotWarning::Kind::ambiguous_time});
  return warnings;
}

}  // namespace loaxa::schedules
