#include "hub/sqlite_month_close_store.hpp"

#include "hub/method_transaction.hpp"
#include "store/utc_text.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace loaxa::hub {

bool SqliteMonthCloseStore::insert(const ClosedMonthRecord& record) {
  auto& db = hub_store_.database();
  MethodTransaction transaction(db);
  SQLite::Statement q(db,
                      "INSERT OR IGNORE INTO month_close (month, time_zone, closed_at, snapshot, signature) "
                      "VALUES (?, ?, ?, ?, ?)");
  q.bind(1, record.month);
  q.bind(2, record.time_zone);
  q.bind(3, record.closed_at);
  q.bind(4, record.snapshot);
  q.bind(5, record.signature);
  const bool stored = q.exec() == 1;
  transaction.commit();
  return stored;
}

std::optional<ClosedMonthRecord> SqliteMonthCloseStore::find(const std::string& month) {
  SQLite::Statement q(hub_store_.database(),
                      "SELECT month, time_zone, closed_at, snapshot, signature FROM month_close WHERE month = ?");
  q.bind(1, month);
  if (!q.executeStep()) return std::nullopt;
  return ClosedMonthRecord{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                           q.getColumn(3).getString(), q.getColumn(4).getString()};
}

std::vector<LateArrival> SqliteMonthCloseStore::late_arrivals(Instant from, Instant to, Instant closed_at) {
  // The same window as the report's query (sqlite_hub_store.cpp), read through migration 4's
  // covering index on (station, start else end), narrowed to what came after the close.
  // CROSS JOIN keeps the stations outside: without ANALYZE's statistics (a hub never runs
  // it) SQLite would drive from play_by_time instead, reading every play of the month from
  // the table — 40 times slower at province scale (docs/PERFORMANCE.md, "Hub: month report").
  SQLite::Statement q(hub_store_.database(), R"sql(
SELECT p.station_id, p.category, count(*),
       coalesce(sum(p.status = 'completed'), 0),
       coalesce(sum(p.frames), 0),
       coalesce(sum(p.status = 'missed'), 0),
       coalesce(sum(p.status = 'interrupted'), 0)
FROM station s
CROSS JOIN play p ON p.station_id = s.id
  AND coalesce(p.started_at, p.ended_at) >= :from AND coalesce(p.started_at, p.ended_at) < :to
WHERE p.received_at > :closed_at
GROUP BY p.station_id, p.category
ORDER BY p.station_id, p.category
)sql");
  q.bind(":from", store::utc_text(from));
  q.bind(":to", store::utc_text(to));
  q.bind(":closed_at", store::utc_text(closed_at));
  std::vector<LateArrival> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64(),
                   q.getColumn(3).getInt64(), q.getColumn(4).getInt64(), q.getColumn(5).getInt64(),
                   q.getColumn(6).getInt64()});
  }
  return out;
}

}  // namespace loaxa::hub
