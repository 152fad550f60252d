// The audio thread's hand-off: jobs through the command slot, events back, back-to-back jobs
// on one opening of the output, stop() joining it.

#include "daemon/audio_thread.hpp"
#include "../audio/fake_pacer.hpp"
#include "audio/null_output.hpp"
#include "audio/output_error.hpp"
#include "support/temp_dir.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>

namespace ld = loaxa::daemon;
using namespace std::chrono_literals;

namespace {

// Test-side sink: the audio thread's events, kept under a lock (a test may lock).
class Events final : public ld::PlayerEvents {
 public:
  void on_player_event(const ld::PlayerEvent& event) noexcept override {
    {
      std::lock_guard lock(mutex_);
      events_.push_back(event);
    }
    changed_.notify_all();
  }
  // Waits (up to a minute, a safety net only) until `count` events of `kind` have come.
  std::vector<ld::PlayerEvent> wait_for(ld::PlayerEvent::Kind kind, std::size_t count) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, 60s, [&] {
      return static_cast<std::size_t>(std::count_if(events_.begin(), events_.end(),
                                                    [&](const ld::PlayerEvent& e) { return e.kind == kind; })) >= count;
    });
    return events_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<ld::PlayerEvent> events_;
};

// A fake pacer whose first sleep waits until the test releases it: the test can queue a
// second job while the first is still playing, as the daemon does 2 s before a start.
class GatedPacer final : public loaxa::audio::Pacer {
 public:
  Clock::time_point now() const noexcept override { return inner_.now(); }
  void sleep_until(Clock::time_point deadline) noexcept override {
    open_.wait(false);
    inner_.sleep_until(deadline);
  }
  void release() noexcept {
    open_.store(true);
    open_.notify_all();
  }

 private:
  std::atomic<bool> open_{false};
  loaxa::audio::test::FakePacer inner_;
};

std::unique_ptr<ld::Job> job_of(std::uint64_t id, ld::SteadyTime start, const std::filesystem::path& file,
                                std::int64_t trim_end_ms = 1000) {
  auto job = std::make_unique<ld::Job>();
  job->id = id;
  job->start = start;
  loaxa::audio::PlaybackRequest request;
  request.file = file;
  request.trim_end_ms = trim_end_ms;
  job->items.push_back({ld::direct_streams()(request, {8000, 1}), nullptr});
  job->items.push_back({nullptr, "relay_unsupported"});
  return job;
}

}  // namespace

TEST_CASE("the audio thread plays queued jobs back to back and reports them", "[daemon][audio_thread]") {
  loaxa::test::TempDir dir;
  const auto file = dir / "tone.wav";
  loaxa::test::write_tone_wav(file, {.sample_rate = 8000, .tone_s = 1.0});
  GatedPacer pacer;
  loaxa::audio::NullOutput output(pacer);
  Events events;
  ld::AudioThread thread(output, {8000, 1}, events);
  const auto start = pacer.now() + 2s;
  thread.submit(job_of(1, start, file));
  thread.submit(job_of(2, start + 1s, file));  // queued while the first plays; starts where it ends
  pacer.release();
  const auto seen = events.wait_for(ld::PlayerEvent::Kind::job_ended, 2);
  thread.stop();

  REQUIRE(seen.size() == 8);
  using Kind = ld::PlayerEvent::Kind;
  CHECK(seen[0].kind == Kind::item_started);
  CHECK(seen[0].job == 1);
  CHECK(seen[0].at == start);
  CHECK(seen[0].frame == 16000);
  CHECK(seen[1].kind == Kind::item_ended);
  CHECK(seen[1].outcome == ld::ItemOutcome::completed);
  CHECK(seen[1].frames == 8000);
  CHECK(seen[2].kind == Kind::item_ended);
  CHECK(seen[2].outcome == ld::ItemOutcome::failed);
  CHECK(std::string(seen[2].reason) == "relay_unsupported");
  CHECK(seen[3].kind == Kind::job_ended);
  CHECK(seen[4].kind == Kind::item_started);
  CHECK(seen[4].job == 2);
  CHECK(seen[4].frame == 24000);  // the same opening: no gap, no reopen
  CHECK(seen[4].at == start + 1s);
  CHECK(seen[5].kind == Kind::item_ended);
  CHECK(seen[5].outcome == ld::ItemOutcome::completed);
  CHECK(seen[6].outcome == ld::ItemOutcome::failed);
  CHECK(seen[7].kind == Kind::job_ended);
  CHECK(seen[7].at == start + 2s);
}

TEST_CASE("stopping the audio thread interrupts the item playing", "[daemon][audio_thread]") {
  loaxa::test::TempDir dir;
  const auto file = dir / "tone.wav";
  loaxa::test::write_tone_wav(file, {.sample_rate = 8000, .tone_s = 60.0});
  loaxa::audio::SteadyPacer pacer;  // real time: the minute-long item is still playing when stopped
  loaxa::audio::NullOutput output(pacer);
  Events events;
  ld::AudioThread thread(output, {8000, 1}, events);
  thread.submit(job_of(1, pacer.now(), file, 60000));
  events.wait_for(ld::PlayerEvent::Kind::item_started, 1);
  thread.stop();  // returns once the thread has stopped writing
  const auto seen = events.wait_for(ld::PlayerEvent::Kind::job_ended, 1);
  REQUIRE_FALSE(seen.empty());
  CHECK(seen.back().kind == ld::PlayerEvent::Kind::job_ended);
  REQUIRE(seen.size() >= 4);
  const auto& ended = seen[seen.size() - 3];
  CHECK(ended.kind == ld::PlayerEvent::Kind::item_ended);
  CHECK(ended.item == 0);
  CHECK(ended.outcome == ld::ItemOutcome::interrupted);
  CHECK(std::string(ended.reason) == "stopped");
  CHECK(ended.frames < 60 * 8000);
  // The item after it never started.
  const auto& after = seen[seen.size() - 2];
  CHECK(after.item == 1);
  CHECK(after.outcome == ld::ItemOutcome::not_played);
  CHECK(std::string(after.reason) == "stopped");
}

