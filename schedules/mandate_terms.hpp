#pragma once
// A district bulletin's terms (docs/MANDATES.md): when, how often and at what hours a
// mandate must air, and how many airings that requires. The hub and the station count
// "required" with the same function, so the district's figure and the commune's plan agree.
// Pure; any thread.

#include "schedules/civil_time.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace loaxa::schedules {

enum class MandateLevel { normal, priority, emergency };
const char* to_string(MandateLevel level) noexcept;
// "normal" | "priority" | "emergency"; throws ScheduleError{bad_item} (subject: the text).
MandateLevel parse_mandate_level(std::string_view text);

// [start, end) in local time of day, end after start ("05:00-07:00").
struct TimeWindow {
  TimeOfDay start{};
  TimeOfDay end{};
  bool contains(TimeOfDay begin, TimeOfDay finish) const noexcept { return begin >= start && finish <= end; }
  friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

inline constexpr int kMaxTimesPerWeek = 21;
inline constexpr std::size_t kMaxWindows = 6;
// The window of a mandate that names none.
inline constexpr TimeWindow kDefaultWindow{TimeOfDay{5 * 60}, TimeOfDay{21 * 60}};

// "05:00-07:00,17:00-19:00" (spaces around items ignored). Each item strict "HH:MM-HH:MM",
// end after start (24:00 accepted as an end); the windows sorted, not overlapping, at most
// kMaxWindows. Throws ScheduleError{bad_item} (subject: the offending item, or the whole text
// for overlap/too many; detail: which, in English).
std::vector<TimeWindow> parse_windows(std::string_view text);
// The same text back ("05:00-07:00,17:00-19:00").
std::string format_windows(const std::vector<TimeWindow>& windows);

struct MandateTerms {
  LocalDate from{};
  LocalDate until{};  // inclusive
  int times_per_week = 1;
  std::vector<TimeWindow> windows;  // empty: kDefaultWindow
  MandateLevel level = MandateLevel::normal;
};

// Throws ScheduleError: bad_range (until before from; subject "from..until"), bad_item
// (times_per_week outside 1..kMaxTimesPerWeek: subject the figure; overlapping or unsorted
// windows).
void check_terms(const MandateTerms& terms);

// The windows that apply: the terms' own, else kDefaultWindow.
std::vector<TimeWindow> windows_of(const MandateTerms& terms);

// A stretch of 7 days counted from `from` (the last may be shorter) and the airings it needs.
struct MandatePeriod {
  LocalDate first{};
  LocalDate last{};  // inclusive
  int required = 0;  // times_per_week for a whole period, ceil(N·days/7) for a short last one
};
// Every period of the terms, in order (none for an emergency: it is required once, at once).
std::vector<MandatePeriod> mandate_periods(const MandateTerms& terms);
// What the station must air in all: the sum over the periods; 1 for an emergency.
int required_airings(const MandateTerms& terms);

}  // namespace loaxa::schedules
