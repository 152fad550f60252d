#pragma once
// `loaxa status`: which station this is, where its home is and how it was found, what the
// library and the schedule hold, and what airs next.
//
// Thread safety: as Station. Throws store::BusyError.

#include "schedules/timeline.hpp"
#include "station/station.hpp"
#include "store/counts.hpp"
#include "store/hub_sync_store.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace loaxa::station {

// Where the sync with the district hub stands ([hub] in loaxa.toml), as the database says.
struct HubSyncStatus {
  std::string url;
  std::int64_t latest_seq = 0;    // the station's last final play
  std::int64_t outbox_depth = 0;  // plays the hub has not acknowledged
  store::HubSyncState state;
};

struct StationStatus {
  Home home;
  int schema_version = 0;
  Now now;
  store::Counts counts;
  std::optional<schedules::Occurrence> next;  // the next occurrence that airs, within a week
  std::optional<HubSyncStatus> hub;           // with [hub] only
};

StationStatus station_status(Station& station);

}  // namespace loaxa::station
