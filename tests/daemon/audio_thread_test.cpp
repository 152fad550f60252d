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
#include <thread>

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
  REQUIRE(seen.size() == 5);  // started, the device lost, item 0 cut, item 1 failed, job ended
  CHECK(seen[1].kind == ld::PlayerEvent::Kind::device_lost);
  CHECK(seen[1].detail.find("the card is gone") != std::string::npos);
  CHECK(seen[2].outcome == ld::ItemOutcome::interrupted);
  CHECK(std::string(seen[2].reason) == "device_lost");
  CHECK(seen[2].frames >= 8000);
  CHECK(seen[2].frames < 5 * 8000);
  CHECK(seen[3].outcome == ld::ItemOutcome::failed);
  CHECK(std::string(seen[3].reason) == "device_lost");
  CHECK(player.device_trouble());
  // The device is back: the next job opens the output again, says so, and plays.
  auto next = job_of(2, pacer.now(), file, 100);
  player.play(*next);
  seen = events.wait_for(ld::PlayerEvent::Kind::job_ended, 2);
  REQUIRE(seen.size() == 10);
  CHECK(seen[5].kind == ld::PlayerEvent::Kind::device_back);
  CHECK(seen[7].outcome == ld::ItemOutcome::completed);
  CHECK(seen[7].frames == 800);
  CHECK_FALSE(player.device_trouble());
}

namespace {

// A paced null output whose device will not open while `broken` (a USB card unplugged, a
// JACK server restarting); counts the tries.
class UnopenableOutput final : public loaxa::audio::Output {
 public:
  explicit UnopenableOutput(loaxa::audio::Pacer& pacer, int fails) : fails_left(fails), null_(pacer) {}
  void open(const loaxa::audio::OutputFormat& format) override {
    ++tries;
    if (fails_left.load() != 0) {
      if (fails_left.load() > 0) --fails_left;
      throw loaxa::audio::OutputError(loaxa::audio::OutputError::Kind::open_failed, "test", "no such card");
    }
    null_.open(format);
  }
  void write(std::span<const float> samples) override { null_.write(samples); }
  void drain() override { null_.drain(); }
  void close() noexcept override { null_.close(); }
  std::uint64_t frames_consumed() const noexcept override { return null_.frames_consumed(); }
  loaxa::audio::Pacer::Clock::time_point next_frame_time() const noexcept override { return null_.next_frame_time(); }

  std::atomic<int> fails_left;  // < 0: for ever
  std::atomic<int> tries{0};

 private:
  loaxa::audio::NullOutput null_;
};

using Real = loaxa::audio::Pacer::Clock;
constexpr ld::ReopenPolicy kQuickReopen{10ms, 40ms, 20ms};

std::size_t count_of(const std::vector<ld::PlayerEvent>& events, ld::PlayerEvent::Kind kind) {
  return static_cast<std::size_t>(
      std::count_if(events.begin(), events.end(), [&](const ld::PlayerEvent& e) { return e.kind == kind; }));
}

}  // namespace

TEST_CASE("an output that will not open: the job waits, trying again with backoff, and plays once it opens",
          "[daemon][audio_thread]") {
  loaxa::test::TempDir dir;
  const auto file = dir / "tone.wav";
  loaxa::test::write_tone_wav(file, {.sample_rate = 8000, .tone_s = 1.0});
  loaxa::audio::test::FakePacer pacer;
  UnopenableOutput output(pacer, 4);
  Events events;
  ld::Player player(output, {8000, 1}, events, 256, kQuickReopen);
  auto job = job_of(1, pacer.now(), file, 500);
  job->give_up_at = Real::now() + 30s;
  const auto before = Real::now();
  player.play(*job);
  const auto waited = Real::now() - before;
  const auto seen = events.wait_for(ld::PlayerEvent::Kind::job_ended, 1);
  CHECK(output.tries.load() == 5);
  // Backoff 10, 20, 40, 40 ms between the five tries.
  CHECK(waited >= 110ms);
  REQUIRE(seen.size() == 6);
  CHECK(seen[0].kind == ld::PlayerEvent::Kind::device_lost);  // once, not per try
  CHECK(seen[0].job == 1);
  CHECK(seen[0].detail.find("no such card") != std::string::npos);
  CHECK(seen[1].kind == ld::PlayerEvent::Kind::device_back);
  CHECK(seen[2].kind == ld::PlayerEvent::Kind::item_started);
  CHECK(seen[3].outcome == ld::ItemOutcome::completed);
  CHECK(seen[3].frames == 4000);
}

