#pragma once
// What airs when: the timeline of a window, read from one snapshot of the store, and the
// freezing of an occurrence when it starts (the daemon calls it), so later edits cannot
// rewrite what aired.
//
// Thread safety: as Station. Throws store::BusyError.

#include "schedules/timeline.hpp"
#include "station/station.hpp"
#include "store/planned_play.hpp"

#include <optional>
#include <vector>

namespace loaxa::station {

// Occurrences meeting [from, to), overlaps resolved with the station's max_wait_minutes,
// rotation from the airing history (frozen occurrences), frozen occurrences as they froze
// (docs/SCHEDULING.md, T10-T11). The same occurrence has the same items whatever window
// contains it. Read in one snapshot of the store.
std::vector<schedules::Occurrence> plan_window(Station& station, schedules::UtcTime from, schedules::UtcTime to);

// What the station plans to air in [from, to), for the district hub's "plays scheduled": every
// item of plan_window's occurrences that is due in the window and meant to air — not the items
// the plan skips (not approved, expired, …), not a dropped occurrence's. An item is due at its
// occurrence's start plus the planned length of the items before it.
store::StationPlan planned_plays(Station& station, schedules::UtcTime from, schedules::UtcTime to);

// Fixes the occurrence's items as they are now. Returns false, changing nothing, when it
// was frozen before: the first freeze wins.
bool freeze_occurrence(Station& station, const schedules::Occurrence& occurrence);

// When the latest frozen occurrence started, if any: the last sign of the daemon at work, from
// which a restart looks for occurrences that passed while it was down.
std::optional<schedules::UtcTime> latest_frozen_start(Station& station);

}  // namespace loaxa::station
