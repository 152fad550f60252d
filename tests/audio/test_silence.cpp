// Leading and trailing silence: 10 ms windows whose sample peak stays under the threshold.

#include "audio/analysis.hpp"
#include "audio_test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace loaxa::audio;
using namespace loaxa::audio::test;

TEST_CASE("digital silence at each end is trimmed", "[audio][silence]") {
  const TempDir dir;
  const auto file = dir / "padded.wav";
  run("sox -V1 -n -r 44100 -c 1 -b 16 " + quoted(file) + " synth 2 sine 1000 gain -6 pad 1.0 0.5");
  const Analysis a = analyze_file(file);
  CHECK(a.duration_ms == 3500);
  CHECK(std::llabs(a.trim_start_ms - 1000) <= 10);
  CHECK(std::llabs(a.trim_end_ms - 3000) <= 10);
  CHECK_FALSE(a.silent());
}

TEST_CASE("a noise floor below the threshold counts as silence", "[audio][silence]") {
  const TempDir dir;
  const auto file = dir / "hiss.flac";
  // 0.75 s of hiss peaking near -66 dBFS, 1.5 s of speech-level tone, 0.25 s of hiss.
  run("sox -V1 -n -r 48000 -c 2 -b 24 -t wav - synth 0.75 whitenoise vol 0.0005 > " + quoted(dir / "a.wav"));
  run("sox -V1 -n -r 48000 -c 2 -b 24 -t wav - synth 1.5 sine 440 gain -20 > " + quoted(dir / "b.wav"));
  run("sox -V1 -n -r 48000 -c 2 -b 24 -t wav - synth 0.25 whitenoise vol 0.0005 > " + quoted(dir / "c.wav"));
  run("sox -V1 " + quoted(dir / "a.wav") + " " + quoted(dir / "b.wav") + " " + quoted(dir / "c.wav") + " " +
      quoted(file));
  const Analysis a = analyze_file(file);
  CHECK(a.duration_ms == 2500);
  CHECK(std::llabs(a.trim_start_ms - 750) <= 10);
  CHECK(std::llabs(a.trim_end_ms - 2250) <= 10);
}

TEST_CASE("an all-silent file is silent()", "[audio][silence]") {
  const TempDir dir;
  const auto file = dir / "silence.wav";
  run("sox -V1 -D -n -r 48000 -c 2 -b 16 " + quoted(file) + " trim 0 3");  // -D: no dither, true zeros
  const Analysis a = analyze_file(file);
  CHECK(a.duration_ms == 3000);
  CHECK(a.silent());
  CHECK(std::isinf(a.loudness_lufs));
  CHECK(std::isinf(a.true_peak_dbtp));
}

TEST_CASE("the silence threshold is an option", "[audio][silence]") {
  const TempDir dir;
  const auto file = dir / "faint.wav";
  run("sox -V1 -n -r 44100 -c 1 -b 16 " + quoted(file) + " synth 2 sine 1000 gain -60");
  CHECK(analyze_file(file).silent());
  AnalysisOptions options;
  options.silence_threshold_dbfs = -70;
  const Analysis a = analyze_file(file, options);
  CHECK_FALSE(a.silent());
  CHECK(a.trim_start_ms == 0);
  CHECK(a.trim_end_ms == 2000);
}
