// The heard matcher on real speech and music: the monitor signals are made from the segment's
// own samples (delayed, attenuated, noisy, filtered) or from something else entirely.

#include "proof_test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace loaxa::proof;
using namespace loaxa::proof::test;

namespace {

constexpr int kTail = 1500;  // the monitor runs max_delay_ms past the play's end

Audio speech() {
  return load(segment("cds-04-vbr.mp3"));
}

}  // namespace

TEST_CASE("a delayed, 20 dB quieter, noisy monitor carries the programme", "[proof][heard]") {
  const char* name = GENERATE("cds-04-vbr.mp3", "cchc-01-mot-cua.flac", "nhac-hieu.wav");
  const int delay = GENERATE(0, 40, 250, 900);
  CAPTURE(name, delay);
  const Audio sent = load(segment(name));
  Audio monitor = delayed(mono(sent), delay, -20, kTail - delay);
  add_noise(monitor, -45);
  const Heard h = heard(sent, monitor);
  CHECK(h.heard_pct >= 90);
  CHECK(std::abs(h.delay_ms - delay) <= 10);
  CHECK_FALSE(h.monitor_silent);
  CHECK_FALSE(h.nothing_sent);
}

TEST_CASE("the monitor's gain does not matter, 30 dB down to 25 dB up", "[proof][heard]") {
  const double gain = GENERATE(-30.0, -20.0, 0.0, 12.0, 25.0);
  CAPTURE(gain);
  const Audio sent = speech();
  const Heard h = heard(sent, delayed(mono(sent), 120, gain, kTail - 120));
  CHECK(h.heard_pct >= 90);
  CHECK(std::abs(h.delay_ms - 120) <= 10);
}

TEST_CASE("a low-passed monitor resampled to 48 kHz carries a 44.1 kHz stereo programme", "[proof][heard]") {
  const Audio sent = load(segment("cds-02-dich-vu-cong.mp3"));
  REQUIRE(sent.sample_rate == 44100);
  REQUIRE(sent.channels == 2);
  Audio line = delayed(mono(sent), 250, +10, kTail - 250);  // a quiet file, a hot monitor line
  low_pass(line, 3000);
  Audio monitor = resampled(line, 48000);
  add_noise(monitor, -60);
  const Heard h = heard(sent, monitor);
  CHECK(h.heard_pct >= 90);
  CHECK(std::abs(h.delay_ms - 250) <= 10);
}

TEST_CASE("a monitor slightly ahead of the sent envelope is matched at a negative delay", "[proof][heard]") {
  const Audio sent = speech();
  Audio early = mono(sent);
  early.samples.erase(early.samples.begin(), early.samples.begin() + 48000 * 60 / 1000);  // 60 ms
  early = delayed(early, 0, -6, kTail);
  add_noise(early, -50);
  const Heard h = heard(sent, early);
  CHECK(std::abs(h.delay_ms + 60) <= 10);
  CHECK(h.heard_pct >= 90);
}

TEST_CASE("a dead amplifier: noise only at -60 dBFS is silent and carries nothing", "[proof][heard]") {
  const Audio sent = speech();
  const Heard h = heard(sent, noise(sent.frames() + 48000 * kTail / 1000, 48000, -60));
  CHECK(h.heard_pct <= 5);
  CHECK(h.monitor_silent);
}

TEST_CASE("a hum only (50 Hz at -20 dBFS) is not silent but carries nothing", "[proof][heard]") {
  const Audio sent = speech();
  const int rate = GENERATE(48000, 44100);
  CAPTURE(rate);
  Audio hum = sine(static_cast<std::size_t>(sent.frames() * rate / 48000 + rate * kTail / 1000), rate, 50, -20);
  const Heard h = heard(sent, hum);
  CHECK(h.heard_pct <= 5);
  CHECK_FALSE(h.monitor_silent);
  add_noise(hum, -50);  // a hum on a hissing line
  CHECK(heard(sent, hum).heard_pct <= 5);
}

TEST_CASE("an amplifier that dies half-way is heard for half of the programme", "[proof][heard]") {
  const char* name = GENERATE("cds-04-vbr.mp3", "cchc-01-mot-cua.flac");
  CAPTURE(name);
  const Audio sent = load(segment(name));
  Audio monitor = delayed(mono(sent), 300, -20, kTail - 300);
  const std::size_t half = sent.frames() / 2;
  const std::size_t cut = half + static_cast<std::size_t>(sent.sample_rate * 300 / 1000);
  std::fill(monitor.samples.begin() + static_cast<std::ptrdiff_t>(cut), monitor.samples.end(), 0.0f);
  add_noise(monitor, -60);

  // The share of the programme's non-silent blocks in its first half is what should be heard.
  const std::vector<float> levels = envelope(sent);
  int loud = 0, loud_first_half = 0;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const bool is_loud = 20 * std::log10(std::max(levels[i], 1e-10f)) > -50;
    loud += is_loud;
    loud_first_half += is_loud && i < levels.size() / 2;
  }
  const double expected = 100.0 * loud_first_half / loud;
  CAPTURE(expected);
  const Heard h = heard(sent, monitor);
  CHECK(h.heard_pct >= 45);
  CHECK(h.heard_pct <= 55);
  CHECK(std::abs(h.heard_pct - expected) <= 5);
  CHECK_FALSE(h.monitor_silent);
}

