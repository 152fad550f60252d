#include "station/log.hpp"

namespace loaxa::station {

std::vector<store::Play> list_plays(Station& station, const store::PlayFilter& filter) {
  return store::PlayStore(station.db()).list(filter);
}

store::ChainCheck verify_log(Station& station) {
  return store::PlayStore(station.db()).verify_chain();
}

}  // namespace loaxa::station
