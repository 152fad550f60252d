// `loaxa-hub target set|list|remove`: the culture office's targets (hub/targets.hpp).

#include "common/i18n.hpp"
#include "common/text_width.hpp"
#include "hub/command_support.hpp"
#include "hub/commands.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <stdexcept>

namespace loaxa::hub::cli {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxTargetPlays = 1000000;
constexpr double kMaxTargetMinutes = 1000000.0;

// The scope the options name; a station or a group must exist on the hub.
std::pair<Target::Scope, std::string> scope_of(HubStore& store, const TargetOptions& options) {
  if (options.station && options.group) {
    throw std::runtime_error(tr("Give --station or --group, not both: a target applies to one of them."));
  }
  if (options.station) {
    require_station(store, *options.station);
    return {Target::Scope::station, *options.station};
  }
  if (options.group) {
    if (options.group->empty() || !group_exists(store, *options.group)) {
      throw std::runtime_error(trf("No station is in group '{}' (see: loaxa-hub station list).", *options.group));
    }
    return {Target::Scope::group, *options.group};
  }
  return {Target::Scope::hub, ""};
}

std::string applies_to(const Target& target) {
  switch (target.scope) {
    case Target::Scope::hub:
      return tr("every station");
    case Target::Scope::group:
      return trf("group {}", target.scope_name);
    case Target::Scope::station:
      break;
  }
  return trf("station {}", target.scope_name);
}

std::string per_text(Target::Per per) {
  return per == Target::Per::week ? tr("week") : tr("month");
}

std::string minutes_text(double minutes) {
  return fmt::format("{:g}", minutes);
}

}  // namespace

int target_set(const Common& common, const TargetOptions& options) {
  Target target;
  target.category = category_code(options.category);
  const auto per = target_per_from(options.per);
  if (!per) throw std::runtime_error(trf("--per {}: write month or week.", options.per));
  target.per = *per;
  // Bounded so that a year's scaling (× 12, or × 366 / 7) stays far inside 64 bits.
  if (!options.min || *options.min < 0 || *options.min > kMaxTargetPlays) {
    throw std::runtime_error(trf("--min {}: the plays asked must be a whole number from 0 to 1000000.",
                                 options.min ? std::to_string(*options.min) : std::string()));
  }
  target.min_plays = *options.min;
  if (options.min_minutes && !(*options.min_minutes >= 0 && *options.min_minutes <= kMaxTargetMinutes)) {
    throw std::runtime_error(
        trf("--min-minutes {}: the minutes asked must be from 0 to 1000000.", minutes_text(*options.min_minutes)));
  }
  target.min_minutes = options.min_minutes;
  auto opened = open_hub(common.home);
  std::tie(target.scope, target.scope_name) = scope_of(*opened.store, options);
  opened.store->set_target(target);
  if (common.json) {
    std::cout << json{{"category", target.category},
                      {"scope", to_string(target.scope)},
                      {"scope_name", target.scope_name.empty() ? json(nullptr) : json(target.scope_name)},
                      {"per", to_string(target.per)},
                      {"min_plays", target.min_plays},
                      {"min_minutes", target.min_minutes ? json(*target.min_minutes) : json(nullptr)}}
                     .dump()
              << '\n';
    return 0;
  }
  std::string what = trf("at least {} plays", target.min_plays);
  if (target.min_minutes) what += trf(" and {} minutes", minutes_text(*target.min_minutes));
  std::cout << trf("Target set: {} {} per {}, for {}.", target.category, what, per_text(target.per), applies_to(target))
            << '\n';
  return 0;
}

int target_list(const Common& common) {
  auto opened = open_hub(common.home);
  const auto targets = opened.store->targets();
  if (common.json) {
    json list = json::array();
    for (const auto& t : targets) {
      list.push_back({{"category", t.category},
                      {"scope", to_string(t.scope)},
                      {"scope_name", t.scope_name.empty() ? json(nullptr) : json(t.scope_name)},
                      {"per", to_string(t.per)},
                      {"min_plays", t.min_plays},
                      {"min_minutes", t.min_minutes ? json(*t.min_minutes) : json(nullptr)}});
    }
    std::cout << list.dump(2) << '\n';
    return 0;
  }
  if (targets.empty()) {
    std::cout << tr("No target yet: set one with loaxa-hub target set --category CDS --per month --min 20") << '\n';
    return 0;
  }
  const std::vector<std::string> headers{tr("category"), tr("applies to"), tr("per"), tr("min plays"),
                                         tr("min minutes")};
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : targets) {
    rows.push_back({t.category, applies_to(t), per_text(t.per), std::to_string(t.min_plays),
                    t.min_minutes ? minutes_text(*t.min_minutes) : std::string("—")});
  }
  print_aligned(headers, rows);
  std::cout << tr("A station's own target wins over its group's, which wins over the one for every station.") << '\n';
  return 0;
}

int target_remove(const Common& common, const TargetOptions& options) {
  const auto category = category_code(options.category);
  auto opened = open_hub(common.home);
  const auto [scope, name] = scope_of(*opened.store, options);
  Target shown;
  shown.scope = scope;
  shown.scope_name = name;
  if (!opened.store->remove_target(scope, name, category)) {
    throw std::runtime_error(
        trf("There is no {} target for {} (see: loaxa-hub target list).", category, applies_to(shown)));
  }
  std::cout << trf("Target removed: {} for {}.", category, applies_to(shown)) << '\n';
  return 0;
}

}  // namespace loaxa::hub::cli