TEST_CASE("a monitor carrying a different programme at full level is not heard", "[proof][heard]") {
  // Pairs whose content differs in the shared set and in make-segments' set alike (in both,
  // some segments reuse another's speech at an offset; within max_delay_ms that would be heard).
  const auto pair = GENERATE(
      std::pair{"cds-04-vbr.mp3", "cchc-01-mot-cua.flac"}, std::pair{"cchc-01-mot-cua.flac", "cds-04-vbr.mp3"},
      std::pair{"cds-04-vbr.mp3", "nhac-hieu.wav"}, std::pair{"nhac-hieu.wav", "cds-04-vbr.mp3"},
      std::pair{"cchc-01-mot-cua.flac", "nhac-hieu.wav"}, std::pair{"cds-02-dich-vu-cong.mp3", "nhac-hieu.wav"});
  CAPTURE(pair.first, pair.second);
  const Audio sent = load(segment(pair.first));
  Audio other = mono(load(segment(pair.second)));
  // Loop the other programme to cover the whole play and its tail.
  const std::size_t wanted = sent.frames() * other.sample_rate / sent.sample_rate + other.sample_rate * kTail / 1000;
  Audio monitor{{}, 1, other.sample_rate};
  while (monitor.samples.size() < wanted)
    monitor.samples.insert(monitor.samples.end(), other.samples.begin(), other.samples.end());
  monitor.samples.resize(wanted);
  add_noise(monitor, -60);
  const Heard h = heard(sent, monitor);
  CHECK(h.heard_pct <= 10);
  CHECK_FALSE(h.monitor_silent);
}

TEST_CASE("nothing sent: heard_pct is 0 and says so", "[proof][heard]") {
  const std::vector<float> silence(500, 0.0f);
  const std::vector<float> quiet(600, 1e-4f);  // -80 dBFS
  const Heard h = match(silence, quiet);
  CHECK(h.nothing_sent);
  CHECK(h.heard_pct == 0);
  CHECK(h.sent_blocks == 0);
  const Heard empty = match({}, {});
  CHECK(empty.nothing_sent);
  CHECK(empty.monitor_silent);
  CHECK(empty.heard_pct == 0);
}

TEST_CASE("a monitor shorter than the play leaves the rest not carried", "[proof][heard]") {
  const Audio sent = speech();
  Audio monitor = delayed(mono(sent), 100, -10, 0);
  monitor.samples.resize(monitor.samples.size() / 2);
  const Heard h = heard(sent, monitor);
  CHECK(h.heard_pct > 35);
  CHECK(h.heard_pct < 60);
}

TEST_CASE("inconsistent options are refused", "[proof][heard]") {
  const std::vector<float> levels(100, 0.1f);
  HeardOptions bad;
  bad.min_delay_ms = 500;
  bad.max_delay_ms = 100;
  CHECK_THROWS_AS(match(levels, levels, bad), std::invalid_argument);
  HeardOptions no_block;
  no_block.block_ms = 0;
  CHECK_THROWS_AS(match(levels, levels, no_block), std::invalid_argument);
}

TEST_CASE("a delay that slides during the play is followed: slips of cycles, two clocks drifting apart",
          "[proof][heard]") {
  const Audio sent = speech();  // 39 s of speech (22 s in the generated set)
  REQUIRE(sent.sample_rate == 48000);
  const Audio line = mono(sent);
  SECTION("the monitor's copy slips 120 ms at a third and again at two thirds (a server skipping cycles)") {
    Audio monitor = line;
    monitor.samples.assign(line.samples.size() + 48 * kTail, 0.0f);
    const std::size_t third = line.samples.size() / 3;
    for (std::size_t f = 0; f < line.samples.size(); ++f) {
      const std::size_t delay_ms = f < third ? 100 : f < 2 * third ? 220 : 340;
      const std::size_t to = f + delay_ms * 48;
      if (to < monitor.samples.size()) monitor.samples[to] = 0.3f * line.samples[f];
    }
    add_noise(monitor, -50);
    const Heard h = heard(sent, monitor);
    // A 5 s section holding a slip is judged at one delay, so part of it is lost: 83–90 %
    // (the shared and the generated speech), against about a third with one delay.
    CHECK(h.heard_pct >= 75);
  }
  SECTION("the monitor card's clock runs 0.4 % slow: 156 ms behind by the end") {
    Audio monitor = resampled(delayed(line, 100, -10, kTail), 48192);
    monitor.sample_rate = 48000;  // its samples taken as 48 kHz: the content stretched
    add_noise(monitor, -50);
    const Heard h = heard(sent, monitor);
    CHECK(h.heard_pct >= 85);
  }
}

TEST_CASE("a digital loopback — an exact copy whose pauses are exact zeros — carries the programme", "[proof][heard]") {
  // Speech gated to digital silence between words, as a synthesiser writes it and as a JACK
  // loopback returns it: no noise floor at all on the monitor.
  Audio sent = mono(speech());
  for (std::size_t at = 0; at < sent.samples.size(); at += 480) {
    const std::size_t end = std::min(sent.samples.size(), at + 480);
    float peak = 0;
    for (std::size_t i = at; i < end; ++i) peak = std::max(peak, std::abs(sent.samples[i]));
    if (peak < 0.01f)
      std::fill(sent.samples.begin() + static_cast<std::ptrdiff_t>(at),
                sent.samples.begin() + static_cast<std::ptrdiff_t>(end), 0.0f);
  }
  // Half a block off the envelopes' grid, so every word's edge falls between two blocks.
  const Heard h = heard(sent, delayed(sent, 45, 0, kTail - 45));
  CHECK(h.heard_pct >= 90);
  CHECK(std::abs(h.delay_ms - 45) <= 10);
}
