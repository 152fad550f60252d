#pragma once
// The frequency report (báo cáo tần suất phát): for a period, one row per station and
// category — plays aired, minutes, plays scheduled, missed, interrupted, aired/scheduled %,
// heard %, the target that applies and whether it is met, the last contact and whether the
// station has gone silent — with totals per category and per group and category.
//
// Which rows: every station (of the group asked) gets a row for each category it aired,
// planned or has a target for; with a category asked, exactly one row for it, zeros if need
// be (a commune that aired nothing is what the office needs to see). A station with none of
// these keeps one row without a category, so it still shows.
//
// Unknowns stay unknown: plays scheduled is null for a station that sent no plan for the
// period (PlannedCounts), aired % is null without a scheduled count above zero, heard % is
// null until stations measure it; none of them is ever shown as 0.
//
// Pure: built from what the store returns; safe from any thread.

#include "hub/hub_store.hpp"
#include "hub/report_period.hpp"
#include "hub/targets.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::hub {

// The default of --silent-after: three days without a heartbeat or a batch. Stations send a
// heartbeat every few minutes when their network is up; a weekend's outage is not yet news,
// three days are.
inline constexpr std::chrono::minutes kDefaultSilentAfter = std::chrono::hours(72);

struct ReportRequest {
  Period period;
  Instant from{};  // period_window(period, zone)
  Instant to{};
  std::string time_zone;
  std::optional<std::string> group;     // only this group's stations
  std::optional<std::string> category;  // only this category
  Instant now{};
  std::chrono::minutes silent_after = kDefaultSilentAfter;
};

struct FrequencyRow {
  std::string station_id;
  std::string station_name;
  std::string group;     // empty: none
  std::string category;  // empty: a station with nothing to report in any category
  std::int64_t plays_completed = 0;
  std::int64_t frames_aired = 0;
  std::optional<std::int64_t> plays_scheduled;
  std::int64_t missed = 0;
  std::int64_t interrupted = 0;
  std::optional<double> aired_pct;
  std::optional<double> heard_pct;
  std::optional<Target> target_rule;   // the target that applies, as set
  std::optional<ScaledTarget> target;  // what it asks of this period
  std::optional<bool> meets_target;
  std::optional<Instant> last_contact;
  bool silent = false;

  double minutes_aired() const noexcept;
};

// Sums over rows of one category: of every station listed (group empty and all_groups), or
// of one group's stations (all_groups false; group empty for the stations without one).
struct FrequencyTotal {
  bool all_groups = true;
  std::string group;
  std::string category;
  std::int64_t stations = 0;
  std::int64_t plays_completed = 0;
  std::int64_t frames_aired = 0;
  std::optional<std::int64_t> plays_scheduled;  // over the stations that sent a plan
  std::int64_t missed = 0;
  std::int64_t interrupted = 0;
  std::optional<double> aired_pct;  // their plays completed over their plays scheduled
  std::int64_t with_target = 0;     // stations with a target
  std::int64_t meeting = 0;         // of which meet it
  std::int64_t silent = 0;

  double minutes_aired() const noexcept;
};

struct FrequencyReport {
  ReportRequest request;
  std::vector<FrequencyRow> rows;               // by group, station, category
  std::vector<FrequencyTotal> category_totals;  // by category
  std::vector<FrequencyTotal> group_totals;     // by group, category
};

// `stations` as the store lists them, `aggregates` from HubStore::report(from, to),
// `planned` from HubStore::planned(from, to), `targets` from HubStore::targets().
FrequencyReport build_frequency_report(const ReportRequest& request, const std::vector<Station>& stations,
                                       const std::vector<ReportRow>& aggregates, const PlannedCounts& planned,
                                       const std::vector<Target>& targets);

// completed / scheduled × 100; null without a scheduled count above zero.
std::optional<double> aired_percent(std::int64_t completed, std::optional<std::int64_t> scheduled) noexcept;

}  // namespace loaxa::hub
