#pragma once
// The audio side: plays a job — one programme's items, back to back — into an Output,
// placing the first frame at the job's start instant, and reports what happened as events.
//
//   silence until start ─► item 0 ─► item 1 ─► … (trimmed spans only, no gap between items)
//
// The start is placed to the frame: the silence written before it is computed from the
// output's next_frame_time() (when the next frame written will be heard), not from when the
// job arrived. An item that could not be prepared (missing file, a relay, …) is reported
// failed at its place and the next one plays. Times in events are the steady instants at
// which the frame concerned is heard.
//
// Thread safety: play(), finish() on the audio thread only. In its steady state (between
// the first and last block of a job) the player does not allocate, lock, log or touch
// SQLite: it reads item streams into one block allocated at construction, writes it, and
// hands each event to PlayerEvents (which must not block). request_stop(), frames_consumed()
// and current_underruns() from any thread.

#include "audio/output.hpp"
#include "audio/pacer.hpp"
#include "daemon/item_stream.hpp"
#include "proof/envelope_follower.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::daemon {

using SteadyTime = audio::Pacer::Clock::time_point;

struct JobItem {
  std::unique_ptr<ItemStream> stream;  // null: cannot play
  const char* failure = nullptr;       // why not (a static reason code), when stream is null
  // The envelope of the item's frames as they are written (with a monitor line wired, for
  // proof it was heard); the scheduler drains it once the item has ended.
  std::shared_ptr<proof::EnvelopeFollower> sent{};
};

struct Job {
  std::uint64_t id = 0;
  SteadyTime start{};  // the instant its first frame must be heard
  // Until when the job waits for an output that will not open (a card unplugged, a JACK
  // server restarting), trying again with backoff; then its items are missed. It starts late
  // by as long as it waited. Default: its start (one try, no waiting).
  SteadyTime give_up_at{};
  std::vector<JobItem> items;
};

// not_played: an item after the one a stop cut, never started; missed: the job's output never
// opened before its give_up_at.
enum class ItemOutcome { completed, failed, interrupted, not_played, missed };

// How soon the player tries again to open an output that failed: the first wait, doubled up to
// the cap. Capped at a couple of seconds so a device back shortly before a start is found in
// time; while no job waits, the audio thread tries at `idle` intervals, so status shows when it is back.
struct ReopenPolicy {
  std::chrono::milliseconds first{250};
  std::chrono::milliseconds cap{2000};
  std::chrono::milliseconds idle{5000};
};

struct PlayerEvent {
  // device_lost: the output failed to open or failed while playing (detail: the output's
  // words); device_back: it opened again. Both carry job 0 when no job was waiting.
  enum class Kind { item_started, item_ended, job_ended, device_lost, device_back };
  Kind kind = Kind::job_ended;
  std::uint64_t job = 0;
  std::size_t item = 0;
  SteadyTime at{};              // when the item's first frame (started) / the frame after its last (ended) is heard
  std::uint64_t frame = 0;      // that frame's position since the output was opened
  std::uint64_t frames = 0;     // ended: the item's frames written
  std::uint64_t underruns = 0;  // ended: the item's underruns
  ItemOutcome outcome = ItemOutcome::completed;
  const char* reason = nullptr;  // ended, not completed: a static reason code
  std::string detail{};          // device_lost only (the only event that allocates)
};

// Receives the player's events on the audio thread. Must not block (the daemon posts them
// to the event loop; a test records them).
class PlayerEvents {
 public:
  virtual ~PlayerEvents() = default;
  virtual void on_player_event(const PlayerEvent& event) noexcept = 0;
};

class Player {
 public:
  // Throws std::bad_alloc.
  // `pacer`: the steady clock the player waits by for an output in trouble (the one job
  // starts are given on).
  Player(audio::Output& output, audio::OutputFormat format, PlayerEvents& events, std::size_t block_frames = 1024,
         ReopenPolicy reopen = {}, audio::Pacer& pacer = audio::steady_pacer());

  // Plays the job to its end (or until request_stop()). Opens the output if it is closed and
  // leaves it open, so a job waiting behind this one continues without a gap; finish()
  // closes it. An output failure ends the job: the item playing is reported interrupted,
  // those after it failed (both device_lost), and the output is closed; the next job opens
  // it again.
  void play(Job& job) noexcept;
  // Waits until the output has played everything (drain), then closes it.
  void finish() noexcept;
  // While the output is in trouble and no job plays: one try to open it (closed again at once),
  // device_back if it opens. The audio thread calls it every ReopenPolicy::idle.
  void probe() noexcept;
  // The output failed and has not opened since.
  bool device_trouble() const noexcept { return trouble_; }
  const ReopenPolicy& reopen_policy() const noexcept { return reopen_; }
  // Stops for good: the item playing ends as interrupted (reason "stopped"), no further job plays.
  void request_stop() noexcept { stop_.store(true, std::memory_order_relaxed); }
  bool stopping() const noexcept { return stop_.load(std::memory_order_relaxed); }
  // Ends job `id` at the next block, as request_stop() would, if it is playing or comes
  // next; the output stays open and the next job plays (the operator's `loaxa stop`).
  // Ids only grow: a later cancel of an older job (one that already ended) does not undo it.
  void cancel(std::uint64_t id) noexcept {
    auto current = cancel_.load(std::memory_order_relaxed);
    while (current < id && !cancel_.compare_exchange_weak(current, id, std::memory_order_relaxed)) {
    }
  }

  // The output's consumed frames since it was opened, and the playing item's underruns.
  std::uint64_t frames_consumed() const noexcept { return output_.frames_consumed(); }
  std::uint64_t current_underruns() const noexcept { return underruns_.load(std::memory_order_relaxed); }

 private:
  SteadyTime time_of(SteadyTime block_time, std::size_t offset_frames) const noexcept;
  void emit(PlayerEvent event) noexcept { events_.on_player_event(event); }
  // Ends the job after an output failure: the item on air (when `open_frames` says how much
  // of it was written) interrupted, the rest failed, all with reason device_lost.
  void fail_rest(Job& job, std::size_t from, SteadyTime at, std::optional<std::uint64_t> open_frames,
                 const std::string& detail) noexcept;
  // Opens the output for `job`, trying again with backoff until its give_up_at; false if it
  // did not open (or the job was stopped while waiting).
  bool open_for(const Job& job) noexcept;
  bool try_open(std::uint64_t job) noexcept;
  // Every item of a job that never started: `outcome` (missed, or not_played when stopped).
  void end_unstarted(Job& job, ItemOutcome outcome, const char* reason, SteadyTime at) noexcept;
  bool cancelled(const Job& job) const noexcept {
    return stopping() || cancel_.load(std::memory_order_relaxed) == job.id;
  }

  audio::Output& output_;
  audio::OutputFormat format_;
  PlayerEvents& events_;
  std::size_t block_frames_;
  ReopenPolicy reopen_;
  audio::Pacer& pacer_;
  std::vector<float> block_;
  bool open_ = false;
  bool trouble_ = false;       // the output failed and has not opened since
  std::uint64_t written_ = 0;  // frames written since open
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> cancel_{0};  // a job id; 0: none
  std::atomic<std::uint64_t> underruns_{0};
};

}  // namespace loaxa::daemon
