// True peak skips the oversampling filter on passages too quiet to matter (see
// true_peak_worker.cpp); its result must equal libebur128 fed every sample.

#include "audio/analysis.hpp"
#include "audio_test_support.hpp"

#include <ebur128.h>
#include <sndfile.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace loaxa::audio;
using namespace loaxa::audio::test;

namespace {

double reference_true_peak_dbtp(const std::filesystem::path& file) {
  SF_INFO info{};
  SNDFILE* sf = sf_open(file.c_str(), SFM_READ, &info);
  REQUIRE(sf != nullptr);
  const auto channels = static_cast<unsigned>(info.channels);
  ebur128_state* st = ebur128_init(channels, static_cast<unsigned long>(info.samplerate), EBUR128_MODE_TRUE_PEAK);
  REQUIRE(st != nullptr);
  std::vector<float> buf(4096 * channels);
  for (sf_count_t n; (n = sf_readf_float(sf, buf.data(), 4096)) > 0;)
    ebur128_add_frames_float(st, buf.data(), static_cast<std::size_t>(n));
  double peak = 0;
  for (unsigned c = 0; c < channels; ++c) {
    double p = 0;
    ebur128_true_peak(st, c, &p);
    peak = std::max(peak, p);
  }
  ebur128_destroy(&st);
  sf_close(sf);
  return 20 * std::log10(peak);
}

void check_exact(const std::filesystem::path& file) {
  const double ours = analyze_file(file).true_peak_dbtp;
  const double reference = reference_true_peak_dbtp(file);
  INFO(file.filename() << ": " << ours << " vs " << reference);
  CHECK(ours == Approx(reference).epsilon(1e-9));
}

}  // namespace

TEST_CASE("true peak equals libebur128 over every sample", "[audio][truepeak]") {
  const TempDir dir;
  make_segments(dir.path());
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    if (entry.path().extension() != ".tsv") check_exact(entry.path());

  // Loud bursts between long quiet stretches, at the three oversampling factors.
  for (const char* rate : {"44100", "96000", "192000"}) {
    const auto file = dir / (std::string("bursts-") + rate + ".flac");
    run(std::string("sox -V1 -n -r ") + rate + " -c 2 -b 24 " + quoted(file) +
        " synth 6 square 3000 square 3100 tremolo 0.7 100 gain -n -0.5");
    check_exact(file);
  }
  if (const auto shared = shared_segments_dir(); !shared.empty())
    for (const auto& entry : std::filesystem::directory_iterator(shared))
      if (entry.path().extension() != ".tsv") check_exact(entry.path());
}
