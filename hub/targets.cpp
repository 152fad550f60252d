#include "hub/targets.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace loaxa::hub {

const char* to_string(Target::Scope scope) noexcept {
  switch (scope) {
    case Target::Scope::hub:
      return "hub";
    case Target::Scope::group:
      return "group";
    case Target::Scope::station:
      break;
  }
  return "station";
}

const char* to_string(Target::Per per) noexcept {
  return per == Target::Per::week ? "week" : "month";
}

std::optional<Target::Scope> target_scope_from(std::string_view text) noexcept {
  if (text == "hub") return Target::Scope::hub;
  if (text == "group") return Target::Scope::group;
  if (text == "station") return Target::Scope::station;
  return std::nullopt;
}

std::optional<Target::Per> target_per_from(std::string_view text) noexcept {
  if (text == "month") return Target::Per::month;
  if (text == "week") return Target::Per::week;
  return std::nullopt;
}

namespace {

bool reaches(const Target& target, const std::string& station_id, const std::string& group) {
  switch (target.scope) {
    case Target::Scope::hub:
      return true;
    case Target::Scope::group:
      return !group.empty() && target.scope_name == group;
    case Target::Scope::station:
      break;
  }
  return target.scope_name == station_id;
}

}  // namespace

std::optional<Target> resolve_target(const std::vector<Target>& targets, const std::string& station_id,
                                     const std::string& group, const std::string& category) {
  const Target* best = nullptr;
  for (const auto& target : targets) {
    if (target.category != category || !reaches(target, station_id, group)) continue;
    // Scope's order is its specificity: hub < group < station.
    if (best == nullptr || target.scope > best->scope) best = &target;
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

std::vector<std::string> target_categories(const std::vector<Target>& targets, const std::string& station_id,
                                           const std::string& group) {
  std::set<std::string> found;
  for (const auto& target : targets) {
    if (reaches(target, station_id, group)) found.insert(target.category);
  }
  return {found.begin(), found.end()};
}

ScaledTarget scale_target(const Target& target, const Period& period) {
  ScaledTarget scaled;
  if (target.per == Target::Per::month) {
    scaled.plays = target.min_plays * period.months();
    if (target.min_minutes) scaled.minutes = *target.min_minutes * period.months();
    return scaled;
  }
  const auto days = static_cast<std::int64_t>(days_in(period));
  scaled.plays = (target.min_plays * days + 6) / 7;
  if (target.min_minutes) {
    // In tenths of a minute, rounded up; the small epsilon keeps an exact 21.4 from
    // becoming 21.5 through binary fractions.
    scaled.minutes = std::ceil(*target.min_minutes * static_cast<double>(days) / 7.0 * 10.0 - 1e-9) / 10.0;
  }
  return scaled;
}

bool meets(const ScaledTarget& target, std::int64_t plays_completed, double minutes_aired) noexcept {
  if (plays_completed < target.plays) return false;
  // Minutes are compared at the report's one decimal: 19.96 minutes shows as 20.0, and a
  // row must not say 20.0 beside "not met" for a 20-minute target.
  if (target.minutes && std::round(minutes_aired * 10.0) < std::round(*target.minutes * 10.0)) return false;
  return true;
}

}  // namespace loaxa::hub
