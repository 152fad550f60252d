#include "hub/hub_schema.hpp"

namespace loaxa::hub {

// Migration: district bulletins (docs/MANDATES.md) — the mandates the hub issued, what each
// addressed station did with them, and the plays that aired one.
const char* const kMandatesSchema = R"sql(
-- A mandate's order: its terms as schedules/mandate_terms.hpp reads them (dates YYYY-MM-DD,
-- windows "HH:MM-HH:MM,…", empty for the default window), its audio by SHA-256 (the file is
-- mandates/<sha256> in the hub's home).
CREATE TABLE mandate (
  id             INTEGER PRIMARY KEY,
  title          TEXT NOT NULL,
  category       TEXT NOT NULL,
  date_from      TEXT NOT NULL CHECK (length(date_from) = 10),
  date_until     TEXT NOT NULL CHECK (length(date_until) = 10 AND date_until >= date_from),
  times_per_week INTEGER NOT NULL CHECK (times_per_week BETWEEN 1 AND 21),
  windows        TEXT NOT NULL,
  level          TEXT NOT NULL CHECK (level IN ('normal', 'priority', 'emergency')),
  sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
  size           INTEGER NOT NULL CHECK (size > 0),
  file_name      TEXT NOT NULL,
  issued_at      TEXT NOT NULL,
  cancelled_at   TEXT
);

-- The stations a mandate addresses (fixed when it is added) and the latest report of each:
-- state NULL until the station reports; received_at the first time it said it received it.
CREATE TABLE mandate_station (
  mandate_id  INTEGER NOT NULL REFERENCES mandate(id),
  station_id  TEXT NOT NULL REFERENCES station(id),
  state       TEXT CHECK (state IS NULL OR state IN ('received', 'declined', 'refused')),
  reason      TEXT NOT NULL DEFAULT '',
  reported_at TEXT,
  planned     INTEGER,
  received_at TEXT,
  PRIMARY KEY (mandate_id, station_id)
) WITHOUT ROWID;
CREATE INDEX mandate_station_by_station ON mandate_station(station_id);

-- A play that aired a mandate carries its id; the monitor's heard % of it comes later.
ALTER TABLE play ADD COLUMN mandate_id INTEGER;
ALTER TABLE play ADD COLUMN heard_pct REAL CHECK (heard_pct IS NULL OR (heard_pct >= 0 AND heard_pct <= 100));
CREATE INDEX play_by_mandate ON play(mandate_id, station_id) WHERE mandate_id IS NOT NULL;
)sql";

}  // namespace loaxa::hub
