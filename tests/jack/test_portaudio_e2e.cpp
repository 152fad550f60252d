// PortAudioOutput end to end: PortAudio's JACK host API plays to a dummy JACK server, and
// an independent JACK client says when the onset reached system:playback. The player's
// rule is under test: write silence until next_frame_time() is the target, then the onset.
#include "jack_server.hpp"
#include "onset_recorder.hpp"

#include "audio/jack_output.hpp"
#include "audio/output_error.hpp"
#include "audio/portaudio_output.hpp"

#include <sndfile.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

using loaxa::audio::JackOutput;
using loaxa::audio::OutputError;
using loaxa::audio::OutputFormat;
using loaxa::audio::PortAudioOutput;
using loaxa::test::JackServer;
using loaxa::test::OnsetRecorder;
using namespace std::chrono_literals;

namespace {

constexpr int kRate = 48000;
constexpr int kChannels = 2;
constexpr float kThreshold = 0.05f;

// The shared tone with a sharp onset, or a synthetic click: silence, then a 10 ms step.
std::vector<float> onset_signal() {
  const std::filesystem::path shared =
      std::filesystem::path(LOAXA_SOURCE_DIR) / "../shared/data/segments/tone-onset-48k.wav";
  SF_INFO info{};
  if (SNDFILE* file = sf_open(shared.c_str(), SFM_READ, &info);
      file != nullptr && info.samplerate == kRate && info.channels == kChannels) {
    std::vector<float> samples(static_cast<std::size_t>(info.frames) * kChannels);
    samples.resize(static_cast<std::size_t>(sf_readf_float(file, samples.data(), info.frames)) * kChannels);
    sf_close(file);
    return samples;
  } else if (file != nullptr) {
    sf_close(file);
  }
  std::vector<float> samples(static_cast<std::size_t>(kRate / 2) * kChannels, 0.0f);
  for (std::size_t i = 0; i < static_cast<std::size_t>(kRate / 100) * kChannels; ++i)
    samples[kRate / 10 * kChannels + i] = 0.5f;
  return samples;
}

std::size_t first_frame_above(const std::vector<float>& samples, float threshold) {
  for (std::size_t i = 0; i < samples.size(); ++i)
    if (std::fabs(samples[i]) > threshold) return i / kChannels;
  return samples.size() / kChannels;
}

// Plays the onset to land at a target instant; returns the measured error (sink − target).
std::chrono::nanoseconds play_onset_on_time(int period) {
  JackServer server(period, kRate);
  setenv("JACK_DEFAULT_SERVER", server.name().c_str(), 1);
  PortAudioOutput output("system");
  output.open(OutputFormat{kRate, kChannels});
  REQUIRE(output.host_api() == "JACK Audio Connection Kit");
  OnsetRecorder recorder(server.name(), kThreshold);
  REQUIRE(recorder.listen_to_sources_of("system:playback_1") == 1);

  const std::vector<float> signal = onset_signal();
  const std::size_t onset_frame = first_frame_above(signal, kThreshold);
  const auto target = std::chrono::steady_clock::now() + 1s;
  const auto signal_start =
      target - std::chrono::nanoseconds(static_cast<std::int64_t>(onset_frame) * 1'000'000'000 / kRate);

  const std::vector<float> silence(256 * kChannels, 0.0f);
  for (;;) {
    const auto gap = std::chrono::duration_cast<std::chrono::nanoseconds>(signal_start - output.next_frame_time());
    const auto frames = static_cast<std::int64_t>(std::llround(static_cast<double>(gap.count()) * kRate / 1e9));
    if (frames <= 0) break;
    output.write(std::span<const float>(silence).first(static_cast<std::size_t>(std::min<std::int64_t>(frames, 256)) *
                                                       kChannels));
  }
  output.write(signal);
  output.write(silence);
  output.drain();
  const auto onset = recorder.onset();
  output.close();
  REQUIRE(onset.has_value());
  const auto error = std::chrono::duration_cast<std::chrono::nanoseconds>(*onset - target);
  std::printf("PortAudio over JACK, -p %d: sink latency %u frames, onset at target %+.3f ms\n", period,
              recorder.sink_latency_frames(), static_cast<double>(error.count()) / 1e6);
  return error;
}

}  // namespace

// ±20 ms: far beyond the sub-millisecond error measured, and far below the one to several
// periods a wrong latency account gives (5.3 ms at 256 frames, 21 ms at 1024).
TEST_CASE("PortAudio over JACK places the onset on time at 256-frame periods", "[e2e][jack]") {
  CHECK(std::chrono::abs(play_onset_on_time(256)) < 20ms);
}

TEST_CASE("PortAudio over JACK places the onset on time at 1024-frame periods", "[e2e][jack]") {
  CHECK(std::chrono::abs(play_onset_on_time(1024)) < 20ms);
}

TEST_CASE("a PortAudio output refuses a second open and fails a write once its JACK server is gone", "[e2e][jack]") {
  JackServer server(256, kRate);
  setenv("JACK_DEFAULT_SERVER", server.name().c_str(), 1);
  PortAudioOutput output("system");
  output.open(OutputFormat{kRate, kChannels});
  try {
    output.open(OutputFormat{kRate, kChannels});
    FAIL("opened twice");
  } catch (const OutputError& e) {
    CHECK(e.kind() == OutputError::Kind::already_open);
  }
  const std::vector<float> block(1024 * kChannels, 0.0f);
  for (int i = 0; i < 10; ++i) output.write(block);
  server.stop();
  // The ring is full, so the next writes wait for a device that no longer takes frames;
  // at most 2 s of waiting (or the stream's own end) turns that into write_failed.
  bool failed = false;
  for (int i = 0; i < 100 && !failed; ++i) {
    try {
      output.write(block);
    } catch (const OutputError& e) {
      CHECK(e.kind() == OutputError::Kind::write_failed);
      CHECK(e.target() == "portaudio:system");
      std::printf("after the server stopped: %s\n", e.detail().c_str());
      failed = true;
    }
  }
  CHECK(failed);
  output.close();
}

TEST_CASE("a JACK output refuses a second open, another rate, no server, and fails a write once its server is gone",
          "[e2e][jack]") {
  JackServer server(256, kRate);
  setenv("JACK_DEFAULT_SERVER", server.name().c_str(), 1);
  JackOutput output;
  try {
    output.open(OutputFormat{44100, kChannels});
    FAIL("opened at a rate the server does not run at");
  } catch (const OutputError& e) {
    CHECK(e.kind() == OutputError::Kind::bad_format);
    CHECK_THAT(e.detail(), Catch::Contains("48000 Hz"));
  }
  output.open(OutputFormat{kRate, kChannels});
  try {
    output.open(OutputFormat{kRate, kChannels});
    FAIL("opened twice");
  } catch (const OutputError& e) {
    CHECK(e.kind() == OutputError::Kind::already_open);
  }
  const std::vector<float> block(1024 * kChannels, 0.0f);
  for (int i = 0; i < 10; ++i) output.write(block);
  server.stop();
  bool failed = false;
  for (int i = 0; i < 100 && !failed; ++i) {
    try {
      output.write(block);
    } catch (const OutputError& e) {
      CHECK(e.kind() == OutputError::Kind::write_failed);
      CHECK(e.target() == "jack");
      failed = true;
    }
  }
  CHECK(failed);
  output.close();
  // No server at all: said so, at once.
  try {
    output.open(OutputFormat{kRate, kChannels});
    FAIL("opened without a server");
  } catch (const OutputError& e) {
    CHECK(e.kind() == OutputError::Kind::open_failed);
    CHECK(e.detail() == "no JACK server is running");
  }
  // The server back under its name: the same output opens again.
  server.start();
  output.open(OutputFormat{kRate, kChannels});
  output.write(block);
  output.close();
}
