#include "console/schedule_grid.hpp"

#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "station/slots.hpp"
#include "station/timeline.hpp"

#include <algorithm>

namespace loaxa::console {
namespace {

using Days = std::chrono::days;
using std::chrono::local_days;

GridStatus grid_status(schedules::OccurrenceStatus status) noexcept {
  switch (status) {
    case schedules::OccurrenceStatus::planned:
      return GridStatus::scheduled;
    case schedules::OccurrenceStatus::shifted:
      return GridStatus::moved;
    case schedules::OccurrenceStatus::dropped:
      return GridStatus::dropped;
  }
  return GridStatus::scheduled;
}

GridOccurrence grid_occurrence(const schedules::Occurrence& o, const schedules::TimeZone& zone) {
  GridOccurrence out;
  out.slot_id = o.slot_id;
  out.programme = o.programme_name;
  out.status = grid_status(o.status);
  // The nominal instant, not local_nominal: a wall time in a DST gap airs later (rule Z1).
  out.nominal = zone.to_local(o.nominal_start);
  out.start = out.status == GridStatus::dropped ? out.nominal : zone.to_local(o.start);
  out.end = out.status == GridStatus::dropped ? out.nominal : zone.to_local(o.end);
  out.level = o.level;
  out.drop_reason = o.drop_reason;
  out.delay = o.delay;
  out.blocked_by_slot = o.blocked_by_slot;
  out.planned_ms = o.planned_ms;
  return out;
}

}  // namespace

const char* to_string(GridStatus status) noexcept {
  switch (status) {
    case GridStatus::scheduled:
      return "scheduled";
    case GridStatus::moved:
      return "moved";
    case GridStatus::dropped:
      return "dropped";
  }
  return "?";
}

schedules::LocalDate WeekGrid::previous_monday() const noexcept {
  return schedules::LocalDate{local_days{monday} - Days{7}};
}

schedules::LocalDate WeekGrid::next_monday() const noexcept {
  return schedules::LocalDate{local_days{monday} + Days{7}};
}

std::vector<int> WeekGrid::busy_hours() const {
  std::vector<int> hours;
  for (int hour = 0; hour < 24; ++hour) {
    const bool busy = std::any_of(days.begin(), days.end(), [hour](const GridDay& day) {
      return !day.hours[static_cast<std::size_t>(hour)].empty();
    });
    if (busy) hours.push_back(hour);
  }
  return hours;
}

std::size_t WeekGrid::occurrence_count() const noexcept {
  std::size_t count = 0;
  for (const auto& day : days) {
    for (const auto& hour : day.hours) count += hour.size();
  }
  return count;
}

schedules::LocalDate monday_of(schedules::LocalDate date) noexcept {
  const local_days day{date};
  return schedules::LocalDate{day - (std::chrono::weekday{day} - std::chrono::Monday)};
}

std::variant<schedules::LocalDate, std::string> parse_week(std::string_view text, schedules::LocalDate today) {
  if (text.empty()) return monday_of(today);
  const auto date = loaxa::parse_date(text);
  if (!date) {
    return trf("The week \"{}\" is not a date: give its Monday as YYYY-MM-DD or dd/mm/yyyy.", std::string(text));
  }
  return monday_of(*date);
}

WeekGrid week_grid(station::Station& station, schedules::LocalDate monday) {
  const auto& zone = station.zone();
  const auto today = station.now().today;
  WeekGrid grid;
  grid.monday = monday_of(monday);
  grid.zone = zone.name();
  const local_days first{grid.monday};
  for (std::size_t i = 0; i < grid.days.size(); ++i) {
    grid.days[i].date = schedules::LocalDate{first + Days{i}};
    grid.days[i].today = grid.days[i].date == today;
  }
  for (const auto& stored : station::list_holidays(station)) {
    for (auto& day : grid.days) {
      if (stored.holiday.from <= day.date && day.date <= stored.holiday.until)
        day.holidays.push_back(stored.holiday.name);
    }
  }

  const auto occurrences = station::plan_window(station, zone.to_utc(first), zone.to_utc(first + Days{7}));
  for (const auto& occurrence : occurrences) {
    auto shown = grid_occurrence(occurrence, zone);
    const auto day = std::chrono::floor<Days>(shown.start);
    const auto index = (day - first).count();
    if (index < 0 || index >= 7) continue;  // started in the week before, or pushed past Sunday night
    const auto hour = std::chrono::floor<std::chrono::hours>(shown.start - day).count();
    grid.days[static_cast<std::size_t>(index)].hours[static_cast<std::size_t>(hour)].push_back(std::move(shown));
  }
  return grid;
}

}  // namespace loaxa::console