TEST_CASE("an output that does not open before the job's give_up_at: its items are missed, device_lost",
          "[daemon][audio_thread]") {
  loaxa::test::TempDir dir;
  const auto file = dir / "tone.wav";
  loaxa::test::write_tone_wav(file, {.sample_rate = 8000, .tone_s = 1.0});
  loaxa::audio::test::FakePacer pacer;
  UnopenableOutput output(pacer, -1);
  Events events;
  ld::Player player(output, {8000, 1}, events, 256, kQuickReopen);
  auto job = job_of(1, pacer.now(), file, 500);
  job->give_up_at = Real::now() + 150ms;
  player.play(*job);
  const auto seen = events.wait_for(ld::PlayerEvent::Kind::job_ended, 1);
  CHECK(output.tries.load() >= 3);
  REQUIRE(seen.size() == 4);  // the device lost, both items missed, the job ended
  CHECK(seen[0].kind == ld::PlayerEvent::Kind::device_lost);
  for (std::size_t i = 1; i <= 2; ++i) {
    CHECK(seen[i].kind == ld::PlayerEvent::Kind::item_ended);
    CHECK(seen[i].outcome == ld::ItemOutcome::missed);
    CHECK(std::string(seen[i].reason) == "device_lost");
  }
  CHECK(seen[3].outcome == ld::ItemOutcome::missed);
  CHECK(player.device_trouble());
}

TEST_CASE("a job stopped while it waits for the output: its items are not played, reason stopped",
          "[daemon][audio_thread]") {
  loaxa::test::TempDir dir;
  const auto file = dir / "tone.wav";
  loaxa::test::write_tone_wav(file, {.sample_rate = 8000, .tone_s = 1.0});
  loaxa::audio::test::FakePacer pacer;
  UnopenableOutput output(pacer, -1);
  Events events;
  ld::Player player(output, {8000, 1}, events, 256, kQuickReopen);
  auto job = job_of(7, pacer.now(), file, 500);
  job->give_up_at = Real::now() + 60s;
  std::thread playing([&] { player.play(*job); });
  events.wait_for(ld::PlayerEvent::Kind::device_lost, 1);
  player.cancel(7);
  playing.join();
  const auto seen = events.wait_for(ld::PlayerEvent::Kind::job_ended, 1);
  REQUIRE(seen.size() == 4);
  CHECK(seen[1].outcome == ld::ItemOutcome::not_played);
  CHECK(std::string(seen[1].reason) == "stopped");
  CHECK(seen[3].kind == ld::PlayerEvent::Kind::job_ended);
}

TEST_CASE("with no job waiting, the audio thread tries the output now and then and reports it back",
          "[daemon][audio_thread]") {
  loaxa::test::TempDir dir;
  const auto file = dir / "tone.wav";
  loaxa::test::write_tone_wav(file, {.sample_rate = 8000, .tone_s = 1.0});
  loaxa::audio::test::FakePacer pacer;
  UnopenableOutput output(pacer, -1);
  Events events;
  ld::AudioThread thread(output, {8000, 1}, events, kQuickReopen);
  auto job = job_of(1, pacer.now(), file, 500);
  job->give_up_at = Real::now();  // one try
  thread.submit(std::move(job));
  events.wait_for(ld::PlayerEvent::Kind::job_ended, 1);
  const int tries_then = output.tries.load();
  output.fails_left.store(0);  // the card is plugged in again
  const auto seen = events.wait_for(ld::PlayerEvent::Kind::device_back, 1);
  REQUIRE(count_of(seen, ld::PlayerEvent::Kind::device_back) == 1);
  CHECK(seen.back().kind == ld::PlayerEvent::Kind::device_back);
  CHECK(seen.back().job == 0);
  CHECK(output.tries.load() > tries_then);
  // Back and idle: no more tries.
  const int tries_back = output.tries.load();
  std::this_thread::sleep_for(100ms);
  CHECK(output.tries.load() == tries_back);
}
