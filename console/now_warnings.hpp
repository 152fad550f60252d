#pragma once
// What the Now page warns an operator about, each worded once: the output device lost, the
// monitor line not capturing or the last play not heard (a dead amplifier), a segment that
// expires within the week, a rotation that will run short (the plan's own rule,
// schedules::validate_programme, worded by wording::describe).
//
// Thread safety: the console thread (the station functions take its Station). Throws
// store::BusyError.

#include "control/protocol.hpp"
#include "schedules/time_zone.hpp"
#include "schedules/timeline.hpp"
#include "station/station.hpp"
#include "store/segment_store.hpp"

#include <string>
#include <vector>

namespace loaxa::console {

struct NowWarning {
  bool serious = false;  // nothing airs, or nothing is heard: shown first, in red
  std::string text;
};

// From the daemon's own view: its output and its monitor line.
std::vector<NowWarning> daemon_warnings(const control::DaemonStatus& status, const schedules::TimeZone& zone);

// How far ahead an expiry is announced: this week, today included.
inline constexpr int kExpiryNoticeDays = 7;

// Approved segments whose last valid day is from `today` to kExpiryNoticeDays - 1 days on.
std::vector<NowWarning> expiry_warnings(const std::vector<store::Segment>& segments, schedules::LocalDate today);

// A rotation in one of `coming`'s programmes with fewer eligible segments than it asks for, on
// the day that occurrence airs; each programme and day once.
std::vector<NowWarning> rotation_warnings(station::Station& station, const std::vector<schedules::Occurrence>& coming);

}  // namespace loaxa::console
