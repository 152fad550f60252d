#pragma once
// The timeline: every occurrence of the schedule in a UTC window, with overlaps resolved and
// programmes resolved to segments (rules T1-T9 in docs/SCHEDULING.md). Pure and
// clock-independent: the caller passes the window, the zone and what it loaded from the
// store; the same inputs always give the same timeline. Safe to call from any one thread.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "schedules/catalogue.hpp"
#include "schedules/civil_time.hpp"
#include "schedules/programme.hpp"
#include "schedules/programme_plan.hpp"
#include "schedules/slot.hpp"

namespace loaxa::schedules {

class TimeZone;

// An occurrence whose items were fixed when it started: a later edit of the programme or the
// library cannot rewrite what aired or what the log says was planned. Kept in the store.
// The timeline shows it as it was (rule T11) and counts its items as aired (rule T10).
struct FrozenOccurrence {
  std::int64_t slot_id = 0;
  UtcTime nominal_start{};  // with slot_id, names the occurrence
  UtcTime start{};          // when it actually started
  std::vector<PlannedItem> items;
  // As it aired; shown when its slot or programme is gone (else the slot's current values).
  SlotLevel level = SlotLevel::normal;
  std::int64_t programme_id = 0;
  std::string programme_name;
};

struct Schedule {
  std::vector<Slot> slots;
  std::vector<Programme> programmes;
  std::vector<Holiday> holidays;
  // Every frozen occurrence from some point before the window asked for (the store's
  // history point, see history_start) to the latest one; any order. The latest one is
  // where the airing history ends (rule T10), so later ones may not be left out.
  std::vector<FrozenOccurrence> frozen;
};

struct TimelineConfig {
  // Longest an occurrence may be pushed back by another one; beyond it, it is dropped. The
  // station passes loaxa.toml's max_wait_minutes; this default is the same (a test checks).
  std::chrono::minutes max_wait{10};
  // How far back the computation may look for occurrences still running into the window.
  std::chrono::hours max_lookback{24 * 7};
};

enum class OccurrenceStatus { planned, shifted, dropped };
enum class DropReason {
  shift_limit,        // would have waited longer than max_wait
  holiday,            // a normal slot on a holiday
  missing_programme,  // the slot names a programme that is not in the schedule
};
const char* to_string(OccurrenceStatus status) noexcept;
const char* to_string(DropReason reason) noexcept;

struct Occurrence {
  std::int64_t slot_id = 0;
  std::int64_t programme_id = 0;
  std::string programme_name;
  SlotLevel level = SlotLevel::normal;
  LocalDateTime local_nominal{};  // the recurrence's wall time
  UtcTime nominal_start{};        // that wall time in UTC (rules Z1-Z2)
  UtcTime start{};                // planned start; = nominal_start unless shifted
  UtcTime end{};                  // start + planned length
  OccurrenceStatus status = OccurrenceStatus::planned;
  std::chrono::milliseconds delay{0};  // start - nominal_start
  std::optional<DropReason> drop_reason;
  std::int64_t blocked_by_slot = 0;  // the slot whose occurrence made this one wait (0: none)
  std::vector<PlannedItem> items;
  std::int64_t planned_ms = 0;  // sum of the items' planned_ms
};

// Occurrences whose [start, end) meets [from, to) (dropped ones: their nominal interval),
// ordered by start, then priority before normal, then slot id. An occurrence's items do not
// depend on the window (rules T7, T10). Throws ScheduleError{bad_rrule} for a slot whose
// stored rule libical cannot read.
std::vector<Occurrence> compute_timeline(const Schedule& schedule, const Catalogue& catalogue, const TimeZone& zone,
                                         UtcTime from, UtcTime to, const TimelineConfig& config = {});

// The earliest instant whose airings compute_timeline(…, from, …) replays one by one: the
// store loads the frozen occurrences from here on (and all later ones), and may summarise
// older airings per segment as SegmentInfo::last_aired (the latest airing before it).
UtcTime history_start(const Schedule& schedule, const Catalogue& catalogue, const TimeZone& zone, UtcTime from,
                      const TimelineConfig& config = {});

}  // namespace loaxa::schedules
