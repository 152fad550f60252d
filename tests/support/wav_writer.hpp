#pragma once
// Writes small PCM WAV files with known content for tests that need real audio without
// any external tool.

#include <filesystem>

namespace loaxa::test {

struct ToneSpec {
  int sample_rate = 48000;
  int channels = 1;
  double leading_silence_s = 0;
  double tone_s = 1.0;
  double trailing_silence_s = 0;
  double frequency_hz = 997;
  double peak_dbfs = -20;  // -inf (e.g. -1000) writes silence throughout
};

// 16-bit PCM WAV. Throws std::runtime_error on I/O failure.
void write_tone_wav(const std::filesystem::path& file, const ToneSpec& spec);

}  // namespace loaxa::test
