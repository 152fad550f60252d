// Accuracy against an independent reference: ffmpeg's decoded sample count and its ebur128
// filter, recorded in MANIFEST.tsv.

#include "audio/analysis.hpp"
#include "audio_test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <iostream>

using namespace loaxa::audio;
using namespace loaxa::audio::test;

namespace {

constexpr int kSkipped = 77;  // the SKIP_RETURN_CODE in tests/audio/CMakeLists.txt

void check_against_manifest(const std::filesystem::path& dir) {
  const auto rows = read_manifest(dir / "MANIFEST.tsv");
  REQUIRE(rows.size() >= 5);
  for (const auto& row : rows) {
    const Analysis a = analyze_file(dir / row.file);
    const double duration_s = static_cast<double>(a.frames) / a.sample_rate;
    INFO(row.file << ": duration " << duration_s << " vs " << row.duration_s << ", loudness " << a.loudness_lufs
                  << " vs " << row.integrated_lufs << ", true peak " << a.true_peak_dbtp << " vs "
                  << row.true_peak_dbtp);
    CHECK(a.sample_rate == row.sample_rate);
    CHECK(a.channels == row.channels);
    CHECK(std::abs(duration_s - row.duration_s) <= 0.010);
    CHECK(std::abs(a.duration_ms - std::llround(row.duration_s * 1000)) <= 10);
    CHECK(std::abs(a.loudness_lufs - row.integrated_lufs) <= 0.5);
    CHECK(std::abs(a.true_peak_dbtp - row.true_peak_dbtp) <= 0.5);
  }
}

}  // namespace

// Hidden from test discovery ("[.]"): tests/audio/CMakeLists.txt registers it on its own
// with SKIP_RETURN_CODE, so a machine without ../shared reports it SKIPPED, not passed.
TEST_CASE("analysis matches the shared segments' MANIFEST", "[.][audio][manifest][shared]") {
  const auto dir = shared_segments_dir();
  if (dir.empty()) {
    std::cout << "no shared segments (set LOAXA_SHARED_SEGMENTS): skipped" << std::endl;
    std::exit(kSkipped);
  }
  check_against_manifest(dir);
}

TEST_CASE("analysis matches ffmpeg on generated segments", "[audio][manifest]") {
  const TempDir dir;
  make_segments(dir.path());
  check_against_manifest(dir.path());
}
