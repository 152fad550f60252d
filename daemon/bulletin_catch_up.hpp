#pragma once
// The daemon's side of catching up on district bulletins (station/mandate_catch_up.hpp): at
// start, and every `every` of the station's clock after, the airings that did not air are
// planned again; the scheduler is told to re-plan and the log says what moved. The station's
// clock, not a timer: after the clock is stepped (or a test moves it) the next tick looks at
// once.
//
// Thread safety: the event loop's thread (it uses the loop's Station). on_time throws
// store::BusyError when the database is busy: the loop tries again a second later. Any other
// failure is logged and waits for the next look.

#include "common/clock.hpp"
#include "daemon/log.hpp"
#include "station/station.hpp"

#include <chrono>
#include <functional>
#include <optional>

namespace loaxa::daemon {

class BulletinCatchUp {
 public:
  // `schedule_changed` runs after airings were added (the scheduler re-plans, the hub hears).
  BulletinCatchUp(station::Station& station, Log& log, std::function<void()> schedule_changed,
                  std::chrono::minutes every = std::chrono::minutes(10));

  // Catches up when due at `now`: the first call, then every `every` (a clock stepped back
  // more than that makes it due again).
  void on_time(Instant now);

 private:
  station::Station& station_;
  Log& log_;
  std::function<void()> schedule_changed_;
  std::chrono::minutes every_;
  std::optional<Instant> next_;
};

}  // namespace loaxa::daemon
