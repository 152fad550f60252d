// BS.1770 channel weighting: LFE excluded, surround channels +1.5 dB, mono as one channel.

#include "audio/analysis.hpp"
#include "audio_test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace loaxa::audio;
using namespace loaxa::audio::test;

namespace {

// A 1 kHz tone on one channel (1-based) of an otherwise silent file, by sox's remix.
Analysis tone_on_channel(const TempDir& dir, const std::string& name, int channels, int channel) {
  std::string remix;
  for (int c = 1; c <= channels; ++c) remix += c == channel ? " 1" : " 0";
  const auto file = dir / name;
  run("sox -V1 -n -r 48000 -c 1 -b 16 -t wav - synth 3 sine 1000 gain -12 | sox -V1 - -c " + std::to_string(channels) +
      " " + quoted(file) + " remix" + remix);
  return analyze_file(file);
}

}  // namespace

TEST_CASE("the LFE channel of 5.1 does not count towards loudness", "[audio][channels]") {
  const TempDir dir;
  const auto lfe = tone_on_channel(dir, "lfe.wav", 6, 4);
  CHECK(std::isinf(lfe.loudness_lufs));
  CHECK(lfe.true_peak_dbtp == Approx(-12.0).margin(0.1));  // but its peak does
}

TEST_CASE("a surround channel weighs +1.5 dB against a front channel", "[audio][channels]") {
  const TempDir dir;
  const auto front = tone_on_channel(dir, "front.wav", 6, 1);
  const auto surround = tone_on_channel(dir, "surround.wav", 6, 5);
  CHECK(surround.loudness_lufs - front.loudness_lufs == Approx(10 * std::log10(1.41)).margin(0.05));
}

TEST_CASE("the LFE channel of a 5.1 Ogg Vorbis (Vorbis order, LFE last) is excluded", "[audio][channels]") {
  const TempDir dir;
  const auto lfe = tone_on_channel(dir, "lfe.ogg", 6, 6);
  CHECK(std::isinf(lfe.loudness_lufs));
}

TEST_CASE("mono counts as one channel, as ffmpeg's ebur128 does", "[audio][channels]") {
  const TempDir dir;
  const auto mono = tone_on_channel(dir, "mono.wav", 1, 1);
  const auto stereo = tone_on_channel(dir, "stereo.wav", 2, 1);  // the same tone on L only
  CHECK(mono.loudness_lufs == Approx(stereo.loudness_lufs).margin(0.05));
  // A full-scale 1 kHz sine on one channel reads -3.01 LUFS (BS.1770's -0.691 offsets K-weighting).
  CHECK(mono.loudness_lufs == Approx(-12.0 - 3.01).margin(0.1));
}
