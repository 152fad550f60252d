#pragma once
// The Schedule page's week (lịch phát): seven local days of the station's zone, Monday first,
// each with its occurrences by the hour they start in — the same occurrences as
// `loaxa schedule upcoming` (station::plan_window over the week), with their programme,
// local times, level, status and slot.
//
// Thread safety: as Station (the console thread's own). Throws store::BusyError, and
// schedules::ScheduleError for a stored rule libical cannot read.

#include "schedules/civil_time.hpp"
#include "schedules/slot.hpp"
#include "schedules/timeline.hpp"
#include "station/station.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace loaxa::console {

// How the page shows an occurrence: as its slot says, moved by another one, or not airing.
enum class GridStatus { scheduled, moved, dropped };
const char* to_string(GridStatus status) noexcept;  // "scheduled", "moved", "dropped": CSS classes

struct GridOccurrence {
  std::int64_t slot_id = 0;
  std::string programme;
  // Local wall times. A dropped occurrence takes no air time: start = end = its nominal time.
  schedules::LocalDateTime start{};
  schedules::LocalDateTime end{};
  schedules::LocalDateTime nominal{};  // the slot's wall time
  schedules::SlotLevel level = schedules::SlotLevel::normal;
  GridStatus status = GridStatus::scheduled;
  std::optional<schedules::DropReason> drop_reason;
  std::chrono::milliseconds delay{0};  // moved: how late
  std::int64_t blocked_by_slot = 0;    // moved: after which slot's occurrence
  std::int64_t planned_ms = 0;
};

struct GridDay {
  schedules::LocalDate date{};
  bool today = false;
  std::vector<std::string> holidays;                  // names of the holidays on this day
  std::array<std::vector<GridOccurrence>, 24> hours;  // by the local hour the occurrence starts
};

struct WeekGrid {
  schedules::LocalDate monday{};
  std::array<GridDay, 7> days;
  std::string zone;  // the station's zone name, shown with the times

  schedules::LocalDate previous_monday() const noexcept;
  schedules::LocalDate next_monday() const noexcept;
  // The hours in which some day has an occurrence, in order: the grid's rows.
  std::vector<int> busy_hours() const;
  std::size_t occurrence_count() const noexcept;
};

// The Monday of the week `date` falls in.
schedules::LocalDate monday_of(schedules::LocalDate date) noexcept;

// `?week=` as the page reads it: empty means this week; else a date (YYYY-MM-DD or
// dd/mm/yyyy), any day of the week asked. Returns its Monday, or the message a 400 carries.
std::variant<schedules::LocalDate, std::string> parse_week(std::string_view text, schedules::LocalDate today);

// Occurrences starting in the week of `monday` (its local midnight to the next Monday's);
// one that started on the Sunday before and runs into Monday belongs to the week before.
WeekGrid week_grid(station::Station& station, schedules::LocalDate monday);

}  // namespace loaxa::console
