#include "store/migrations.hpp"

#include "common/i18n.hpp"
#include "schedules/time_zone.hpp"
#include "store/database.hpp"
#include "store/transaction.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <array>
#include <map>
#include <stdexcept>

namespace loaxa::store {
namespace {

// Migration 3: a slot's start becomes the wall time the operator typed. Version 2 kept the
// UTC instant it meant under the tzdata of the day; seen again in the same zone it gives back
// exactly that wall time (gap starts were refused, an ambiguous one meant its first instant).
void slots_to_wall_time(SQLite::Database& db) {
  SQLite::Statement old_rows(db, "SELECT id, start_utc, time_zone FROM temp.slot_v2");
  SQLite::Statement update(db, "UPDATE temp.slot_v2 SET start_local = ? WHERE id = ?");
  std::map<std::string, schedules::TimeZone> zones;
  while (old_rows.executeStep()) {
    const std::string zone_name = old_rows.getColumn(2).getString();
    auto zone = zones.find(zone_name);
    if (zone == zones.end()) zone = zones.emplace(zone_name, schedules::TimeZone(zone_name)).first;
    std::string utc = old_rows.getColumn(1).getString();  // "2027-03-28T03:30:00Z"
    if (!utc.empty() && utc.back() == 'Z') utc.pop_back();
    const auto instant = schedules::UtcTime{schedules::parse_date_time(utc).time_since_epoch()};
    update.reset();
    update.bind(1, schedules::format_date_time(zone->second.to_local(instant)));
    update.bind(2, old_rows.getColumn(0).getInt64());
    update.exec();
  }
  db.exec(
      "INSERT INTO slot (id, programme_id, start_local, time_zone, rrule, valid_from, valid_until, level, enabled, "
      "created_at) SELECT id, programme_id, start_local, time_zone, rrule, valid_from, valid_until, level, enabled, "
      "created_at FROM temp.slot_v2;"
      "INSERT INTO slot_exception (slot_id, date) SELECT slot_id, date FROM temp.slot_exception_v2;"
      "DROP TABLE temp.slot_v2;"
      "DROP TABLE temp.slot_exception_v2;");
}

constexpr std::array kMigrations{
    Migration{1, R"sql(
CREATE TABLE category (
  code        TEXT PRIMARY KEY CHECK (code GLOB '[A-Z]*' AND length(code) <= 16),
  name        TEXT NOT NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO category (code, name) VALUES
  ('CDS',  'Chuyển đổi số'),
  ('CCHC', 'Cải cách hành chính');

CREATE TABLE segment (
  id              INTEGER PRIMARY KEY,
  sha256          TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  title           TEXT NOT NULL,
  category        TEXT NOT NULL REFERENCES category(code),
  original_name   TEXT NOT NULL,
  file_name       TEXT NOT NULL,
  size_bytes      INTEGER NOT NULL,
  format          TEXT NOT NULL,
  sample_rate     INTEGER NOT NULL CHECK (sample_rate > 0),
  channels        INTEGER NOT NULL CHECK (channels > 0),
  frames          INTEGER NOT NULL CHECK (frames > 0),
  duration_ms     INTEGER NOT NULL,
  loudness_lufs   REAL NOT NULL,
  true_peak_dbtp  REAL NOT NULL,
  trim_start_ms   INTEGER NOT NULL,
  trim_end_ms     INTEGER NOT NULL CHECK (trim_end_ms > trim_start_ms),
  approved        INTEGER NOT NULL DEFAULT 0 CHECK (approved IN (0, 1)),
  approved_at     TEXT,
  valid_from      TEXT,
  valid_until     TEXT CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from),
  imported_at     TEXT NOT NULL
);
CREATE INDEX segment_by_category ON segment(category);
)sql"},
    // Programmes, slots and holidays. Instants are UTC; a slot keeps the zone its start was
    // given in, so its wall-clock time (what the operator typed) can be recovered exactly.
    Migration{2, R"sql(
CREATE TABLE programme (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  created_at  TEXT NOT NULL
);

CREATE TABLE programme_item (
  programme_id  INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('segment', 'jingle', 'rotate', 'relay')),
  segment_id    INTEGER REFERENCES segment(id),
  category      TEXT REFERENCES category(code),
  count         INTEGER CHECK (count IS NULL OR count BETWEEN 1 AND 99),
  source        TEXT,
  duration_s    INTEGER CHECK (duration_s IS NULL OR duration_s > 0),
  PRIMARY KEY (programme_id, position),
  CHECK ((kind IN ('segment', 'jingle') AND segment_id IS NOT NULL) OR
         (kind = 'rotate' AND category IS NOT NULL AND count IS NOT NULL) OR
         (kind = 'relay' AND source IS NOT NULL AND duration_s IS NOT NULL))
);
CREATE INDEX programme_item_by_segment ON programme_item(segment_id);

CREATE TABLE slot (
  id            INTEGER PRIMARY KEY,
  programme_id  INTEGER NOT NULL REFERENCES programme(id),
  start_utc     TEXT NOT NULL,
  time_zone     TEXT NOT NULL,
  rrule         TEXT NOT NULL DEFAULT '',
  valid_from    TEXT,
  valid_until   TEXT CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from),
  level         TEXT NOT NULL DEFAULT 'normal' CHECK (level IN ('normal', 'priority')),
  enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at    TEXT NOT NULL
);
CREATE INDEX slot_by_programme ON slot(programme_id);

CREATE TABLE slot_exception (
  slot_id  INTEGER NOT NULL REFERENCES slot(id) ON DELETE CASCADE,
  date     TEXT NOT NULL,
  PRIMARY KEY (slot_id, date)
);

CREATE TABLE holiday (
  id          INTEGER PRIMARY KEY,
  date_from   TEXT NOT NULL,
  date_until  TEXT NOT NULL CHECK (date_until >= date_from),
  name        TEXT NOT NULL
);
)sql"},
    // Slots keep the wall time the operator typed and its zone, so a tzdata update cannot
    // move them; and occurrences are frozen when they start. The slot table is rebuilt rather
    // than altered: its new start column needs a check and a place beside its zone. Dropping
    // `slot` with foreign keys on would cascade into slot_exception, so that table is set
    // aside first and both are rebuilt (slots_to_wall_time fills them back).
    Migration{3, R"sql(
CREATE TEMP TABLE slot_v2 AS SELECT *, NULL AS start_local FROM slot;
CREATE TEMP TABLE slot_exception_v2 AS SELECT * FROM slot_exception;
DROP TABLE slot_exception;
DROP TABLE slot;

CREATE TABLE slot (
  id            INTEGER PRIMARY KEY,
  programme_id  INTEGER NOT NULL REFERENCES programme(id),
  start_local   TEXT NOT NULL CHECK (start_local GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]'),
  time_zone     TEXT NOT NULL,
  rrule         TEXT NOT NULL DEFAULT '',
  valid_from    TEXT,
  valid_until   TEXT CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from),
  level         TEXT NOT NULL DEFAULT 'normal' CHECK (level IN ('normal', 'priority')),
  enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at    TEXT NOT NULL
);
CREATE INDEX slot_by_programme ON slot(programme_id);

CREATE TABLE slot_exception (
  slot_id  INTEGER NOT NULL REFERENCES slot(id) ON DELETE CASCADE,
  date     TEXT NOT NULL,
  PRIMARY KEY (slot_id, date)
);

-- An occurrence frozen when it started. No foreign keys to slot, programme or segment: the
-- record of what was planned outlives them. Instants are UTC text with milliseconds
-- ("2027-01-01T22:30:00.000Z"), which sorts as time does.
CREATE TABLE occurrence (
  id                 INTEGER PRIMARY KEY,
  slot_id            INTEGER NOT NULL,
  nominal_start_utc  TEXT NOT NULL,
  programme_id       INTEGER NOT NULL,
  start_utc          TEXT NOT NULL,
  frozen_at          TEXT NOT NULL,
  UNIQUE (slot_id, nominal_start_utc)
);
CREATE INDEX occurrence_by_nominal_start ON occurrence(nominal_start_utc);

CREATE TABLE occurrence_item (
  occurrence_id  INTEGER NOT NULL REFERENCES occurrence(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('segment', 'jingle', 'rotate', 'relay')),
  segment_id     TEXT NOT NULL,
  title          TEXT NOT NULL,
  category       TEXT NOT NULL,
  planned_ms     INTEGER NOT NULL CHECK (planned_ms >= 0),
  skipped        TEXT CHECK (skipped IS NULL OR skipped IN
                   ('unknown_segment', 'not_approved', 'not_yet_valid', 'expired', 'rotation_short')),
  missing        INTEGER NOT NULL DEFAULT 0 CHECK (missing >= 0),
  PRIMARY KEY (occurrence_id, position)
);
)sql",
              slots_to_wall_time},
    // The as-run log (docs/ASRUN.md): one row per item that aired or was skipped. No foreign
    // keys: the proof of play outlives the slot, programme and segment it names. A row is
    // `playing` while open; finalising gives it the next `seq` and its `hash` in the chain.
    Migration{4, R"sql(
CREATE TABLE play (
  id                   INTEGER PRIMARY KEY,
  slot_id              INTEGER,
  nominal_start_utc    TEXT,
  manual_key           TEXT,
  programme_id         INTEGER,
  programme_name       TEXT NOT NULL,
  position             INTEGER NOT NULL CHECK (position >= 0),
  segment_id           INTEGER,
  segment_sha256       TEXT CHECK (segment_sha256 IS NULL OR length(segment_sha256) = 64),
  category             TEXT NOT NULL,
  title                TEXT NOT NULL,
  level                TEXT NOT NULL CHECK (level IN ('normal', 'priority', 'emergency')),
  scheduled_start_utc  TEXT,
  started_at           TEXT,
  progress_at          TEXT,
  ended_at             TEXT,
  frames               INTEGER NOT NULL DEFAULT 0 CHECK (frames >= 0),
  underruns            INTEGER NOT NULL DEFAULT 0 CHECK (underruns >= 0),
  status               TEXT NOT NULL CHECK (status IN
                         ('playing', 'completed', 'interrupted', 'failed', 'skipped', 'missed')),
  reason               TEXT,
  seq                  INTEGER UNIQUE CHECK (seq IS NULL OR seq >= 1),
  hash                 TEXT CHECK (hash IS NULL OR length(hash) = 64),
  CHECK ((slot_id IS NOT NULL AND nominal_start_utc IS NOT NULL AND manual_key IS NULL) OR
         (slot_id IS NULL AND nominal_start_utc IS NULL AND manual_key IS NOT NULL)),
  CHECK ((status = 'playing') = (seq IS NULL) AND (seq IS NULL) = (hash IS NULL)),
  CHECK (status <> 'playing' OR started_at IS NOT NULL)
);
CREATE INDEX play_by_status ON play(status);
CREATE INDEX play_by_segment ON play(segment_id);
)sql"},
    // Migration 5: where the sync with the district hub stands (docs/SYNC.md): the highest
    // seq the hub acknowledged, the last contact, the last trouble. One row per hub URL, so
    // pointing a station at a new hub starts that hub's count from nothing.
    Migration{5, R"sql(
CREATE TABLE hub_sync (
  hub_url          TEXT PRIMARY KEY,
  acked_seq        INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
  last_contact     TEXT,
  last_error       TEXT,
  last_error_at    TEXT,
  conflict         TEXT
);
)sql"},
    // Migration 6: proof it was heard (docs/DAEMON.md, "Proof it was heard"): the share of a
    // play's sound the monitor line carried, and the delay it was found at. Measured after
    // the row is final (the monitor lags what was sent), so outside the hash chain: NULL when
    // no monitor is wired or nothing was sent.
    Migration{6, R"sql(
ALTER TABLE play ADD COLUMN heard_pct REAL CHECK (heard_pct IS NULL OR (heard_pct >= 0 AND heard_pct <= 100));
ALTER TABLE play ADD COLUMN heard_delay_ms INTEGER;
)sql"},
    // Migration 7: the station console's users and their sessions (store/user_store.hpp).
    // A password is kept only as its web::hash_password string, a session only as the
    // digest of its secret, so a copy of the database signs nobody in. Instants are UTC text
    // as the rest of the store writes them. Removing a user ends their sessions.
    Migration{7, R"sql(
CREATE TABLE console_users (
  name                 TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
  role                 TEXT NOT NULL CHECK (role IN ('operator', 'viewer')),
  password_hash        TEXT NOT NULL,
  created_at           TEXT NOT NULL,
  password_changed_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE console_sessions (
  digest      TEXT PRIMARY KEY,
  user        TEXT NOT NULL REFERENCES console_users(name) ON DELETE CASCADE ON UPDATE CASCADE,
  created_at  TEXT NOT NULL,
  last_seen   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX console_sessions_by_user ON console_sessions(user);
)sql"},
    // Migration 8: district bulletins (docs/MANDATES.md). A mandate is the hub's order as the
    // station received it and what the station did with it; the slots planned for it and the
    // plays that aired it name it, and a segment says whether it came from the hub.
    Migration{8, R"sql(
CREATE TABLE mandate (
  id              INTEGER PRIMARY KEY,  -- the hub's id
  title           TEXT NOT NULL,
  category        TEXT NOT NULL,
  date_from       TEXT NOT NULL,
  date_until      TEXT NOT NULL CHECK (date_until >= date_from),
  times_per_week  INTEGER NOT NULL CHECK (times_per_week BETWEEN 1 AND 21),
  windows         TEXT NOT NULL,        -- "05:00-07:00,17:00-19:00"
  level           TEXT NOT NULL CHECK (level IN ('normal', 'priority', 'emergency')),
  audio_sha256    TEXT NOT NULL CHECK (length(audio_sha256) = 64),
  audio_size      INTEGER NOT NULL CHECK (audio_size > 0),
  audio_name      TEXT NOT NULL,
  issued_at       TEXT NOT NULL,
  received_at     TEXT NOT NULL,        -- when the station first had the order
  state           TEXT NOT NULL CHECK (state IN ('downloading', 'received', 'declined', 'refused', 'cancelled')),
  reason          TEXT,                 -- declined: the commune's; refused: why the import failed
  segment_id      INTEGER,
  programme_id    INTEGER,
  planned         INTEGER,              -- airings the station could plan
  state_at        TEXT NOT NULL,        -- when `state` was reached
  reported        INTEGER NOT NULL DEFAULT 0 CHECK (reported IN (0, 1)),  -- the hub has `state`
  aired_at_once   TEXT                  -- emergency: when it was put on air
);
ALTER TABLE slot ADD COLUMN mandate_id INTEGER;
ALTER TABLE play ADD COLUMN mandate_id INTEGER;
ALTER TABLE play ADD COLUMN heard_reported INTEGER NOT NULL DEFAULT 0 CHECK (heard_reported IN (0, 1));
ALTER TABLE segment ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'hub'));
CREATE INDEX play_by_mandate ON play(mandate_id) WHERE mandate_id IS NOT NULL;
CREATE INDEX slot_by_mandate ON slot(mandate_id) WHERE mandate_id IS NOT NULL;
)sql"},
};

}  // namespace

