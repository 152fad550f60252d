#pragma once
// Airing one segment: what the daemon's player needs to decode it (its file, the playable
// span, the gain towards the station's loudness target under its true-peak ceiling), and
// the rule for an operator's "play now" (`loaxa play`): only a segment the schedule itself
// would air today.
//
// Thread safety: as Station.

#include "audio/playback_source.hpp"
#include "station/station.hpp"
#include "store/segment_store.hpp"

#include <cstdint>

namespace loaxa::station {

struct Airing {
  store::Segment segment;
  audio::PlaybackRequest request;
};

// For a planned item (the plan has already decided it airs). Throws StationError
// no_such_segment.
Airing prepare_airing(Station& station, std::int64_t segment_id);

// For "play now": as prepare_airing, and refuses a segment that is not approved or not
// valid today. Throws StationError no_such_segment, segment_not_airable (id, name = title,
// detail = the schedule's reason: not_approved, not_yet_valid, expired).
Airing prepare_manual_airing(Station& station, std::int64_t segment_id);

}  // namespace loaxa::station
