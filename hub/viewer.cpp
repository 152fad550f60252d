#include "hub/viewer.hpp"

#include <algorithm>

namespace loaxa::hub {

bool can_see(const Viewer& viewer, const Station& station) noexcept {
  return !viewer.group || station.group == *viewer.group;
}

std::vector<Station> visible_stations(const Viewer& viewer, std::vector<Station> stations) {
  std::erase_if(stations, [&](const Station& station) { return !can_see(viewer, station); });
  return stations;
}

std::optional<std::string> report_group(const Viewer& viewer) {
  return viewer.group;
}

}  // namespace loaxa::hub
