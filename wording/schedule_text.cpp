#include "wording/schedule_text.hpp"

#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "schedules/weekdays.hpp"

#include <fmt/format.h>

#include <array>
#include <sstream>

namespace loaxa::wording {
namespace {

// BYDAY codes in the order of WeekdaySet's bits (Monday first).
constexpr std::array<const char*, 7> kByDay{"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

}  // namespace

std::string clock_text(schedules::LocalDateTime time, bool seconds) {
  std::chrono::hh_mm_ss clock{time - std::chrono::floor<std::chrono::days>(time)};
  if (seconds)
    return fmt::format("{:02}:{:02}:{:02}", clock.hours().count(), clock.minutes().count(), clock.seconds().count());
  return fmt::format("{:02}:{:02}", clock.hours().count(), clock.minutes().count());
}

std::string start_text(const schedules::Slot& slot) {
  if (slot.rrule.empty()) return display_date(schedules::date_of(slot.start)) + " " + clock_text(slot.start);
  return clock_text(slot.start);
}

std::string recurrence_text(const std::string& rrule) {
  if (rrule.empty()) return tr("once");
  if (rrule == "FREQ=DAILY") return tr("every day");
  const std::string prefix = "FREQ=WEEKLY;BYDAY=";
  if (rrule.rfind(prefix, 0) != 0) return rrule;
  schedules::WeekdaySet days;
  std::stringstream list(rrule.substr(prefix.size()));
  for (std::string code; std::getline(list, code, ',');) {
    bool known = false;
    for (std::size_t i = 0; i < kByDay.size(); ++i) {
      if (code == kByDay[i]) {
        days.set(i);
        known = true;
      }
    }
    if (!known) return rrule;
  }
  return schedules::format_weekdays(days);
}

std::string holiday_added_text(std::int64_t id, const schedules::Holiday& h) {
  if (h.from == h.until) {
    return trf("Added holiday {} \"{}\" on {}: normal slots do not air that day.", id, h.name, display_date(h.from));
  }
  return trf("Added holiday {} \"{}\" from {} to {}: normal slots do not air those days.", id, h.name,
             display_date(h.from), display_date(h.until));
}

std::string weekday_text(schedules::LocalDate date) {
  static constexpr std::array<const char*, 7> kNames{"CN", "T2", "T3", "T4", "T5", "T6", "T7"};
  return kNames[std::chrono::weekday(std::chrono::sys_days(date)).c_encoding()];
}

std::string local_text(schedules::LocalDateTime time) {
  auto date = schedules::date_of(time);
  return fmt::format("{} {} {}", weekday_text(date), display_date(date), clock_text(time));
}

}  // namespace loaxa::wording
