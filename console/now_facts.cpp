#include "console/now_facts.hpp"

#include "common/i18n.hpp"
#include "station/catalogue.hpp"
#include "station/error.hpp"
#include "station/log.hpp"
#include "station/timeline.hpp"

#include <algorithm>

namespace loaxa::console {

DaemonView ask_status(control::Handler& daemon) {
  DaemonView view;
  try {
    view.status = daemon.status();
  } catch (const std::exception& e) {
    // The console lives inside loaxad: this is a daemon shutting down or a loop that is stuck.
    view.problem = trf("loaxad did not answer: {}", e.what());
  }
  return view;
}

std::optional<std::int64_t> airing_length_ms(station::Station& station) {
  store::PlayFilter open;
  open.status = store::PlayStatus::playing;
  const auto plays = station::list_plays(station, open);
  if (plays.empty() || !plays.back().item.segment_id) return std::nullopt;
  try {
    const auto segment = station::find_segment(station, *plays.back().item.segment_id);
    const auto span = segment.trim_end_ms - segment.trim_start_ms;
    return span > 0 ? span : segment.duration_ms;
  } catch (const station::StationError&) {
    return std::nullopt;  // removed while it airs: the length is no longer known
  }
}

NowFacts gather_now(station::Station& station, control::Handler& daemon) {
  NowFacts facts;
  facts.daemon = ask_status(daemon);
  const auto status = station::station_status(station);
  facts.now = status.now;
  facts.hub = status.hub;
  facts.coming = station::plan_window(station, facts.now.utc, facts.now.utc + kComingWindow);
  if (facts.daemon.status && facts.daemon.status->now_airing) facts.airing_length_ms = airing_length_ms(station);

  const auto& zone = station.zone();
  if (facts.daemon.status) facts.warnings = daemon_warnings(*facts.daemon.status, zone);
  for (auto& warning : expiry_warnings(station::list_segments(station, std::nullopt), facts.now.today)) {
    facts.warnings.push_back(std::move(warning));
  }
  for (auto& warning : rotation_warnings(station, facts.coming)) facts.warnings.push_back(std::move(warning));
  std::stable_partition(facts.warnings.begin(), facts.warnings.end(), [](const NowWarning& w) { return w.serious; });
  return facts;
}

}  // namespace loaxa::console
