#pragma once
// Everything the Now page shows, gathered in one place: the daemon's view (what airs, the
// amplifier, the output, the monitor line), the station's (the next 24 hours, the outbox to
// the district hub) and the warnings drawn from both.
//
// Thread safety: the console thread; `daemon` is the console's control::Handler, whose calls
// are marshalled to loaxad's loop. Throws store::BusyError.

#include "console/now_warnings.hpp"
#include "control/protocol.hpp"
#include "schedules/timeline.hpp"
#include "station/station.hpp"
#include "station/status.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::console {

// How far ahead the Now page lists what airs.
inline constexpr std::chrono::hours kComingWindow{24};

// The daemon's answer, or why there is none.
struct DaemonView {
  std::optional<control::DaemonStatus> status;
  std::string problem;  // set when status is not
};
DaemonView ask_status(control::Handler& daemon);

struct NowFacts {
  station::Now now;
  DaemonView daemon;
  std::optional<std::int64_t> airing_length_ms;  // the item on air, when it is a segment
  std::vector<schedules::Occurrence> coming;     // meeting the next kComingWindow
  std::optional<station::HubSyncStatus> hub;     // with [hub] only
  std::vector<NowWarning> warnings;              // serious ones first
};

// The playable length of the item the log shows playing now (the latest open row), when it
// is a segment still in the library; none for a relay or when nothing plays.
std::optional<std::int64_t> airing_length_ms(station::Station& station);

NowFacts gather_now(station::Station& station, control::Handler& daemon);

}  // namespace loaxa::console
