#pragma once
// What airs when: the timeline of a window, read from one snapshot of the store, and the
// freezing of an occurrence when it starts (the daemon calls it), so later edits cannot
// rewrite what aired.
//
// Thread safety: as Station. Throws store::BusyError.

#include "schedules/timeline.hpp"
#include "station/station.hpp"

#include <vector>

namespace loaxa::station {

// Occurrences meeting [from, to), overlaps resolved with the station's max_wait_minutes,
// rotation from the airing history (frozen occurrences), frozen occurrences as they froze.
// The same occurrence has the same items whatever window contains it.
std::vector<schedules::Occurrence> plan_window(Station& station, schedules::UtcTime from, schedules::UtcTime to);

// Fixes the occurrence's items as they are now. Returns false, changing nothing, when it
// was frozen before: the first freeze wins.
bool freeze_occurrence(Station& station, const schedules::Occurrence& occurrence);

// How far before a window the airing history is read: the rotation of a day starts from
// the history before the day before it, and an occurrence may run into the window from up
// to a week before (TimelineConfig::max_lookback).
inline constexpr std::chrono::hours kHistoryBeforeWindow{24 * 9};

}  // namespace loaxa::station
