#pragma once
// Airings of a district bulletin that did not air are planned again (docs/MANDATES.md,
// "Catching up"). A mandate asks for N airings per period; an airing can pass unaired — the
// daemon was down, the output failed, an emergency cut it, the operator removed its slot — and
// the hub counts only completed plays. So the daemon asks, at start and every few minutes,
// what each open mandate still lacks, and plans the lack again in what is left of the period
// under the same rules as the first plan (its windows, no holiday, the session cap, an hour
// from its own airings). A period already over cannot be caught up: what it lacks is
// shortfall, and the mandate's planned count drops so the hub is told. Nor can a segment no
// longer approved, or out of its dates: every airing planned again would be skipped, so none
// is, and the lack is shortfall too.
//
// An airing counts, per period, when it aired (a completed play carrying the mandate's id that
// started in the period) or may still air: its slot is in the future and the timeline airs it
// (not dropped: a holiday declared since, the slot disabled), its play is open, or its start is
// so recent, with no row yet, that the daemon may still air it late (loaxa.toml's
// max_wait_minutes plus the airing's length and a minute). A slot past that, or whose rows are
// all final and none completed, did not air.
//
// Thread safety: as Station. Throws store::BusyError (nothing written).

#include "station/station.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace loaxa::station {

struct MandateCatchUp {
  std::int64_t mandate_id = 0;
  std::string title;
  int required = 0;
  int planned_before = 0;
  int planned_after = 0;                        // aired + may still air + added, per period at most required
  std::vector<schedules::LocalDateTime> added;  // the new airings, in time order
};

// Catches up every received mandate (not an emergency one) up to a week after its span (a
// period over only has its planned count corrected); returns those whose airings or planned
// count changed (nothing for a station on plan). One transaction per mandate that changes.
std::vector<MandateCatchUp> catch_up_mandates(Station& station, schedules::UtcTime now);

}  // namespace loaxa::station
