// The capture side: the ring a device callback fills with the instant of each buffer, the
// input specs of loaxa.toml, and the live gain a relay plays at.
#include "audio/capture_ring.hpp"
#include "audio/input_spec.hpp"
#include "audio/live_gain.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <numbers>
#include <vector>

using loaxa::audio::CaptureRing;
using loaxa::audio::GainRule;
using loaxa::audio::InputError;
using loaxa::audio::InputSpec;
using loaxa::audio::LiveGain;
using namespace std::chrono_literals;

namespace {

std::vector<float> sine(int rate, int channels, double seconds, double level_dbfs, double hz = 1000.0) {
  const auto frames = static_cast<std::size_t>(seconds * rate);
  const double amplitude = std::pow(10.0, level_dbfs / 20.0);
  std::vector<float> out(frames * static_cast<std::size_t>(channels));
  for (std::size_t f = 0; f < frames; ++f) {
    const auto v =
        static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(f) / rate));
    for (std::size_t c = 0; c < static_cast<std::size_t>(channels); ++c)
      out[f * static_cast<std::size_t>(channels) + c] = v;
  }
  return out;
}

double peak_dbfs(const std::vector<float>& samples, std::size_t from = 0) {
  float peak = 0;
  for (std::size_t i = from; i < samples.size(); ++i) peak = std::max(peak, std::fabs(samples[i]));
  return 20.0 * std::log10(peak);
}

double rms_dbfs(const std::vector<float>& samples, std::size_t from) {
  double sum = 0;
  for (std::size_t i = from; i < samples.size(); ++i) sum += double(samples[i]) * samples[i];
  return 10.0 * std::log10(sum / static_cast<double>(samples.size() - from));
}

}  // namespace

TEST_CASE("the capture ring gives frames in order with the instant each was captured", "[capture]") {
  CaptureRing ring(1000, 2, 1.0);  // 1000 frames of room
  std::vector<float> block(200 * 2);
  for (std::size_t i = 0; i < block.size(); ++i) block[i] = static_cast<float>(i);
  const auto before = std::chrono::steady_clock::now();
  ring.push(block.data(), 200, 50'000'000);  // captured 50 ms ago
  CHECK(ring.readable_frames() == 200);
  const auto first = ring.next_frame_time();
  CHECK(first <= before);
  CHECK(first >= before - 60ms);
  std::vector<float> out(100 * 2);
  CHECK(ring.pop(out) == 100);
  CHECK(out[0] == 0.0f);
  CHECK(out[199] == 199.0f);
  // 100 frames at 1000 Hz later: 100 ms after the first.
  CHECK(std::chrono::abs(ring.next_frame_time() - (first + 100ms)) < 1ms);
  // Keeping only the newest: a relay starting now does not play what waited.
  ring.skip_to_newest(10);
  CHECK(ring.readable_frames() == 10);
  CHECK(ring.pop(out) == 10);
  CHECK(out[0] == static_cast<float>(190 * 2));
  CHECK(ring.overruns() == 0);
}

TEST_CASE("a full capture ring drops what does not fit and counts it", "[capture]") {
  CaptureRing ring(100, 1, 1.0);  // at least 100 frames (rounded up to a power of two)
  std::vector<float> block(4096, 0.5f);
  ring.push(block.data(), 4096, 0);
  CHECK(ring.overruns() == 1);
  CHECK(ring.readable_frames() < 4096);
  CHECK(ring.readable_frames() >= 100);
}

TEST_CASE("input specs: portaudio and jack, with or without a name, anything else refused", "[capture]") {
  CHECK(loaxa::audio::parse_input_spec("portaudio") == InputSpec{InputSpec::Kind::portaudio, std::nullopt});
  CHECK(loaxa::audio::parse_input_spec("portaudio:USB Audio: 1") ==
        InputSpec{InputSpec::Kind::portaudio, std::string("USB Audio: 1")});
  CHECK(loaxa::audio::parse_input_spec("jack:system:capture_1") ==
        InputSpec{InputSpec::Kind::jack, std::string("system:capture_1")});
  CHECK(to_string(loaxa::audio::parse_input_spec("jack")) == "jack");
  CHECK(to_string(loaxa::audio::parse_input_spec("portaudio:hw:1")) == "portaudio:hw:1");
  for (const char* bad : {"", "null", "file:/tmp/x.wav", "jack:", "alsa:hw:1"}) {
    INFO(bad);
    CHECK_THROWS_AS(loaxa::audio::parse_input_spec(bad), InputError);
  }
}

TEST_CASE("a JACK input without a server says so", "[capture]") {
  auto input = loaxa::audio::make_input(loaxa::audio::parse_input_spec("jack"), "loaxa-test-in");
  ::setenv("JACK_DEFAULT_SERVER", "loaxa-no-such-server", 1);
  try {
    input->open(48000);
    FAIL("opened");
  } catch (const InputError& e) {
    CHECK(e.kind() == InputError::Kind::open_failed);
    CHECK(e.target() == "jack");
  }
  ::unsetenv("JACK_DEFAULT_SERVER");
}

TEST_CASE("live gain brings a quiet line up to the target, slowly, within its limits", "[capture][gain]") {
  const GainRule rule{-16.0, -1.0};
  LiveGain gain(48000, 2, rule);
  auto line = sine(48000, 2, 8.0, -30.0);  // about -30 LUFS: 14 dB under the target
  for (std::size_t at = 0; at < line.size(); at += 2048) {
    const std::size_t n = std::min<std::size_t>(2048, line.size() - at);
    gain.process(std::span<float>(line).subspan(at, n));
  }
  // Up at 3 dB/s: the full 12 dB allowed after 4 s, not at once.
  CHECK(gain.gain_db() == Approx(12.0).margin(0.01));
  CHECK(rms_dbfs(line, line.size() - 48000 * 2) == Approx(-33.0 + 12.0).margin(0.5));
  CHECK(rms_dbfs(std::vector<float>(line.begin(), line.begin() + 48000), 0) <
        -31.0);  // the first half second barely moved
  CHECK(gain.loudest_lufs() > -35.0);
  CHECK(gain.input_peak_dbfs() == Approx(-30.0).margin(0.01));
}

TEST_CASE("live gain holds a loud line's peaks under the ceiling", "[capture][gain]") {
  LiveGain gain(48000, 1, GainRule{-16.0, -1.0});
  auto line = sine(48000, 1, 2.0, 0.0);  // full scale: peaks at 0 dBFS
  for (std::size_t at = 0; at < line.size(); at += 1024) {
    const std::size_t n = std::min<std::size_t>(1024, line.size() - at);
    gain.process(std::span<float>(line).subspan(at, n));
  }
  CHECK(peak_dbfs(line) <= -2.0 + 1e-3);  // the ceiling less a margin for the peaks between samples
}

TEST_CASE("live gain does not lift a silent line, and says it was silent", "[capture][gain]") {
  LiveGain gain(48000, 2, GainRule{-16.0, -1.0});
  std::vector<float> hiss = sine(48000, 2, 5.0, -70.0, 7000.0);
  gain.process(hiss);
  CHECK(gain.gain_db() == 0.0);
  CHECK(gain.loudest_lufs() == -std::numeric_limits<double>::infinity());
  CHECK(gain.input_peak_dbfs() < -69.0);
}
