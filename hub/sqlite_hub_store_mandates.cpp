// SqliteHubStore's district bulletins (docs/MANDATES.md; migration 5, schema_mandates.cpp):
// the mandates, the stations' reports on them and the mandate view.

#include "hub/sqlite_hub_store.hpp"

#include "hub/method_transaction.hpp"
#include "hub/report_period.hpp"
#include "schedules/civil_time.hpp"
#include "store/mandate_store.hpp"
#include "store/utc_text.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <map>

namespace loaxa::hub {
namespace {

constexpr const char* kMandateColumns =
    "id, title, category, date_from, date_until, times_per_week, windows, level, sha256, size, file_name, issued_at, "
    "cancelled_at";

const char* state_text(wire::MandateState state) {
  switch (state) {
    case wire::MandateState::received:
      return "received";
    case wire::MandateState::declined:
      return "declined";
    case wire::MandateState::refused:
      break;
  }
  return "refused";
}

std::optional<wire::MandateState> state_from(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  const std::string text = column.getString();
  if (text == "received") return wire::MandateState::received;
  if (text == "declined") return wire::MandateState::declined;
  return wire::MandateState::refused;  // the CHECK constraint leaves no other value
}

std::optional<Instant> optional_time(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return store::parse_utc_text(column.getString());
}

// Written by add_mandate from checked terms; read back the same way.
Mandate read_mandate(SQLite::Statement& q) {
  Mandate m;
  m.order = store::read_order_columns(q);
  m.cancelled_at = optional_time(q.getColumn(12));
  m.order.cancelled = m.cancelled_at.has_value();
  return m;
}

std::vector<std::string> addressed_stations(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement q(db, "SELECT station_id FROM mandate_station WHERE mandate_id = ? ORDER BY station_id");
  q.bind(1, id);
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

}  // namespace

std::int64_t SqliteHubStore::add_mandate(const Mandate& mandate) {
  auto& db = database();
  const auto& o = mandate.order;
  MethodTransaction transaction(db);
  for (const auto& station : mandate.stations) {
    SQLite::Statement q(db, "SELECT 1 FROM station WHERE id = ?");
    q.bind(1, station);
    if (!q.executeStep()) throw HubStoreError(HubStoreError::Kind::no_such_station, station);
  }
  SQLite::Statement q(db,
                      "INSERT INTO mandate (title, category, date_from, date_until, times_per_week, windows, level, "
                      "sha256, size, file_name, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, o.title);
  q.bind(2, o.category);
  q.bind(3, schedules::format_date(o.terms.from));
  q.bind(4, schedules::format_date(o.terms.until));
  q.bind(5, o.terms.times_per_week);
  q.bind(6, o.terms.windows.empty() ? std::string() : schedules::format_windows(o.terms.windows));
  q.bind(7, schedules::to_string(o.terms.level));
  q.bind(8, o.sha256);
  q.bind(9, o.size);
  q.bind(10, o.file_name);
  q.bind(11, store::utc_text(o.issued_at));
  q.exec();
  const std::int64_t id = db.getLastInsertRowid();
  SQLite::Statement station(db, "INSERT OR IGNORE INTO mandate_station (mandate_id, station_id) VALUES (?, ?)");
  for (const auto& station_id : mandate.stations) {
    station.bind(1, id);
    station.bind(2, station_id);
    station.exec();
    station.reset();
  }
  transaction.commit();
  return id;
}

std::vector<Mandate> SqliteHubStore::mandates() {
  auto& db = database();
  MethodTransaction transaction(db, "BEGIN");
  std::vector<Mandate> out;
  {
    SQLite::Statement q(db, std::string("SELECT ") + kMandateColumns + " FROM mandate ORDER BY id");
    while (q.executeStep()) out.push_back(read_mandate(q));
  }
  for (auto& m : out) m.stations = addressed_stations(db, m.order.id);
  transaction.commit();
  return out;
}

std::optional<Mandate> SqliteHubStore::find_mandate(std::int64_t id) {
  auto& db = database();
  MethodTransaction transaction(db, "BEGIN");
  std::optional<Mandate> out;
  {
    SQLite::Statement q(db, std::string("SELECT ") + kMandateColumns + " FROM mandate WHERE id = ?");
    q.bind(1, id);
    if (q.executeStep()) out = read_mandate(q);
  }
  if (out) out->stations = addressed_stations(db, id);
  transaction.commit();
  return out;
}

bool SqliteHubStore::cancel_mandate(std::int64_t id, Instant at) {
  auto& db = database();
  MethodTransaction transaction(db);
  SQLite::Statement exists(db, "SELECT 1 FROM mandate WHERE id = ?");
  exists.bind(1, id);
  if (!exists.executeStep()) return false;
  exists.reset();
  SQLite::Statement q(db, "UPDATE mandate SET cancelled_at = coalesce(cancelled_at, ?) WHERE id = ?");
  q.bind(1, store::utc_text(at));
  q.bind(2, id);
  q.exec();
  transaction.commit();
  return true;
}

std::vector<store::MandateOrder> SqliteHubStore::mandates_for_station(const std::string& id,
                                                                      schedules::LocalDate oldest_until) {
  SQLite::Statement q(database(), std::string("SELECT ") + kMandateColumns +
                                      " FROM mandate WHERE date_until >= ? AND id IN "
                                      "(SELECT mandate_id FROM mandate_station WHERE station_id = ?) ORDER BY id");
  q.bind(1, schedules::format_date(oldest_until));
  q.bind(2, id);
  std::vector<store::MandateOrder> out;
  while (q.executeStep()) out.push_back(read_mandate(q).order);
  return out;
}

void SqliteHubStore::record_mandate_reports(const std::string& id, const std::vector<wire::MandateReport>& reports) {
  auto& db = database();
  MethodTransaction transaction(db);
  // Only a row that exists (the mandate addresses the station) is changed, and only by a
  // report not older than the one it holds (reports may arrive again, or out of order).
  SQLite::Statement q(db, R"sql(
UPDATE mandate_station
SET state = :state, reason = :reason, reported_at = :at,
    planned = CASE WHEN :state = 'received' THEN :planned ELSE planned END,
    received_at = CASE WHEN :state = 'received' THEN coalesce(received_at, :at) ELSE received_at END
WHERE mandate_id = :mandate AND station_id = :station AND (reported_at IS NULL OR reported_at <= :at)
)sql");
  for (const auto& report : reports) {
    q.bind(":state", state_text(report.state));
    q.bind(":reason", report.reason);
    q.bind(":at", store::utc_text(report.at));
    q.bind(":planned", report.planned);
    q.bind(":mandate", report.mandate_id);
    q.bind(":station", id);
    q.exec();
    q.reset();
  }
  transaction.commit();
}

void SqliteHubStore::record_heard(const std::string& id, const std::vector<wire::HeardReport>& heard) {
  auto& db = database();
  MethodTransaction transaction(db);
  SQLite::Statement q(db, "UPDATE play SET heard_pct = ? WHERE station_id = ? AND seq = ? AND mandate_id IS NOT NULL");
  for (const auto& report : heard) {
    q.bind(1, report.pct);
    q.bind(2, id);
    q.bind(3, report.seq);
    q.exec();
    q.reset();
  }
  transaction.commit();
}

std::optional<MandateView> SqliteHubStore::mandate_view(std::int64_t id, const schedules::TimeZone& zone) {
  auto& db = database();
  // Every read in one transaction: the rows and the counts agree.
  MethodTransaction transaction(db, "BEGIN");
  auto mandate = find_mandate(id);
  if (!mandate) return std::nullopt;
  MandateView view;
  view.mandate = std::move(*mandate);
  const auto& terms = view.mandate.order.terms;
  const int required = schedules::required_airings(terms);
  const auto [from, to] = days_window(terms.from, terms.until, zone);

  struct Aired {
    std::int64_t plays = 0;
    std::optional<double> heard;
  };
  std::map<std::string, Aired> aired;
  {
    SQLite::Statement q(db, R"sql(
SELECT station_id, count(*), avg(heard_pct) FROM play
WHERE mandate_id = :mandate AND status = 'completed'
  AND coalesce(started_at, ended_at) >= :from AND coalesce(started_at, ended_at) < :to
GROUP BY station_id
)sql");
    q.bind(":mandate", id);
    q.bind(":from", store::utc_text(from));
    q.bind(":to", store::utc_text(to));
    while (q.executeStep()) {
      Aired& a = aired[q.getColumn(0).getString()];
      a.plays = q.getColumn(1).getInt64();
      if (!q.getColumn(2).isNull()) a.heard = q.getColumn(2).getDouble();
    }
  }
  SQLite::Statement q(db,
                      "SELECT station_id, state, reason, planned, reported_at, received_at FROM mandate_station "
                      "WHERE mandate_id = ? ORDER BY station_id");
  q.bind(1, id);
  while (q.executeStep()) {
    MandateStationView line;
    line.station_id = q.getColumn(0).getString();
    line.state = state_from(q.getColumn(1));
    line.reason = q.getColumn(2).getString();
    if (!q.getColumn(3).isNull()) line.planned = q.getColumn(3).getInt();
    line.reported_at = optional_time(q.getColumn(4));
    line.received_at = optional_time(q.getColumn(5));
    line.required = required;
    if (const auto found = aired.find(line.station_id); found != aired.end()) {
      line.aired = found->second.plays;
      line.heard_pct = found->second.heard;
    }
    view.stations.push_back(std::move(line));
  }
  transaction.commit();
  return view;
}

}  // namespace loaxa::hub