std::span<const Migration> migrations() noexcept {
  return kMigrations;
}

int latest_schema_version() noexcept {
  return kMigrations.back().version;
}

int schema_version(SQLite::Database& db) {
  return db.execAndGet("PRAGMA user_version").getInt();
}

namespace {

void refuse_if_newer(int current) {
  if (current > latest_schema_version()) {
    throw std::runtime_error(trf("The database is schema version {}, newer than this program knows ({}). Update loaxa.",
                                 current, latest_schema_version()));
  }
}

const Migration* next_after(int current) {
  for (const Migration& migration : kMigrations) {
    if (migration.version > current) return &migration;
  }
  return nullptr;
}

}  // namespace

void migrate(Database& db, int target) {
  // Read first without the write lock: an up-to-date database (every open but the first)
  // must not wait for the daemon's writes.
  const int seen = busy_as_error([&] { return schema_version(db.sql()); });
  refuse_if_newer(seen);
  if (seen >= target) return;
  for (;;) {
    WriteTransaction transaction(db);
    // Re-read under the lock: another process may have applied this step meanwhile.
    const int current = schema_version(db.sql());
    refuse_if_newer(current);
    const Migration* migration = next_after(current);
    if (migration == nullptr || migration->version > target) return;
    db.sql().exec(migration->sql);
    if (migration->convert != nullptr) migration->convert(db.sql());
    db.sql().exec("PRAGMA user_version = " + std::to_string(migration->version));
    transaction.commit();
  }
}

}  // namespace loaxa::store
