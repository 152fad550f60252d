#pragma once
// A slot (khung giờ phát): a programme at a local start with a recurrence, a validity range,
// a level and exception dates; and holidays. Plain data, loaded by the caller from the store.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schedules/civil_time.hpp"

namespace loaxa::schedules {

class TimeZone;

// normal = thông thường, priority = ưu tiên. Emergency (khẩn cấp) is not a slot level: it is
// played at once by the daemon, outside the timeline.
enum class Level { normal, priority };
const char* to_string(Level level) noexcept;
Level parse_level(std::string_view text);  // "normal" | "priority"; throws ScheduleError{bad_item}

struct Slot {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  // Local wall time of the first occurrence (RRULE's DTSTART). For "HH:MM on T2-T7" the CLI
  // uses the validity start (or the creation date) at HH:MM; see slot_start_at().
  LocalDateTime start{};
  std::string rrule;                     // "" = once; see rrule_for_weekdays()
  std::optional<LocalDate> valid_from;   // inclusive, compared with the local date
  std::optional<LocalDate> valid_until;  // inclusive
  Level level = Level::normal;
  bool enabled = true;
  std::vector<LocalDate> exception_dates;  // local dates on which the slot does not air
};

// A holiday: a single date (until == from) or an inclusive range, e.g. Tết.
struct Holiday {
  LocalDate from;
  LocalDate until;
  std::string name;
};

bool is_holiday(const std::vector<Holiday>& holidays, LocalDate date) noexcept;

// DTSTART for a time-of-day slot: `time` on the first day the slot may air.
LocalDateTime slot_start_at(TimeOfDay time, LocalDate first_day) noexcept;

struct SlotWarning {
  enum class Kind {
    never_occurs,      // no occurrence in the next year from `today`
    nonexistent_time,  // start falls in a DST gap in this zone (rule Z1 applies)
    ambiguous_time,    // start falls in a DST overlap (rule Z2 applies)
  };
  Kind kind;
};
const char* to_string(SlotWarning::Kind kind) noexcept;

// Creation-time checks. Throws ScheduleError{bad_rrule} for an unreadable rule and
// ScheduleError{bad_range} when valid_until is before valid_from; returns softer warnings.
std::vector<SlotWarning> validate_slot(const Slot& slot, const TimeZone& zone, LocalDate today);

}  // namespace loaxa::schedules
