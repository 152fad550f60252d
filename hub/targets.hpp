#pragma once
// Targets (chỉ tiêu) the culture office sets: at least N plays — and optionally M minutes —
// of a category per month or per week. One hub-wide default per category, overridden for a
// group, overridden again for a station: the most specific applies, whole (a station's
// target replaces the group's, it does not add to it).
//
// A target is scaled to the period a report covers:
//  - per month: × the months of the period (1, 3 or 12);
//  - per week: × the period's days / 7, rounded up (a fraction of a play still needs a
//    play); November's 30 days make a weekly 5 into 22. Minutes scale the same way and are
//    kept to one decimal, rounded up.
//
// Pure functions; safe from any thread.

#include "hub/report_period.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::hub {

struct Target {
  enum class Scope { hub, group, station };
  enum class Per { month, week };
  Scope scope = Scope::hub;
  std::string scope_name;  // the group or the station ID; empty for the hub
  std::string category;
  Per per = Per::month;
  std::int64_t min_plays = 0;
  std::optional<double> min_minutes;
};

const char* to_string(Target::Scope scope) noexcept;
const char* to_string(Target::Per per) noexcept;
std::optional<Target::Scope> target_scope_from(std::string_view text) noexcept;
std::optional<Target::Per> target_per_from(std::string_view text) noexcept;

// The target of `category` for a station in `group` (empty: none), if any applies.
std::optional<Target> resolve_target(const std::vector<Target>& targets, const std::string& station_id,
                                     const std::string& group, const std::string& category);

// The categories some target could apply to for this station (any scope that reaches it).
std::vector<std::string> target_categories(const std::vector<Target>& targets, const std::string& station_id,
                                           const std::string& group);

// What a target asks of one period.
struct ScaledTarget {
  std::int64_t plays = 0;
  std::optional<double> minutes;
};

ScaledTarget scale_target(const Target& target, const Period& period);

// Met when the plays completed reach the plays asked, and the minutes aired the minutes
// asked (when the target has minutes).
bool meets(const ScaledTarget& target, std::int64_t plays_completed, double minutes_aired) noexcept;

}  // namespace loaxa::hub
