#include "schedules/ics_ical.hpp"

namespace loaxa::schedules::ics {

icaltimetype to_ical(LocalDate date) noexcept {
  icaltimetype out = icaltime_null_date();
  out.year = static_cast<int>(date.year());
  out.month = static_cast<int>(static_cast<unsigned>(date.month()));
  out.day = static_cast<int>(static_cast<unsigned>(date.day()));
  return out;
}

icaltimetype to_ical(LocalDateTime time) noexcept {
  const LocalDate day = schedules::date_of(time);
  const std::chrono::hh_mm_ss hms{time - std::chrono::local_days{day}};
  icaltimetype out = to_ical(day);
  out.is_date = 0;
  out.hour = static_cast<int>(hms.hours().count());
  out.minute = static_cast<int>(hms.minutes().count());
  out.second = static_cast<int>(hms.seconds().count());
  return out;
}

LocalDate date_of(const icaltimetype& time) noexcept {
  return LocalDate{std::chrono::year{time.year}, std::chrono::month{static_cast<unsigned>(time.month)},
                   std::chrono::day{static_cast<unsigned>(time.day)}};
}

LocalDateTime local_of(const icaltimetype& time) noexcept {
  const std::chrono::local_days day{date_of(time)};
  if (time.is_date) return day;
  return day + std::chrono::hours{time.hour} + std::chrono::minutes{time.minute} + std::chrono::seconds{time.second};
}

std::string normal_rrule(const std::string& rule) {
  if (rule.empty()) return {};
  icalerror_clear_errno();
  icalrecurrencetype parsed = icalrecurrencetype_from_string(rule.c_str());
  if (parsed.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
    icalerror_clear_errno();
    return {};
  }
  const Buffer text{icalrecurrencetype_as_string_r(&parsed)};
  return text ? std::string(text.get()) : std::string{};
}

}  // namespace loaxa::schedules::ics
