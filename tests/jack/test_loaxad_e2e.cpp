// loaxad itself, end to end: a fresh station home built with the loaxa CLI, loaxad started a
// few seconds before a one-off slot and playing through PortAudio into a dummy JACK server,
// and the independent recorder timing the first sample at system:playback. Then a power
// cut: SIGKILL mid-play, a restart, and the as-run log read back with `loaxa log --json`.
//
// The slots are at real instants to the second (`slot add --start`), not under LOAXA_NOW:
// LOAXA_NOW's offset is fixed inside loaxad at the millisecond its clock is built, which no
// outside witness sees, whereas a real instant is the very reference the recorder needs.
#include "e2e_station.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <thread>

using loaxa::test::ChildProcess;
using loaxa::test::JackServer;
using loaxa::test::OnsetRecorder;
using loaxa::test::run_loaxa;
using loaxa::test::station_local_text;
using loaxa::test::TempDir;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using namespace loaxa::test::e2e;

// ±50 ms: a correctness gate, not the measure — a start "when the timer fires" is tens of ms
// late, a wrong latency account or a lost start much more. bench/start_error measures the
// real spread (docs/PERFORMANCE.md, "Start error"); on a quiet machine it is well under a
// millisecond at -p 1024, while a loaded VM's non-realtime JACK server skips cycles. The
// suite runs alone (RUN_SERIAL) and prints the error.
void starts_on_time(const std::string& output, const char* through) {
  Station s;
  const auto at = second_after(3500ms);
  s.programme_at("Onset", onset_tone(s.dir), at);
  auto daemon = s.start_loaxad(output);

  const auto rows = wait_for_log(
      s.home, 15s, [](const nlohmann::json& log) { return log.size() == 1 && log[0].at("status") == "completed"; });
  daemon->signal(SIGTERM);
  const int status = daemon->wait();
  INFO(read_text(s.err));
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at("status") == "completed");
  CHECK(rows[0].at("frames") == 96000);

  const auto expected = steady_of(at);
  const auto onset = onset_near(s.recorder, expected);
  REQUIRE(onset.has_value());
  const auto error = std::chrono::duration_cast<std::chrono::microseconds>(*onset - expected);
  std::printf("loaxad through %s (-p 256): onset at the sink %+.3f ms from the slot\n", through,
              static_cast<double>(error.count()) / 1e3);
  CHECK(std::chrono::abs(error) <= 50ms);
}

}  // namespace

TEST_CASE("loaxad starts a slot on time at the JACK sink through PortAudio", "[e2e][jack][daemon]") {
  starts_on_time("portaudio:system", "PortAudio into JACK");
}

TEST_CASE("loaxad starts a slot on time at the JACK sink through its native JACK output", "[e2e][jack][daemon]") {
  starts_on_time("jack", "its JACK output");
}

TEST_CASE(
    "the JACK server killed mid-play and restarted: loaxad lives, the play is interrupted, the next start is "
    "heard on time",
    "[e2e][jack][daemon]") {
  Station s;
  const fs::path long_tone = s.dir / "long.wav";
  loaxa::test::write_tone_wav(long_tone, {48000, 2, 0.0, 6.0, 0.0, 440.0, -12.0});
  const auto first = second_after(3500ms);
  const auto second = first + 14s;
  s.programme_at("Long", long_tone, first);
  s.programme_at("Onset", onset_tone(s.dir), second);
  auto daemon = s.start_loaxad("jack");

  const auto playing = wait_for_log(s.home, 15s, [](const nlohmann::json& log) { return log.size() == 1; });
  REQUIRE(playing.size() == 1);
  std::this_thread::sleep_for(1s);
  s.server.stop();  // the server dies mid-play
  std::this_thread::sleep_for(2s);
  s.server.start();  // and comes back, several seconds before the next start
  OnsetRecorder recorder{s.server.name(), kThreshold, kQuietFrames};
  recorder.follow_sources_of("system:playback_1");

  const auto rows = wait_for_log(
      s.home, 30s, [](const nlohmann::json& log) { return log.size() == 2 && log[1].at("status") == "completed"; });
  const bool alive = ::kill(daemon->pid(), 0) == 0;
  daemon->signal(SIGTERM);
  const int status = daemon->wait();
  INFO(read_text(s.err));
  CHECK(alive);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].at("status") == "interrupted");
  CHECK(rows[0].at("reason") == "device_lost");
  CHECK(rows[1].at("status") == "completed");

  const auto expected = steady_of(second);
  const auto onset = onset_near(recorder, expected);
  REQUIRE(onset.has_value());
  const auto error = std::chrono::duration_cast<std::chrono::microseconds>(*onset - expected);
  std::printf("after the JACK server's restart: onset at the sink %+.3f ms from the slot\n",
              static_cast<double>(error.count()) / 1e3);
  CHECK(std::chrono::abs(error) <= 50ms);
}

TEST_CASE("loaxad killed mid-play: the play is interrupted by a crash, not aired again, the log stays contiguous",
          "[e2e][jack][daemon]") {
  Station s;
  const fs::path long_tone = s.dir / "long.wav";
  loaxa::test::write_tone_wav(long_tone, {48000, 2, 0.0, 8.0, 0.0, 440.0, -12.0});
  const auto first = second_after(3500ms);
  const auto second = first + 10s;
  s.programme_at("Long", long_tone, first);
  s.programme_at("Onset", onset_tone(s.dir), second);
  auto daemon = s.start_loaxad();

  // Past the first progress write (every 2 s), so the row holds the frames played so far.
  std::this_thread::sleep_until(steady_of(first + 3s));
  daemon->signal(SIGKILL);
  daemon->wait();
  const auto killed = log_of(s.home);
  daemon = s.start_loaxad();  // within the occurrence: it is found frozen

  const auto rows = wait_for_log(
      s.home, 20s, [](const nlohmann::json& log) { return log.size() == 2 && log[1].at("status") == "completed"; });
  daemon->signal(SIGTERM);
  daemon->wait();
  INFO(read_text(s.err));
  INFO(rows.dump(2));

  REQUIRE(killed.size() == 1);
  CHECK(killed[0].at("status") == "playing");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].at("programme") == "Long");
  CHECK(rows[0].at("status") == "interrupted");
  CHECK(rows[0].at("reason") == "crash");
  CHECK(rows[0].at("frames").get<long long>() > 0);
  CHECK(rows[0].at("frames").get<long long>() < 8 * 48000);
  CHECK(rows[1].at("programme") == "Onset");
  CHECK(rows[1].at("status") == "completed");
  // Sequence numbers: one each, in order, without a gap.
  REQUIRE(rows[0].at("seq").is_number());
  REQUIRE(rows[1].at("seq").is_number());
  CHECK(rows[1].at("seq").get<long long>() == rows[0].at("seq").get<long long>() + 1);
  // Found frozen (or, on a machine slow to restart it, found too late): not aired again either way.
  CHECK_THAT(read_text(s.err), Catch::Contains("not aired again") || Catch::Contains("too late to air"));

  // The long programme was heard once, and the restarted loaxad still starts on time.
  const auto onsets = s.recorder.onsets();
  CHECK(std::count_if(onsets.begin(), onsets.end(),
                      [&](auto t) { return t > steady_of(first) - 1s && t < steady_of(second) - 1s; }) == 1);
  // The restarted loaxad airs the next slot (its timing is the test above's business).
  CHECK(onset_near(s.recorder, steady_of(second)).has_value());
}
