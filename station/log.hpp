#pragma once
// Reading the as-run log (nhật ký phát): what aired, was skipped or missed, in a window. It
// reads the database only, so it works whether the daemon runs or not; the daemon writes the
// log through store::PlayStore (docs/ASRUN.md).
//
// Thread safety: as Station. Throws store::BusyError when the database stays locked past the
// busy timeout.

#include "station/station.hpp"
#include "store/play_store.hpp"

#include <vector>

namespace loaxa::station {

// Plays whose time (start, else end for one that never started) is in [from, to), with the
// status asked for, in time order; open rows (`playing`) included unless filtered out.
std::vector<store::Play> list_plays(Station& station, const store::PlayFilter& filter);

// The log's integrity: the first missing or altered row, if any.
store::ChainCheck verify_log(Station& station);

}  // namespace loaxa::station
