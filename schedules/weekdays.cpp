#include "schedules/weekdays.hpp"
#include "common/i18n.hpp"

#include <array>
#include <cctype>

#include "schedules/error.hpp"

namespace loaxa::schedules {

namespace {

constexpr std::array<const char*, 7> kIcal = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
constexpr std::array<const char*, 7> kVietnamese = {"T2", "T3", "T4", "T5", "T6", "T7", "CN"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Index 0..6 of "T2".."T7"/"CN", or -1.
int day_index(std::string_view token) {
  token = trim(token);
  if (token.size() != 2) return -1;
  const char a = static_cast<char>(std::toupper(static_cast<unsigned char>(token[0])));
  const char b = static_cast<char>(std::toupper(static_cast<unsigned char>(token[1])));
  if (a == 'C' && b == 'N') return 6;
  if (a == 'T' && b >= '2' && b <= '7') return b - '2';
  return -1;
}

}  // namespace

WeekdaySet parse_weekdays(std::string_view text) {
  const auto fail = [&](const char* why) {
    return ScheduleError(ScheduleError::Kind::bad_weekdays, std::string(text), why);
  };
  WeekdaySet days;
  std::string_view rest = text;
  if (trim(rest).empty()) throw fail(tr("empty"));
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view part = trim(rest.substr(0, comma));
    const auto dash = part.find('-');
    if (dash == std::string_view::npos) {
      const int d = day_index(part);
      if (d < 0) throw fail(tr("days are T2..T7 and CN"));
      days.set(static_cast<std::size_t>(d));
    } else {
      const int first = day_index(part.substr(0, dash));
      const int last = day_index(part.substr(dash + 1));
      if (first < 0 || last < 0) throw fail(tr("days are T2..T7 and CN"));
      if (first > last) throw fail(tr("a range runs forward, e.g. T2-T7"));
      for (int d = first; d <= last; ++d) days.set(static_cast<std::size_t>(d));
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return days;
}

std::string rrule_for_weekdays(std::string_view text) {
  if (trim(text).empty()) return "FREQ=DAILY";
  return rrule_for_weekdays(parse_weekdays(text));
}

std::string rrule_for_weekdays(WeekdaySet days) {
  if (days.all() || days.none()) return "FREQ=DAILY";
  std::string rule = "FREQ=WEEKLY;BYDAY=";
  bool first = true;
  for (std::size_t d = 0; d < 7; ++d) {
    if (!days.test(d)) continue;
    if (!first) rule += ',';
    rule += kIcal[d];
    first = false;
  }
  return rule;
}

std::string format_weekdays(WeekdaySet days) {
  std::string out;
  std::size_t d = 0;
  while (d < 7) {
    if (!days.test(d)) {
      ++d;
      continue;
    }
    std::size_t end = d;
    while (end + 1 < 7 && days.test(end + 1)) ++end;
    if (!out.empty()) out += ',';
    out += kVietnamese[d];
    if (end >= d + 2) {
      out += '-';
      out += kVietnamese[end];
    } else if (end == d + 1) {
      out += ',';
      out += kVietnamese[end];
    }
    d = end + 1;
  }
  return out;
}

}  // namespace loaxa::schedules
