#include "station/status.hpp"

#include "station/timeline.hpp"
#include "store/transaction.hpp"

#include <SQLiteCpp/Database.h>

namespace loaxa::station {

StationStatus station_status(Station& station) {
  StationStatus status;
  status.home = station.home();
  status.now = station.now();
  auto& db = station.db();
  {
    store::ReadTransaction snapshot(db);
    auto count = [&](const char* sql) { return static_cast<std::size_t>(db.sql().execAndGet(sql).getInt64()); };
    status.schema_version = db.schema_version();
    status.segments = count("SELECT count(*) FROM segment");
    status.approved_segments = count("SELECT count(*) FROM segment WHERE approved = 1");
    status.programmes = count("SELECT count(*) FROM programme");
    status.slots = count("SELECT count(*) FROM slot WHERE enabled = 1");
    status.holidays = count("SELECT count(*) FROM holiday");
  }
  for (auto& occurrence : plan_window(station, status.now.utc, status.now.utc + std::chrono::days{7})) {
    if (occurrence.status == schedules::OccurrenceStatus::dropped || occurrence.start < status.now.utc) continue;
    status.next = std::move(occurrence);
    break;
  }
  return status;
}

}  // namespace loaxa::station
