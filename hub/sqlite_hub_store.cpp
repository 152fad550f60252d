#include "hub/sqlite_hub_store.hpp"

#include "hub/chain_rules.hpp"
#include "hub/hub_schema.hpp"
#include "hub/method_transaction.hpp"
#include "store/utc_text.hpp"
#include "wire/play_json.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <map>
#include <system_error>

namespace loaxa::hub {

// Protocol v1's shared parts (signing, the play's JSON), as the station uses them.
using namespace loaxa::wire;
namespace {

constexpr int kBusyTimeoutMs = 5000;

struct HubMigration {
  int version;
  const char* sql;
};

// Never edit a released migration: add one.
const std::array kMigrations{
    HubMigration{1, R"sql(
CREATE TABLE station (
  id                 TEXT PRIMARY KEY,
  name               TEXT NOT NULL,
  group_name         TEXT,
  enabled            INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  sealed_key         BLOB NOT NULL,
  created_at         TEXT NOT NULL,
  acked_seq          INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
  acked_hash         TEXT,
  last_contact       TEXT,
  hb_version         TEXT,
  hb_uptime_s        INTEGER,
  hb_device          TEXT,
  hb_next_occurrence TEXT,
  hb_clock_utc       TEXT,
  hb_outbox_depth    INTEGER,
  hb_received_at     TEXT,
  flag_kind          TEXT,
  flag_seq           INTEGER,
  flag_detail        TEXT,
  flag_at            TEXT,
  flags              INTEGER NOT NULL DEFAULT 0
);

-- Nonces seen, per station, for the replay window (kept across restarts).
CREATE TABLE nonce (
  station_id  TEXT NOT NULL REFERENCES station(id),
  nonce       TEXT NOT NULL,
  seen_at_ms  INTEGER NOT NULL,
  PRIMARY KEY (station_id, nonce)
) WITHOUT ROWID;
CREATE INDEX nonce_by_time ON nonce(seen_at_ms);

-- The plays received: the station's canonical fields, its seq and hash.
CREATE TABLE play (
  station_id      TEXT NOT NULL REFERENCES station(id),
  seq             INTEGER NOT NULL CHECK (seq > 0),
  occurrence      TEXT NOT NULL,
  programme_id    INTEGER,
  programme_name  TEXT NOT NULL,
  position        INTEGER NOT NULL,
  segment_id      INTEGER,
  segment_sha256  TEXT NOT NULL,
  category        TEXT NOT NULL,
  title           TEXT NOT NULL,
  level           TEXT NOT NULL,
  scheduled_start TEXT,
  started_at      TEXT,
  ended_at        TEXT,
  frames          INTEGER NOT NULL CHECK (frames >= 0),
  underruns       INTEGER NOT NULL CHECK (underruns >= 0),
  status          TEXT NOT NULL,
  reason          TEXT NOT NULL,
  hash            TEXT NOT NULL CHECK (length(hash) = 64),
  received_at     TEXT NOT NULL,
  PRIMARY KEY (station_id, seq)
) WITHOUT ROWID;
CREATE INDEX play_by_time ON play(coalesce(started_at, ended_at));
)sql"},
    // Targets (hub/targets.hpp) and the stations' plans (what they meant to air, sent ahead;
    // empty until stations send them): sqlite_hub_store_reports.cpp.
    HubMigration{2, R"sql(
CREATE TABLE target (
  scope       TEXT NOT NULL CHECK (scope IN ('hub', 'group', 'station')),
  scope_name  TEXT NOT NULL,
  category    TEXT NOT NULL,
  per         TEXT NOT NULL CHECK (per IN ('month', 'week')),
  min_plays   INTEGER NOT NULL CHECK (min_plays >= 0),
  min_minutes REAL CHECK (min_minutes IS NULL OR min_minutes >= 0),
  PRIMARY KEY (scope, scope_name, category)
) WITHOUT ROWID;

-- The span [covered_from, covered_to) a plan a station sent covers: within it the planned
-- rows below are the whole plan, so a category with none was planned 0 times.
CREATE TABLE plan_span (
  station_id   TEXT NOT NULL REFERENCES station(id),
  covered_from TEXT NOT NULL,
  covered_to   TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  PRIMARY KEY (station_id, covered_from, covered_to)
) WITHOUT ROWID;

-- One row per item a station planned to air: an occurrence's position.
CREATE TABLE planned_play (
  station_id      TEXT NOT NULL REFERENCES station(id),
  occurrence      TEXT NOT NULL,
  position        INTEGER NOT NULL,
  category        TEXT NOT NULL,
  scheduled_start TEXT NOT NULL,
  received_at     TEXT NOT NULL,
  PRIMARY KEY (station_id, occurrence, position)
) WITHOUT ROWID;
CREATE INDEX planned_play_by_time ON planned_play(scheduled_start);
)sql"},
    // Later migrations live in their own files (hub/hub_schema.hpp), one per feature.
    HubMigration{3, kAccountsSchema},
    HubMigration{4, kMonthCloseSchema},
    HubMigration{5, kMandatesSchema},
};

// SQLite opens a new file 0644 minus the umask; the hub's database holds sealed keys and
// the log of every station, so it is made 0600 (its -wal and -shm copy the mode).
void create_private(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return;
    throw std::system_error(errno, std::generic_category(), file.string());
  }
  ::close(fd);
}

std::optional<Instant> optional_time(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return store::parse_utc_text(column.getString());
}

void bind_optional(SQLite::Statement& q, int index, const std::optional<Instant>& value) {
  if (value) q.bind(index, store::utc_text(*value));
}

constexpr const char* kStationColumns =
    "id, name, group_name, enabled, sealed_key, created_at, acked_seq, last_contact, hb_version, hb_uptime_s, "
    "hb_device, hb_next_occurrence, hb_clock_utc, hb_outbox_depth, hb_received_at, flag_kind, flag_seq, flag_detail, "
    "flag_at, flags";

Station read_station(SQLite::Statement& q) {
  Station s;
  s.id = q.getColumn(0).getString();
  s.name = q.getColumn(1).getString();
  s.group = q.getColumn(2).getString();
  s.enabled = q.getColumn(3).getInt() != 0;
  const auto* blob = static_cast<const std::uint8_t*>(q.getColumn(4).getBlob());
  s.sealed_key.assign(blob, blob + q.getColumn(4).getBytes());
  s.created_at = store::parse_utc_text(q.getColumn(5).getString());
  s.acked_seq = q.getColumn(6).getInt64();
  s.last_contact = optional_time(q.getColumn(7));
  if (!q.getColumn(14).isNull()) {
    Heartbeat h;
    h.version = q.getColumn(8).getString();
    h.uptime_s = q.getColumn(9).getInt64();
    h.device = q.getColumn(10).getString();
    h.next_occurrence = optional_time(q.getColumn(11));
    h.clock_utc = store::parse_utc_text(q.getColumn(12).getString());
    h.outbox_depth = q.getColumn(13).getInt64();
    h.received_at = store::parse_utc_text(q.getColumn(14).getString());
    s.heartbeat = h;
  }
  if (!q.getColumn(15).isNull()) {
    StationFlag f;
    f.kind = q.getColumn(15).getString();
    f.seq = q.getColumn(16).getInt64();
    f.detail = q.getColumn(17).getString();
    f.at = store::parse_utc_text(q.getColumn(18).getString());
    s.flag = f;
  }
  s.flags = q.getColumn(19).getInt64();
  return s;
}

constexpr const char* kPlayColumns =
    "seq, occurrence, programme_id, programme_name, position, segment_id, segment_sha256, category, title, level, "
    "scheduled_start, started_at, ended_at, frames, underruns, status, reason, hash, mandate_id";

store::Play read_play(SQLite::Statement& q) {
  store::Play p;
  p.seq = q.getColumn(0).getInt64();
  // Stored only after parse_occurrence accepted it.
  p.item.occurrence = parse_occurrence(q.getColumn(1).getString()).value_or(store::OccurrenceKey{});
  if (!q.getColumn(2).isNull()) p.item.programme_id = q.getColumn(2).getInt64();
  p.item.programme_name = q.getColumn(3).getString();
  p.item.position = q.getColumn(4).getInt();
  if (!q.getColumn(5).isNull()) p.item.segment_id = q.getColumn(5).getInt64();
  p.item.segment_sha256 = q.getColumn(6).getString();
  p.item.category = q.getColumn(7).getString();
  p.item.title = q.getColumn(8).getString();
  p.item.level = store::play_level_from(q.getColumn(9).getString()).value_or(store::PlayLevel::normal);
  p.item.scheduled_start = optional_time(q.getColumn(10));
  p.started_at = optional_time(q.getColumn(11));
  p.ended_at = optional_time(q.getColumn(12));
  p.frames = q.getColumn(13).getInt64();
  p.underruns = q.getColumn(14).getInt64();
  p.status = store::play_status_from(q.getColumn(15).getString()).value_or(store::PlayStatus::completed);
  p.reason = q.getColumn(16).getString();
  p.hash = q.getColumn(17).getString();
  if (!q.getColumn(18).isNull()) p.item.mandate_id = q.getColumn(18).getInt64();
  return p;
}

}  // namespace

