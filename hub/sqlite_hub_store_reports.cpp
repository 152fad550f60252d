// SqliteHubStore's targets, the stations' plans and a station's plays over a window: the
// parts of the store only reports read (migration 2 in sqlite_hub_store.cpp).

#include "hub/sqlite_hub_store.hpp"

#include "hub/method_transaction.hpp"
#include "store/utc_text.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>

namespace loaxa::hub {

void SqliteHubStore::set_target(const Target& target) {
  MethodTransaction transaction(database());
  SQLite::Statement q(database(),
                      "INSERT OR REPLACE INTO target (scope, scope_name, category, per, min_plays, min_minutes) "
                      "VALUES (?, ?, ?, ?, ?, ?)");
  q.bind(1, to_string(target.scope));
  q.bind(2, target.scope_name);
  q.bind(3, target.category);
  q.bind(4, to_string(target.per));
  q.bind(5, target.min_plays);
  if (target.min_minutes) q.bind(6, *target.min_minutes);
  q.exec();
  transaction.commit();
}

bool SqliteHubStore::remove_target(Target::Scope scope, const std::string& scope_name, const std::string& category) {
  MethodTransaction transaction(database());
  SQLite::Statement q(database(), "DELETE FROM target WHERE scope = ? AND scope_name = ? AND category = ?");
  q.bind(1, to_string(scope));
  q.bind(2, scope_name);
  q.bind(3, category);
  const bool removed = q.exec() > 0;
  transaction.commit();
  return removed;
}

std::vector<Target> SqliteHubStore::targets() {
  SQLite::Statement q(database(),
                      "SELECT scope, scope_name, category, per, min_plays, min_minutes FROM target "
                      "ORDER BY category, CASE scope WHEN 'hub' THEN 0 WHEN 'group' THEN 1 ELSE 2 END, scope_name");
  std::vector<Target> out;
  while (q.executeStep()) {
    Target target;
    // The CHECK constraints keep both columns to the values these read.
    target.scope = target_scope_from(q.getColumn(0).getString()).value_or(Target::Scope::hub);
    target.scope_name = q.getColumn(1).getString();
    target.category = q.getColumn(2).getString();
    target.per = target_per_from(q.getColumn(3).getString()).value_or(Target::Per::month);
    target.min_plays = q.getColumn(4).getInt64();
    if (!q.getColumn(5).isNull()) target.min_minutes = q.getColumn(5).getDouble();
    out.push_back(std::move(target));
  }
  return out;
}

PlannedCounts SqliteHubStore::planned(Instant from, Instant to) {
  const auto from_text = store::utc_text(from);
  const auto to_text = store::utc_text(to);
  // Both reads in one transaction see the same plans (a savepoint when one is open).
  MethodTransaction transaction(database(), "BEGIN");
  PlannedCounts out;
  {
    SQLite::Statement q(database(),
                        "SELECT DISTINCT station_id FROM plan_span WHERE covered_from < :to AND covered_to > :from");
    q.bind(":from", from_text);
    q.bind(":to", to_text);
    while (q.executeStep()) out.stations.insert(q.getColumn(0).getString());
  }
  SQLite::Statement q(database(),
                      "SELECT station_id, category, count(*) FROM planned_play "
                      "WHERE scheduled_start >= :from AND scheduled_start < :to "
                      "GROUP BY station_id, category ORDER BY station_id, category");
  q.bind(":from", from_text);
  q.bind(":to", to_text);
  while (q.executeStep()) {
    const auto station = q.getColumn(0).getString();
    // Rows outside every span the station declared are not a whole plan: ignored.
    if (out.stations.count(station) == 0) continue;
    out.counts.push_back({station, q.getColumn(1).getString(), q.getColumn(2).getInt64()});
  }
  transaction.commit();
  return out;
}

void SqliteHubStore::store_plan(const std::string& id, const store::StationPlan& plan, Instant received_at) {
  auto& db = database();
  const auto from = store::utc_text(plan.from);
  const auto to = store::utc_text(plan.to);
  const auto received = store::utc_text(received_at);
  MethodTransaction transaction(db);
  {
    SQLite::Statement q(
        db, "DELETE FROM planned_play WHERE station_id = ? AND scheduled_start >= ? AND scheduled_start < ?");
    q.bind(1, id);
    q.bind(2, from);
    q.bind(3, to);
    q.exec();
  }
  {
    // An item moved into this span from outside it (its occurrence shifted) replaces its old row.
    SQLite::Statement q(db,
                        "INSERT OR REPLACE INTO planned_play (station_id, occurrence, position, category, "
                        "scheduled_start, received_at) VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& item : plan.items) {
      q.bind(1, id);
      q.bind(2, item.occurrence);
      q.bind(3, item.position);
      q.bind(4, item.category);
      q.bind(5, store::utc_text(item.scheduled_start));
      q.bind(6, received);
      q.exec();
      q.reset();
    }
  }
  // The spans it meets or touches become one: a station sending its week every hour keeps a
  // row per stretch of cover, not one per request.
  std::string covered_from = from;
  std::string covered_to = to;
  {
    SQLite::Statement q(db,
                        "SELECT min(covered_from), max(covered_to) FROM plan_span "
                        "WHERE station_id = ? AND covered_from <= ? AND covered_to >= ?");
    q.bind(1, id);
    q.bind(2, to);
    q.bind(3, from);
    if (q.executeStep() && !q.getColumn(0).isNull()) {
      covered_from = std::min(covered_from, q.getColumn(0).getString());
      covered_to = std::max(covered_to, q.getColumn(1).getString());
    }
  }
  {
    SQLite::Statement q(db, "DELETE FROM plan_span WHERE station_id = ? AND covered_from <= ? AND covered_to >= ?");
    q.bind(1, id);
    q.bind(2, to);
    q.bind(3, from);
    q.exec();
  }
  SQLite::Statement q(db,
                      "INSERT INTO plan_span (station_id, covered_from, covered_to, received_at) VALUES (?, ?, ?, ?)");
  q.bind(1, id);
  q.bind(2, covered_from);
  q.bind(3, covered_to);
  q.bind(4, received);
  q.exec();
  transaction.commit();
}

std::vector<store::Play> SqliteHubStore::plays_between(const std::string& id, Instant from, Instant to) {
  // A listing for one station over days or weeks: its plays read by seq and kept by the
  // report's rule (start, else end, in the window). A station's year is some 7 000 rows.
  auto all = plays(id);
  std::erase_if(all, [&](const store::Play& play) {
    const auto at = play.started_at ? play.started_at : play.ended_at;
    return !at || *at < from || *at >= to;
  });
  return all;
}

}  // namespace loaxa::hub
