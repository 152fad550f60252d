#pragma once
// Live updates for the open pages (Server-Sent Events): once a second the console thread
// calls tick(), which asks the daemon what airs and reads the log's new and changed rows,
// and publishes
//   now   {"airing":…,"html":{"vi":"<section id=now-airing…>","en":…},"banner":{"vi":"<div
//         id=emergency-banner…>","en":…}} when what airs changed, and every kNowEvery ticks
//         while something airs (its progress);
//   play  {"id":…,"day":"2026-11-30","category":"CDS","status":"completed","html":{"vi":"<tr…>",
//         "en":…}} once per new row and once per change of a row (finalised, heard measured).
// The HTML comes in both languages (a tick has no reader); the pages' script (live.js) puts
// its page's language (<html lang>) in place. The first tick only learns where
// the log stands: the rows before it are on the pages already.
//
// Thread safety: the console thread only (the Station is its connection; the daemon's calls
// are marshalled to loaxad's loop). tick() does not throw: a locked database or a daemon that
// does not answer is tried again at the next tick.

#include "control/protocol.hpp"
#include "station/station.hpp"
#include "store/play_store.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace loaxa::console {

class LiveEvents {
 public:
  using Publish = std::function<void(const std::string& event, const std::string& json)>;

  // How often (in ticks) the progress of what airs is published when nothing else changed.
  static constexpr int kNowEvery = 5;
  // How long (in ticks) a final row is watched for its heard share, which the monitor
  // measures after the row is final.
  static constexpr int kHeardWatch = 120;

  LiveEvents(station::Station& station, control::Handler& daemon, Publish publish);

  void tick();

  // Ticks that failed (a locked database, say), for the console's log and the tests.
  int failed_ticks() const noexcept { return failed_ticks_; }

 private:
  struct Watched {
    std::string signature;  // what a change of the row shows in
    int ticks_left = 0;     // final rows: until the heard share is given up on
  };

  void publish_now();
  void publish_plays();
  void start_watching();
  void publish_row(const store::Play& play);

  station::Station& station_;
  control::Handler& daemon_;
  Publish publish_;
  std::string now_key_;  // what airs, as last published
  int ticks_since_now_ = 0;
  std::optional<std::int64_t> last_id_;      // the highest play id seen
  std::map<std::int64_t, Watched> watched_;  // rows that may still change
  int failed_ticks_ = 0;
};

}  // namespace loaxa::console
