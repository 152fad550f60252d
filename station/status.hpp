#pragma once
// `loaxa status`: which station this is, where its home is and how it was found, what the
// library and the schedule hold, and what airs next.
//
// Thread safety: as Station. Throws store::BusyError.

#include "schedules/timeline.hpp"
#include "station/station.hpp"
#include "store/counts.hpp"

#include <optional>

namespace loaxa::station {

struct StationStatus {
  Home home;
  int schema_version = 0;
  Now now;
  store::Counts counts;
  std::optional<schedules::Occurrence> next;  // the next occurrence that airs, within a week
};

StationStatus station_status(Station& station);

}  // namespace loaxa::station
