#include "hub/frequency_report.hpp"

#include "hub/report.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace loaxa::hub {

double FrequencyRow::minutes_aired() const noexcept {
  return hub::minutes_aired(frames_aired);
}

double FrequencyTotal::minutes_aired() const noexcept {
  return hub::minutes_aired(frames_aired);
}

std::optional<double> aired_percent(std::int64_t completed, std::optional<std::int64_t> scheduled) noexcept {
  if (!scheduled || *scheduled <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(completed) / static_cast<double>(*scheduled);
}

namespace {

using Key = std::pair<std::string, std::string>;  // station, category

void add_to(FrequencyTotal& total, const FrequencyRow& row) {
  ++total.stations;
  total.plays_completed += row.plays_completed;
  total.frames_aired += row.frames_aired;
  total.missed += row.missed;
  total.interrupted += row.interrupted;
  if (row.plays_scheduled) {
    total.plays_scheduled = total.plays_scheduled.value_or(0) + *row.plays_scheduled;
  }
  if (row.target) ++total.with_target;
  if (row.meets_target.value_or(false)) ++total.meeting;
  if (row.silent) ++total.silent;
}

// Aired % of a total: only the stations that sent a plan count, on both sides.
void finish(FrequencyTotal& total, const std::vector<FrequencyRow>& rows) {
  std::int64_t completed_planned = 0;
  for (const auto& row : rows) {
    if (row.category == total.category && row.plays_scheduled && (total.all_groups || row.group == total.group)) {
      completed_planned += row.plays_completed;
    }
  }
  total.aired_pct = aired_percent(completed_planned, total.plays_scheduled);
}

}  // namespace

FrequencyReport build_frequency_report(const ReportRequest& request, const std::vector<Station>& stations,
                                       const std::vector<ReportRow>& aggregates, const PlannedCounts& planned,
                                       const std::vector<Target>& targets) {
  std::map<Key, const ReportRow*> aired;
  for (const auto& row : aggregates) {
    if (!row.category.empty()) aired[{row.station_id, row.category}] = &row;
  }
  std::map<Key, std::int64_t> plan;
  for (const auto& count : planned.counts) plan[{count.station_id, count.category}] += count.planned;

  FrequencyReport report;
  report.request = request;
  for (const auto& station : stations) {
    if (request.group && station.group != *request.group) continue;
    std::set<std::string> categories;
    if (request.category) {
      categories.insert(*request.category);
    } else {
      for (const auto& [key, row] : aired)
        if (key.first == station.id) categories.insert(key.second);
      for (const auto& [key, count] : plan)
        if (key.first == station.id) categories.insert(key.second);
      for (auto& category : target_categories(targets, station.id, station.group)) categories.insert(category);
      if (categories.empty()) categories.insert("");
    }
    const bool has_plan = planned.stations.count(station.id) > 0;
    const bool silent = !station.last_contact || request.now - *station.last_contact > request.silent_after;
    for (const auto& category : categories) {
      FrequencyRow row;
      row.station_id = station.id;
      row.station_name = station.name;
      row.group = station.group;
      row.category = category;
      row.last_contact = station.last_contact;
      row.silent = silent;
      if (const auto found = aired.find({station.id, category}); found != aired.end()) {
        row.plays_completed = found->second->plays_completed;
        row.frames_aired = found->second->frames_aired;
        row.missed = found->second->missed;
        row.interrupted = found->second->interrupted;
      }
      if (has_plan && !category.empty()) {
        const auto found = plan.find({station.id, category});
        row.plays_scheduled = found == plan.end() ? 0 : found->second;
      }
      row.aired_pct = aired_percent(row.plays_completed, row.plays_scheduled);
      if (!category.empty()) {
        row.target_rule = resolve_target(targets, station.id, station.group, category);
        if (row.target_rule) {
          row.target = scale_target(*row.target_rule, request.period);
          row.meets_target = meets(*row.target, row.plays_completed, row.minutes_aired());
        }
      }
      report.rows.push_back(std::move(row));
    }
  }
  std::stable_sort(report.rows.begin(), report.rows.end(), [](const FrequencyRow& a, const FrequencyRow& b) {
    return std::tie(a.group, a.station_id, a.category) < std::tie(b.group, b.station_id, b.category);
  });

  std::map<std::string, FrequencyTotal> by_category;
  std::map<Key, FrequencyTotal> by_group;
  for (const auto& row : report.rows) {
    if (row.category.empty()) continue;
    auto& total = by_category[row.category];
    total.category = row.category;
    add_to(total, row);
    auto& group_total = by_group[{row.group, row.category}];
    group_total.all_groups = false;
    group_total.group = row.group;
    group_total.category = row.category;
    add_to(group_total, row);
  }
  for (auto& [category, total] : by_category) {
    finish(total, report.rows);
    report.category_totals.push_back(total);
  }
  // Without groups, the group totals would repeat the category totals.
  const bool grouped =
      std::any_of(report.rows.begin(), report.rows.end(), [](const auto& r) { return !r.group.empty(); });
  for (auto& [key, total] : by_group) {
    if (!grouped) break;
    finish(total, report.rows);
    report.group_totals.push_back(total);
  }
  return report;
}

}  // namespace loaxa::hub
