#include "store/migrations.hpp"

#include "common/i18n.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include <array>
#include <stdexcept>

namespace loaxa::store {
namespace {

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

void migrate(SQLite::Database& db, int target) {
  int current = schema_version(db);
  if (current > latest_schema_version()) {
    throw std::runtime_error(trf("The database is schema version {}, newer than this program knows ({}). Update loaxa.",
                                 current, latest_schema_version()));
  }
  for (const Migration& migration : kMigrations) {
    if (migration.version <= current || migration.version > target) continue;
    SQLite::Transaction transaction(db);
    db.exec(migration.sql);
    db.exec("PRAGMA user_version = " + std::to_string(migration.version));
    transaction.commit();
  }
}

}  // namespace loaxa::store
