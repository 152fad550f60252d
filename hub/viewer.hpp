#pragma once
// Who is looking at the dashboard, and what they may see. A user added with --group sees
// that group's stations only — in the table, the totals, the chart, the station pages and
// the downloads; a user without a group sees every station.
//
// Pure; safe from any thread.

#include "hub/hub_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace loaxa::hub {

struct Viewer {
  std::string name;
  std::optional<std::string> group;  // nullopt: every station
};

bool can_see(const Viewer& viewer, const Station& station) noexcept;

// `stations` without those the viewer may not see, in the same order.
std::vector<Station> visible_stations(const Viewer& viewer, std::vector<Station> stations);

// The group a report for this viewer is limited to (ReportRequest::group).
std::optional<std::string> report_group(const Viewer& viewer);

}  // namespace loaxa::hub
