#pragma once
// Helpers for the audio tests: a temporary directory, running sox/ffmpeg to make inputs,
// and reading a MANIFEST.tsv.

#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace loaxa::audio::test {

using loaxa::test::TempDir;

// Runs a shell command; fails the test (REQUIRE) unless it exits 0.
void run(const std::string& command);
// Quotes a path for the shell.
std::string quoted(const std::filesystem::path& path);

using loaxa::test::read_bytes;
using loaxa::test::write_bytes;

// A canonical 44-byte PCM WAV header followed by `data`; data_size is what the header claims.
std::string wav_bytes(unsigned channels, unsigned rate, unsigned bits, const std::string& data, unsigned data_size);

struct ManifestRow {
  std::string file;
  int sample_rate = 0;
  int channels = 0;
  double duration_s = 0;
  double integrated_lufs = 0;
  double true_peak_dbtp = 0;
};
std::vector<ManifestRow> read_manifest(const std::filesystem::path& tsv);

// The reference measurement, as the MANIFEST was made: decoded sample count of
// `ffmpeg -i F -f s16le -`, and ffmpeg's `ebur128=peak=true` summary.
struct FfmpegMeasure {
  double duration_s = 0;
  double integrated_lufs = 0;
  double true_peak_dbtp = 0;
};
FfmpegMeasure measure_with_ffmpeg(const std::filesystem::path& file, int channels, int sample_rate);

// ../shared/data/segments (env LOAXA_SHARED_SEGMENTS first), or empty if absent.
std::filesystem::path shared_segments_dir();
// Runs tests/fixtures/make-segments into dir.
void make_segments(const std::filesystem::path& dir);

}  // namespace loaxa::audio::test
