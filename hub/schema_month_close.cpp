#include "hub/hub_schema.hpp"

namespace loaxa::hub {

// Migration: the month close's snapshots (month_close.hpp), and an index the month's report
// and the late arrivals read a station's plays of a window through.
const char* const kMonthCloseSchema = R"sql(
-- One signed snapshot per closed month (month_close_signature.hpp says what is signed).
CREATE TABLE month_close (
  month      TEXT PRIMARY KEY CHECK (length(month) = 7),
  time_zone  TEXT NOT NULL,
  closed_at  TEXT NOT NULL,
  snapshot   TEXT NOT NULL,
  signature  TEXT NOT NULL CHECK (length(signature) = 64)
) WITHOUT ROWID;

-- The report joins each station to its plays of [from, to) by start (else end): by station
-- then time, a month is one range per station. It carries what the report and the late
-- arrivals add up, so neither reads the table (docs/PERFORMANCE.md, "Hub: month report").
CREATE INDEX play_by_station_time ON play(station_id, coalesce(started_at, ended_at), category, status, frames,
                                          received_at, started_at, ended_at);
)sql";

}  // namespace loaxa::hub
