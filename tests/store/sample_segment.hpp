#pragma once
// A plausible segment row for store tests: 1 s at 48 kHz unless a test changes it.

#include "store/segment_store.hpp"

#include <string>

namespace loaxa::store::test {

// `digit` makes the SHA-256 (64 times that character), so each digit is distinct content.
inline Segment sample_segment(char digit, const std::string& category = "CDS") {
  Segment s;
  s.sha256 = std::string(64, digit);
  s.title = std::string("Bản tin ") + digit;
  s.category = category;
  s.original_name = "a.wav";
  s.file_name = s.sha256 + ".wav";
  s.size_bytes = 100;
  s.format = "WAV / PCM 16";
  s.sample_rate = 48000;
  s.channels = 2;
  s.frames = 48000;
  s.duration_ms = 1000;
  s.loudness_lufs = -20;
  s.true_peak_dbtp = -1;
  s.trim_start_ms = 0;
  s.trim_end_ms = 1000;
  s.imported_at = "2026-11-29T00:00:00Z";
  return s;
}

}  // namespace loaxa::store::test
