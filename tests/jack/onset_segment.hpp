#pragma once
// The JACK benchmarks' common start: the onset tone imported as segment 1 of a fresh station
// home (approved, category CDS, title "onset"), and where each player's first loud frame
// falls in what it plays — loaxad the trimmed span at its loudness gain, mpg123 the MP3 as it
// decodes it — so an onset at the sink can be traced back to the instant it was due.

#include <cstdint>
#include <filesystem>

namespace loaxa::test {

struct OnsetLeads {
  std::int64_t loaxad_frames = 0;  // from the start of the played span
  std::int64_t mpg123_frames = 0;  // from the start of the decoded MP3
  double gain = 1.0;               // loaxad's playback gain
  std::int64_t trim_frames = 0;    // where import's trim starts the span
};

// Runs `loaxa --home HOME segment add WAV …` (on the real clock) and measures both leads at
// `rate` (scratch files in `dir`). Throws std::runtime_error.
OnsetLeads import_onset(const std::filesystem::path& loaxa, const std::filesystem::path& home,
                        const std::filesystem::path& wav, const std::filesystem::path& mp3,
                        const std::filesystem::path& dir, int rate, float threshold);

}  // namespace loaxa::test
