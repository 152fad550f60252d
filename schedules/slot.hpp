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

// A slot's level decides overlaps on the timeline: a priority slot is placed first and airs
// on holidays (rules T3-T5, S4). It is not a bulletin's level (thông thường / ưu tiên /
// khẩn cấp, which the daemon gives a segment: an ưu tiên bulletin goes first in the next
// programme, a khẩn cấp one airs at once); the two are named apart so they cannot be mixed.
enum class SlotLevel { normal, priority };
const char* to_string(SlotLevel level) noexcept;
SlotLevel parse_level(std::string_view text);  // "normal" | "priority"; throws ScheduleError{bad_item}

struct Slot {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  // Local wall time of the first occurrence (RRULE's DTSTART). For "HH:MM on T2-T7" the CLI
  // uses the validity start (or the creation date) at HH:MM; see slot_start_at().
  LocalDateTime start{};
  std::string rrule;                     // "" = once; see rrule_for_weekdays()
  std::optional<LocalDate> valid_from;   // inclusive, compared with the local date
  std::optional<LocalDate> valid_until;  // inclusive
  SlotLevel level = SlotLevel::normal;
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
    nonexistent_time,  // an airing in the first year falls in a DST gap (rule Z1 applies)
    ambiguous_time,    // an airing in the first year falls in a DST overlap (rule Z2 applies)
    first_airing_far,  // accept_slot: the first airing is more than 365 days after `today`;
                       // the date is SlotAcceptance::first_airing
  };
  Kind kind;
};
const char* to_string(SlotWarning::Kind kind) noexcept;

struct SlotAcceptance {
  // The slot's first airing on or after `today` (validity, exception dates and the rule's
  // COUNT/UNTIL applied; holidays not). Always set when accept_slot returns.
  std::optional<LocalDateTime> first_airing;
  std::vector<SlotWarning> warnings;  // first_airing_far first, then DST warnings
};

// The one check a new slot passes, whether typed by the operator or imported (rule S5).
// Throws ScheduleError:
//  - bad_range: valid_until before valid_from (subject "from..until");
//  - bad_rrule: an unreadable or refused rule (rule R3);
//  - nonexistent_start: the slot's start lies in a DST gap of `zone` (subject: the start,
//    detail: the zone name); the store keeps the start as an instant, which this one is not;
//  - never_airs: no airing at all from `today` on: COUNT or UNTIL used up, validity ended,
//    a one-off in the past, or no date can ever match (30 February). Subject: the rule, or
//    the start for a one-off.
// A first airing far ahead (a campaign next year, 29 February) is accepted with a warning.
SlotAcceptance accept_slot(const Slot& slot, const TimeZone& zone, LocalDate today);

}  // namespace loaxa::schedules
