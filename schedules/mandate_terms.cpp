#include "schedules/mandate_terms.hpp"

#include "schedules/error.hpp"

#include <algorithm>
#include <chrono>

namespace loaxa::schedules {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

TimeWindow parse_window(std::string_view item) {
  const auto dash = item.find('-');
  if (dash == std::string_view::npos) {
    throw ScheduleError(ScheduleError::Kind::bad_item, std::string(item), "a window is HH:MM-HH:MM");
  }
  const std::string_view end_text = item.substr(dash + 1);
  TimeWindow window;
  try {
    window.start = parse_time_of_day(item.substr(0, dash));
    // 24:00 closes a window at midnight; parse_time_of_day stops at 23:59.
    window.end = end_text == "24:00" ? TimeOfDay{24 * 60} : parse_time_of_day(end_text);
  } catch (const ScheduleError&) {
    throw ScheduleError(ScheduleError::Kind::bad_item, std::string(item), "a window is HH:MM-HH:MM");
  }
  if (window.end <= window.start) {
    throw ScheduleError(ScheduleError::Kind::bad_item, std::string(item), "a window ends after it starts");
  }
  return window;
}

void check_windows(const std::vector<TimeWindow>& windows, std::string_view text) {
  if (windows.size() > kMaxWindows) {
    throw ScheduleError(ScheduleError::Kind::bad_item, std::string(text),
                        "at most " + std::to_string(kMaxWindows) + " windows");
  }
  for (std::size_t i = 1; i < windows.size(); ++i) {
    if (windows[i].start < windows[i - 1].end) {
      throw ScheduleError(ScheduleError::Kind::bad_item, std::string(text), "windows overlap or are out of order");
    }
  }
}

}  // namespace

const char* to_string(MandateLevel level) noexcept {
  switch (level) {
    case MandateLevel::normal:
      return "normal";
    case MandateLevel::priority:
      return "priority";
    case MandateLevel::emergency:
      return "emergency";
  }
  return "normal";
}

MandateLevel parse_mandate_level(std::string_view text) {
  if (text == "normal") return MandateLevel::normal;
  if (text == "priority") return MandateLevel::priority;
  if (text == "emergency") return MandateLevel::emergency;
  throw ScheduleError(ScheduleError::Kind::bad_item, std::string(text), "a level is normal, priority or emergency");
}

std::vector<TimeWindow> parse_windows(std::string_view text) {
  std::vector<TimeWindow> windows;
  std::string_view rest = text;
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view item = trimmed(rest.substr(0, comma));
    if (item.empty()) throw ScheduleError(ScheduleError::Kind::bad_item, std::string(text), "an empty window");
    windows.push_back(parse_window(item));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  std::sort(windows.begin(), windows.end(), [](const TimeWindow& a, const TimeWindow& b) { return a.start < b.start; });
  check_windows(windows, text);
  return windows;
}

std::string format_windows(const std::vector<TimeWindow>& windows) {
  std::string out;
  for (const TimeWindow& window : windows) {
    if (!out.empty()) out += ',';
    out += format_time_of_day(window.start);
    out += '-';
    out += window.end == TimeOfDay{24 * 60} ? std::string("24:00") : format_time_of_day(window.end);
  }
  return out;
}

void check_terms(const MandateTerms& terms) {
  if (terms.until < terms.from) {
    throw ScheduleError(ScheduleError::Kind::bad_range, format_date(terms.from) + ".." + format_date(terms.until));
  }
  if (terms.times_per_week < 1 || terms.times_per_week > kMaxTimesPerWeek) {
    throw ScheduleError(ScheduleError::Kind::bad_item, std::to_string(terms.times_per_week),
                        "times per week is 1 to " + std::to_string(kMaxTimesPerWeek), terms.times_per_week,
                        kMaxTimesPerWeek);
  }
  for (const TimeWindow& window : terms.windows) {
    if (window.end <= window.start || window.end > TimeOfDay{24 * 60}) {
      throw ScheduleError(ScheduleError::Kind::bad_item, format_windows({window}), "a window ends after it starts");
    }
  }
  check_windows(terms.windows, format_windows(terms.windows));
}

std::vector<TimeWindow> windows_of(const MandateTerms& terms) {
  if (terms.windows.empty()) return {kDefaultWindow};
  return terms.windows;
}

std::vector<MandatePeriod> mandate_periods(const MandateTerms& terms) {
  std::vector<MandatePeriod> periods;
  if (terms.level == MandateLevel::emergency || terms.until < terms.from) return periods;
  const std::chrono::sys_days end{terms.until};
  for (std::chrono::sys_days first{terms.from}; first <= end; first += std::chrono::days{7}) {
    const std::chrono::sys_days last = std::min(first + std::chrono::days{6}, end);
    const int days = static_cast<int>((last - first).count()) + 1;
    const int required = (terms.times_per_week * days + 6) / 7;
    periods.push_back({LocalDate{first}, LocalDate{last}, required});
  }
  return periods;
}

int required_airings(const MandateTerms& terms) {
  if (terms.level == MandateLevel::emergency) return 1;
  int total = 0;
  for (const MandatePeriod& period : mandate_periods(terms)) total += period.required;
  return total;
}

}  // namespace loaxa::schedules
