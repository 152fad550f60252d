#include "station/status.hpp"

#include "station/timeline.hpp"
#include "store/play_store.hpp"

#include <algorithm>

namespace loaxa::station {

StationStatus station_status(Station& station) {
  StationStatus status;
  status.home = station.home();
  status.now = station.now();
  auto& db = station.db();
  status.schema_version = db.schema_version();
  status.counts = store::count_contents(db);
  for (auto& occurrence : plan_window(station, status.now.utc, status.now.utc + std::chrono::days{7})) {
    if (occurrence.status == schedules::OccurrenceStatus::dropped || occurrence.start < status.now.utc) continue;
    status.next = std::move(occurrence);
    break;
  }
  if (const auto& hub = station.config().hub) {
    HubSyncStatus sync;
    sync.url = hub->url;
    sync.state = store::HubSyncStore(db, hub->url).load();
    sync.latest_seq = store::PlayStore(db).latest_seq();
    sync.outbox_depth = std::max<std::int64_t>(0, sync.latest_seq - sync.state.acked_seq);
    status.hub = std::move(sync);
  }
  return status;
}

}  // namespace loaxa::station
