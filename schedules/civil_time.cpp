#include "schedules/civil_time.hpp"

#include <cstdio>

#include "common/dates.hpp"
#include "schedules/error.hpp"

namespace loaxa::schedules {

namespace {

using Kind = ScheduleError::Kind;

// Reads exactly `width` ASCII digits at `pos`; false if any is not a digit.
bool digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

// The project's one date reader (common/dates.hpp): ISO, or dd/mm/yyyy as operators type it.
bool try_parse_date(std::string_view text, LocalDate& out) {
  const auto date = loaxa::parse_date(text);
  if (date) out = *date;
  return date.has_value();
}

bool try_parse_hhmm(std::string_view text, int& h, int& m) {
  return text.size() == 5 && text[2] == ':' && digits(text, 0, 2, h) && digits(text, 3, 2, m) && h < 24 && m < 60;
}

}  // namespace

LocalDate parse_date(std::string_view text) {
  LocalDate date;
  if (!try_parse_date(text, date))
    throw ScheduleError(Kind::bad_date, std::string(text), "expected YYYY-MM-DD or dd/mm/yyyy");
  return date;
}

TimeOfDay parse_time_of_day(std::string_view text) {
  int h = 0, m = 0;
  if (!try_parse_hhmm(text, h, m))
    throw ScheduleError(Kind::bad_time_of_day, std::string(text), "expected HH:MM, 00:00-23:59");
  return std::chrono::hours{h} + std::chrono::minutes{m};
}

std::vector<TimeOfDay> parse_times_of_day(std::string_view text) {
  std::vector<TimeOfDay> times;
  std::size_t begin = 0;
  while (true) {
    const auto comma = text.find(',', begin);
    auto item = text.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) throw ScheduleError(Kind::bad_time_of_day, std::string(text), "expected HH:MM[,HH:MM...]");
    times.push_back(parse_time_of_day(item));
    if (comma == std::string_view::npos) return times;
    begin = comma + 1;
  }
}

LocalDateTime parse_date_time(std::string_view text) {
  LocalDate date;
  int h = 0, m = 0, s = 0;
  const bool ok = (text.size() == 16 || text.size() == 19) && (text[10] == 'T' || text[10] == ' ') &&
                  try_parse_date(text.substr(0, 10), date) && try_parse_hhmm(text.substr(11, 5), h, m) &&
                  (text.size() == 16 || (text[16] == ':' && digits(text, 17, 2, s) && s < 60));
  if (!ok) throw ScheduleError(Kind::bad_date_time, std::string(text), "expected YYYY-MM-DDTHH:MM");
  return at(date, std::chrono::hours{h} + std::chrono::minutes{m}) + std::chrono::seconds{s};
}

std::string format_date(LocalDate date) {
  return iso_date(date);
}

std::string format_time_of_day(TimeOfDay time) {
  char buf[8];
  const auto total = static_cast<int>(time.count());
  std::snprintf(buf, sizeof buf, "%02d:%02d", total / 60 % 100, total % 60);
  return buf;
}

std::string format_date_time(LocalDateTime time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::hh_mm_ss hms{time - day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return format_date(LocalDate{std::chrono::local_days{day}}) + buf;
}

// Every stored instant and every play's hash goes through format_utc (the hub formats four
// per play it takes), so years 0–9999 are written digit by digit: snprintf was a tenth of the
// hub's ingest. Other years, as before; the output is the same (tests/schedules).
std::string format_utc(UtcTime time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::hh_mm_ss hms{time - day};
  const LocalDate date{std::chrono::sys_days{day}};
  const int year = static_cast<int>(date.year());
  if (year >= 0 && year <= 9999) {
    std::string out(24, '\0');
    const auto put = [&out](std::size_t at, unsigned value, std::size_t width) {
      for (std::size_t i = width; i-- > 0;) {
        out[at + i] = static_cast<char>('0' + value % 10);
        value /= 10;
      }
    };
    put(0, static_cast<unsigned>(year), 4);
    out[4] = '-';
    put(5, static_cast<unsigned>(date.month()), 2);
    out[7] = '-';
    put(8, static_cast<unsigned>(date.day()), 2);
    out[10] = 'T';
    put(11, static_cast<unsigned>(hms.hours().count()), 2);
    out[13] = ':';
    put(14, static_cast<unsigned>(hms.minutes().count()), 2);
    out[16] = ':';
    put(17, static_cast<unsigned>(hms.seconds().count()), 2);
    out[19] = '.';
    put(20, static_cast<unsigned>(hms.subseconds().count()), 3);
    out[23] = 'Z';
    return out;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d.%03dZ", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return format_date(LocalDate{std::chrono::sys_days{day}}) + buf;
}

LocalDateTime at(LocalDate date, TimeOfDay time) noexcept {
  return std::chrono::local_days{date} + time;
}

LocalDate date_of(LocalDateTime time) noexcept {
  return LocalDate{std::chrono::floor<std::chrono::days>(time)};
}

}  // namespace loaxa::schedules
