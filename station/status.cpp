#include "station/status.hpp"

#include "station/timeline.hpp"

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
  return status;
}

}  // namespace loaxa::station