TEST_CASE("cancelling a job ends it where it is, and the job queued behind it plays", "[daemon][audio_thread]") {
  loaxa::test::TempDir dir;
  const auto file = dir / "tone.wav";
  loaxa::test::write_tone_wav(file, {.sample_rate = 8000, .tone_s = 60.0});
  loaxa::audio::SteadyPacer pacer;
  loaxa::audio::NullOutput output(pacer);
  Events events;
  ld::AudioThread thread(output, {8000, 1}, events);
  thread.submit(job_of(1, pacer.now(), file, 60000));
  thread.submit(job_of(2, pacer.now(), file, 100));
  thread.submit(job_of(3, pacer.now(), file, 100));
  events.wait_for(ld::PlayerEvent::Kind::item_started, 1);
  thread.cancel(1);
  thread.cancel(3);  // still queued: dropped, never played
  const auto seen = events.wait_for(ld::PlayerEvent::Kind::job_ended, 2);
  thread.stop();
  std::vector<ld::PlayerEvent> first, second;
  for (const auto& e : seen) {
    CHECK(e.job != 3);
    (e.job == 1 ? first : second).push_back(e);
  }
  REQUIRE(first.size() == 4);  // started, item 0 interrupted, item 1 not played, job ended
  CHECK(first[1].outcome == ld::ItemOutcome::interrupted);
  CHECK(first[2].outcome == ld::ItemOutcome::not_played);
  CHECK(first[3].kind == ld::PlayerEvent::Kind::job_ended);
  REQUIRE(second.size() == 4);  // started, item 0 completed, relay failed, job ended
  CHECK(second[1].outcome == ld::ItemOutcome::completed);
  CHECK(second[1].frames == 800);
  CHECK(second[3].kind == ld::PlayerEvent::Kind::job_ended);
}

namespace {

// A paced null output whose device "is pulled" once `fail_after` frames were written.
class FailingOutput final : public loaxa::audio::Output {
 public:
  FailingOutput(loaxa::audio::Pacer& pacer, std::uint64_t fail_after) : null_(pacer), fail_after_(fail_after) {}
  void open(const loaxa::audio::OutputFormat& format) override {
    null_.open(format);
    written_ = 0;
  }
  void write(std::span<const float> samples) override {
    if (written_ >= fail_after_) {
      throw loaxa::audio::OutputError(loaxa::audio::OutputError::Kind::write_failed, "test", "the card is gone");
    }
    written_ += samples.size();  // mono
    null_.write(samples);
  }
  void drain() override { null_.drain(); }
  void close() noexcept override { null_.close(); }
  std::uint64_t frames_consumed() const noexcept override { return null_.frames_consumed(); }
  loaxa::audio::Pacer::Clock::time_point next_frame_time() const noexcept override { return null_.next_frame_time(); }

 private:
  loaxa::audio::NullOutput null_;
  std::uint64_t fail_after_;
  std::uint64_t written_ = 0;
};

}  // namespace

TEST_CASE("a device lost mid-play: the item on air interrupted, the rest failed, the next job opens it again",
          "[daemon][audio_thread]") {
  loaxa::test::TempDir dir;
  const auto file = dir / "tone.wav";
  loaxa::test::write_tone_wav(file, {.sample_rate = 8000, .tone_s = 5.0});
  loaxa::audio::test::FakePacer pacer;
  FailingOutput output(pacer, 8000);  // one second, then the card is gone
  Events events;
  ld::Player player(output, {8000, 1}, events, 256);
  auto job = job_of(1, pacer.now(), file, 5000);
  player.play(*job);
  auto seen = events.wait_for(ld::PlayerEvent::Kind::job_ended, 1);
  REQUIRE(seen.size() == 4);  // started, item 0 cut, item 1 failed, job ended
  CHECK(seen[1].outcome == ld::ItemOutcome::interrupted);
  CHECK(std::string(seen[1].reason) == "device_lost");
  CHECK(seen[1].frames >= 8000);
  CHECK(seen[1].frames < 5 * 8000);
  CHECK(seen[2].outcome == ld::ItemOutcome::failed);
  CHECK(std::string(seen[2].reason) == "device_lost");
  // The device is back: the next job opens the output again and plays.
  auto next = job_of(2, pacer.now(), file, 100);
  player.play(*next);
  seen = events.wait_for(ld::PlayerEvent::Kind::job_ended, 2);
  REQUIRE(seen.size() == 8);
  CHECK(seen[5].outcome == ld::ItemOutcome::completed);
  CHECK(seen[5].frames == 800);
}
