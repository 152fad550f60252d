#include "station/airing.hpp"

#include "audio/playback_gain.hpp"
#include "schedules/programme_plan.hpp"
#include "station/catalogue.hpp"
#include "station/error.hpp"

namespace loaxa::station {

Airing prepare_airing(Station& station, std::int64_t segment_id) {
  Airing airing{find_segment(station, segment_id), {}};
  const store::Segment& segment = airing.segment;
  const audio::GainRule rule{station.config().loudness_target_lufs, station.config().true_peak_ceiling_dbtp};
  airing.request.file = station.home().segments() / segment.file_name;
  airing.request.trim_start_ms = segment.trim_start_ms;
  airing.request.trim_end_ms = segment.trim_end_ms;
  airing.request.gain = audio::playback_gain(segment.loudness_lufs, segment.true_peak_dbtp, rule);
  return airing;
}

Airing prepare_manual_airing(Station& station, std::int64_t segment_id) {
  Airing airing = prepare_airing(station, segment_id);
  const store::Segment& segment = airing.segment;
  // The schedule's own eligibility rule, so "play now" and a programme agree.
  schedules::SegmentInfo info;
  info.id = std::to_string(segment.id);
  info.approved = segment.approved;
  if (segment.valid_from) info.valid_from = schedules::parse_date(*segment.valid_from);
  if (segment.valid_until) info.valid_until = schedules::parse_date(*segment.valid_until);
  if (const auto why = schedules::ineligibility(info, station.now().today)) {
    throw StationError(StationError::Kind::segment_not_airable, segment.id, segment.title, schedules::to_string(*why));
  }
  return airing;
}

}  // namespace loaxa::station