int hub_schema_version_latest() noexcept {
  return kMigrations.back().version;
}

struct SqliteHubStore::Impl {
  explicit Impl(const std::filesystem::path& file)
      : db((create_private(file), file.string()), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, kBusyTimeoutMs) {
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA foreign_keys=ON");
    db.exec("PRAGMA synchronous=FULL");
    migrate();
  }

  int version() { return db.execAndGet("PRAGMA user_version").getInt(); }

  void refuse_if_newer(int current) {
    if (current > hub_schema_version_latest()) {
      throw std::runtime_error("the hub database is at schema version " + std::to_string(current) +
                               ", newer than this loaxa-hub knows (" + std::to_string(hub_schema_version_latest()) +
                               "): install the newer loaxa-hub");
    }
  }

  void migrate() {
    const int seen = version();
    refuse_if_newer(seen);
    for (const auto& migration : kMigrations) {
      if (migration.version <= seen) continue;
      MethodTransaction transaction(db);
      const int current = version();  // another process may have applied it meanwhile
      refuse_if_newer(current);
      if (current >= migration.version) continue;
      db.exec(migration.sql);
      db.exec("PRAGMA user_version = " + std::to_string(migration.version));
      transaction.commit();
    }
  }

  void require_station(const std::string& id) {
    SQLite::Statement q(db, "SELECT 1 FROM station WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw HubStoreError(HubStoreError::Kind::no_such_station, id);
  }

  // Prepared once per connection: an ingest runs these for every row, and preparing costs
  // more than the insert itself.
  SQLite::Statement& cached(std::optional<SQLite::Statement>& slot, const std::string& sql) {
    if (!slot) slot.emplace(db, sql);
    slot->reset();
    slot->clearBindings();
    return *slot;
  }

  std::optional<std::string> hash_at(const std::string& id, std::int64_t seq) {
    auto& q = cached(hash_at_query, "SELECT hash FROM play WHERE station_id = ? AND seq = ?");
    q.bind(1, id);
    q.bind(2, seq);
    if (!q.executeStep()) return std::nullopt;
    std::string hash = q.getColumn(0).getString();
    q.reset();  // no statement left running across a savepoint's release
    return hash;
  }

  // Every column bound each time (NULL for an absent value), the texts without a copy (they
  // outlive the step): binding was a sixth of the writer thread's time.
  void insert_play(const std::string& id, const store::Play& p, const std::string& received_at) {
    if (!insert_play_query) {
      insert_play_query.emplace(db, std::string("INSERT INTO play (station_id, ") + kPlayColumns +
                                        ", received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                        "?, ?, ?, ?, ?)");
    }
    auto& q = *insert_play_query;
    q.reset();
    const std::string occurrence = p.item.occurrence.text();
    const auto optional_text = [](const std::optional<Instant>& at) {
      return at ? store::utc_text(*at) : std::string();
    };
    const std::string scheduled = optional_text(p.item.scheduled_start);
    const std::string started = optional_text(p.started_at);
    const std::string ended = optional_text(p.ended_at);
    const auto text_or_null = [&q](int index, const std::string& text, bool present) {
      if (present) {
        q.bindNoCopy(index, text);
      } else {
        q.bind(index);
      }
    };
    const auto integer_or_null = [&q](int index, const std::optional<std::int64_t>& value) {
      if (value) {
        q.bind(index, *value);
      } else {
        q.bind(index);
      }
    };
    q.bindNoCopy(1, id);
    q.bind(2, *p.seq);
    q.bindNoCopy(3, occurrence);
    integer_or_null(4, p.item.programme_id);
    q.bindNoCopy(5, p.item.programme_name);
    q.bind(6, p.item.position);
    integer_or_null(7, p.item.segment_id);
    q.bindNoCopy(8, p.item.segment_sha256);
    q.bindNoCopy(9, p.item.category);
    q.bindNoCopy(10, p.item.title);
    q.bindNoCopy(11, store::to_string(p.item.level));
    text_or_null(12, scheduled, p.item.scheduled_start.has_value());
    text_or_null(13, started, p.started_at.has_value());
    text_or_null(14, ended, p.ended_at.has_value());
    q.bind(15, p.frames);
    q.bind(16, p.underruns);
    q.bindNoCopy(17, store::to_string(p.status));
    q.bindNoCopy(18, p.reason);
    q.bindNoCopy(19, p.hash);
    integer_or_null(20, p.item.mandate_id);  // a district bulletin's airing (docs/MANDATES.md)
    q.bindNoCopy(21, received_at);
    q.exec();
    q.reset();  // no statement left running across a savepoint's release
  }

  SQLite::Database db;
  // After db: destroyed before the connection closes.
  std::optional<SQLite::Statement> hash_at_query;
  std::optional<SQLite::Statement> insert_play_query;
};

HubStoreError::HubStoreError(Kind kind_, const std::string& id)
    : std::runtime_error((kind_ == Kind::station_exists ? "station exists: " : "no such station: ") + id),
      kind(kind_),
      station_id(id) {}

SqliteHubStore::SqliteHubStore(const std::filesystem::path& file) : impl_(std::make_unique<Impl>(file)) {}
SqliteHubStore::~SqliteHubStore() = default;

SQLite::Database& SqliteHubStore::database() {
  return impl_->db;
}

int SqliteHubStore::schema_version() {
  return impl_->version();
}

void SqliteHubStore::add_station(const Station& s) {
  MethodTransaction transaction(impl_->db);
  {
    SQLite::Statement exists(impl_->db, "SELECT 1 FROM station WHERE id = ?");
    exists.bind(1, s.id);
    if (exists.executeStep()) throw HubStoreError(HubStoreError::Kind::station_exists, s.id);
  }
  SQLite::Statement q(impl_->db,
                      "INSERT INTO station (id, name, group_name, enabled, sealed_key, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?)");
  q.bind(1, s.id);
  q.bind(2, s.name);
  if (!s.group.empty()) q.bind(3, s.group);
  q.bind(4, s.enabled ? 1 : 0);
  q.bind(5, s.sealed_key.data(), static_cast<int>(s.sealed_key.size()));
  q.bind(6, store::utc_text(s.created_at));
  q.exec();
  transaction.commit();
}

std::optional<Station> SqliteHubStore::find_station(const std::string& id) {
  SQLite::Statement q(impl_->db, std::string("SELECT ") + kStationColumns + " FROM station WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return read_station(q);
}

std::vector<Station> SqliteHubStore::stations() {
  SQLite::Statement q(impl_->db, std::string("SELECT ") + kStationColumns + " FROM station ORDER BY id");
  std::vector<Station> out;
  while (q.executeStep()) out.push_back(read_station(q));
  return out;
}

void SqliteHubStore::set_enabled(const std::string& id, bool enabled) {
  MethodTransaction transaction(impl_->db);
  impl_->require_station(id);
  SQLite::Statement q(impl_->db, "UPDATE station SET enabled = ? WHERE id = ?");
  q.bind(1, enabled ? 1 : 0);
  q.bind(2, id);
  q.exec();
  transaction.commit();
}

void SqliteHubStore::set_sealed_key(const std::string& id, const std::vector<std::uint8_t>& sealed_key) {
  MethodTransaction transaction(impl_->db);
  impl_->require_station(id);
  SQLite::Statement q(impl_->db, "UPDATE station SET sealed_key = ? WHERE id = ?");
  q.bind(1, sealed_key.data(), static_cast<int>(sealed_key.size()));
  q.bind(2, id);
  q.exec();
  transaction.commit();
}

bool SqliteHubStore::remember_nonce(const std::string& id, const std::string& nonce, Instant at,
                                    Instant forget_before) {
  MethodTransaction transaction(impl_->db);
  SQLite::Statement forget(impl_->db, "DELETE FROM nonce WHERE seen_at_ms < ?");
  forget.bind(1, static_cast<std::int64_t>(forget_before.time_since_epoch().count()));
  forget.exec();
  SQLite::Statement q(impl_->db, "INSERT OR IGNORE INTO nonce (station_id, nonce, seen_at_ms) VALUES (?, ?, ?)");
  q.bind(1, id);
  q.bind(2, nonce);
  q.bind(3, static_cast<std::int64_t>(at.time_since_epoch().count()));
  const bool fresh = q.exec() == 1;
  transaction.commit();
  return fresh;
}

void SqliteHubStore::record_contact(const std::string& id, Instant at) {
  MethodTransaction transaction(impl_->db);
  SQLite::Statement q(impl_->db, "UPDATE station SET last_contact = ? WHERE id = ?");
  q.bind(1, store::utc_text(at));
  q.bind(2, id);
  if (q.exec() == 0) throw HubStoreError(HubStoreError::Kind::no_such_station, id);
  transaction.commit();
}

void SqliteHubStore::record_heartbeat(const std::string& id, const Heartbeat& h) {
  MethodTransaction transaction(impl_->db);
  SQLite::Statement q(impl_->db,
                      "UPDATE station SET last_contact = ?, hb_version = ?, hb_uptime_s = ?, hb_device = ?, "
                      "hb_next_occurrence = ?, hb_clock_utc = ?, hb_outbox_depth = ?, hb_received_at = ? WHERE id = ?");
  q.bind(1, store::utc_text(h.received_at));
  q.bind(2, h.version);
  q.bind(3, h.uptime_s);
  q.bind(4, h.device);
  bind_optional(q, 5, h.next_occurrence);
  q.bind(6, store::utc_text(h.clock_utc));
  q.bind(7, h.outbox_depth);
  q.bind(8, store::utc_text(h.received_at));
  q.bind(9, id);
  if (q.exec() == 0) throw HubStoreError(HubStoreError::Kind::no_such_station, id);
  transaction.commit();
}

void SqliteHubStore::together(const std::function<void()>& work) {
  MethodTransaction transaction(impl_->db);
  work();
  transaction.commit();
}

IngestOutcome SqliteHubStore::append_plays(const std::string& id, const std::vector<store::Play>& rows,
                                           Instant received_at, const std::vector<std::string>& chained) {
  auto& db = impl_->db;
  MethodTransaction transaction(db);
  ChainState state;
  {
    SQLite::Statement q(db, "SELECT acked_seq, acked_hash FROM station WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw HubStoreError(HubStoreError::Kind::no_such_station, id);
    state.held_seq = q.getColumn(0).getInt64();
    state.held_hash = q.getColumn(1).getString();
  }
  const auto decision = decide_batch(
      state, rows, [&](std::int64_t seq) { return impl_->hash_at(id, seq); }, chained);
  if (decision.outcome.kind == IngestOutcome::Kind::conflict) {
    // The batch is refused, the flag is kept: the first flag's details, and a count.
    SQLite::Statement flag(db,
                           "UPDATE station SET flags = flags + 1, flag_kind = coalesce(flag_kind, 'conflict'), "
                           "flag_seq = coalesce(flag_seq, ?), flag_detail = coalesce(flag_detail, ?), "
                           "flag_at = coalesce(flag_at, ?) WHERE id = ?");
    flag.bind(1, decision.outcome.bad_seq);
    flag.bind(2, decision.outcome.detail);
    flag.bind(3, store::utc_text(received_at));
    flag.bind(4, id);
    flag.exec();
    transaction.commit();
    return decision.outcome;
  }
  if (decision.outcome.kind == IngestOutcome::Kind::acked && !decision.to_store.empty()) {
    const std::string received_text = store::utc_text(received_at);
    for (const auto* row : decision.to_store) impl_->insert_play(id, *row, received_text);
    SQLite::Statement update(db, "UPDATE station SET acked_seq = ?, acked_hash = ? WHERE id = ?");
    update.bind(1, decision.outcome.acked_seq);
    update.bind(2, decision.to_store.back()->hash);
    update.bind(3, id);
    update.exec();
  }
  transaction.commit();
  return decision.outcome;
}

std::vector<store::Play> SqliteHubStore::plays(const std::string& id) {
  SQLite::Statement q(impl_->db,
                      std::string("SELECT ") + kPlayColumns + " FROM play WHERE station_id = ? ORDER BY seq");
  q.bind(1, id);
  std::vector<store::Play> out;
  while (q.executeStep()) out.push_back(read_play(q));
  return out;
}

std::vector<ReportRow> SqliteHubStore::report(Instant from, Instant to) {
  // The plays of [from, to) station by station, read through play_by_station_time (one range
  // per station: CROSS JOIN keeps the stations as the outer loop, without it SQLite scans
  // every play) and added up here: GROUP BY would sort the month's plays by category first,
  // which was half the report's time at province scale (docs/PERFORMANCE.md, "Hub: month
  // report").
  struct Sums {
    std::int64_t completed = 0, frames = 0, missed = 0, interrupted = 0;
  };
  std::map<std::string, std::map<std::string, Sums>> by_station;
  {
    SQLite::Statement q(impl_->db, R"sql(
SELECT s.id, p.category, p.status, p.frames
FROM station s
CROSS JOIN play p ON p.station_id = s.id
  AND coalesce(p.started_at, p.ended_at) >= :from AND coalesce(p.started_at, p.ended_at) < :to
)sql");
    q.bind(":from", store::utc_text(from));
    q.bind(":to", store::utc_text(to));
    std::map<std::string, Sums>* station = nullptr;
    std::string current;
    while (q.executeStep()) {
      const char* id = q.getColumn(0).getText();
      if (station == nullptr || current != id) {
        current = id;
        station = &by_station[current];
      }
      Sums& sums = (*station)[q.getColumn(1).getString()];
      const std::string_view status = q.getColumn(2).getText();
      sums.completed += status == "completed";
      sums.missed += status == "missed";
      sums.interrupted += status == "interrupted";
      sums.frames += q.getColumn(3).getInt64();
    }
  }
  SQLite::Statement stations(impl_->db, "SELECT id, last_contact FROM station ORDER BY id");
  std::vector<ReportRow> out;
  while (stations.executeStep()) {
    ReportRow base;
    base.station_id = stations.getColumn(0).getString();
    base.last_contact = optional_time(stations.getColumn(1));
    const auto found = by_station.find(base.station_id);
    if (found == by_station.end()) {
      out.push_back(std::move(base));  // no play in the period: one row, no category
      continue;
    }
    for (const auto& [category, sums] : found->second) {
      ReportRow row = base;
      row.category = category;
      row.plays_completed = sums.completed;
      row.frames_aired = sums.frames;
      row.missed = sums.missed;
      row.interrupted = sums.interrupted;
      out.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace loaxa::hub
