#include "audio/analysis.hpp"
#include "audio_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using namespace loaxa::audio;
using namespace loaxa::audio::test;

TEST_CASE("the title tag of an MP3 is read", "[audio][title]") {
  const TempDir dir;
  run("sox -q -n -r 44100 -c 1 " + quoted(dir / "tone.wav") + " synth 3 sine 440 gain -12");
  run("ffmpeg -nostdin -loglevel error -i " + quoted(dir / "tone.wav") +
      " -metadata title='Lịch tiêm chủng tháng 12' -id3v2_version 3 " + quoted(dir / "tagged.mp3"));
  CHECK(analyze_file(dir / "tagged.mp3").title == "Lịch tiêm chủng tháng 12");
  CHECK(analyze_file(dir / "tone.wav").title.empty());
}

TEST_CASE("progress is reported in order up to the whole file", "[audio][progress]") {
  const TempDir dir;
  run("sox -q -n -r 48000 -c 2 " + quoted(dir / "long.wav") + " synth 60 sine 440 gain -12");
  std::vector<double> seen;
  AnalysisOptions options;
  options.progress = [&seen](double fraction) { seen.push_back(fraction); };
  analyze_file(dir / "long.wav", options);
  REQUIRE(seen.size() >= 20);
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(seen.front() > 0.0);
  CHECK(seen.back() == Approx(1.0).margin(0.02));
  CHECK(seen.back() <= 1.0);
}
