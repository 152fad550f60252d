#pragma once
// A segment made ready for the output: decoded from its file, cut to its playable span
// (the silence trimmed at import), fitted to the output's channels, resampled to the
// output's rate and played at its gain. The player pulls interleaved float blocks from it.
//
//   file ─► SndfileSource ─► skip to trim start, stop at trim end ─► ChannelMixer (+ gain)
//        ─► Resampler (when the rates differ) ─► read()
//
// Thread safety: one thread at a time per object (the decoder thread; see ReadAhead).

#include "audio/channel_mixer.hpp"
#include "audio/frame_source.hpp"
#include "audio/output.hpp"
#include "audio/resampler.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace loaxa::audio {

class InputFile;
class SndfileSource;

struct PlaybackRequest {
  std::filesystem::path file;
  // The playable span [trim_start_ms, trim_end_ms) of store::Segment; an empty span plays
  // nothing, an end past the file plays to the end of the file.
  std::int64_t trim_start_ms = 0;
  std::int64_t trim_end_ms = 0;
  double gain = 1.0;  // linear, from playback_gain()
};

class PlaybackSource final : public FrameSource {
 public:
  // Opens and checks the file. Throws DecodeError (missing, unreadable, empty, not_audio,
  // bad_format, corrupt); std::invalid_argument for an output format without a rate or
  // channels; std::runtime_error if libsoxr cannot make a resampler (no memory).
  PlaybackSource(const PlaybackRequest& request, const OutputFormat& output);
  ~PlaybackSource() override;
  PlaybackSource(const PlaybackSource&) = delete;
  PlaybackSource& operator=(const PlaybackSource&) = delete;

  const OutputFormat& format() const noexcept { return output_; }
  int channels() const noexcept override { return output_.channels; }
  // The output frames the span should give (from the header's length: a promise, not a count).
  std::uint64_t expected_frames() const noexcept { return expected_frames_; }

  // Fills `out` (whole output frames) and returns the frames written; fewer only at the end,
  // then 0. Throws DecodeError (corrupt) if the file breaks off part-way.
  std::size_t read(std::span<float> out) override;

 private:
  void refill();
  std::size_t pending_frames() const noexcept;

  OutputFormat output_;
  std::unique_ptr<InputFile> file_;
  std::unique_ptr<SndfileSource> decoder_;
  std::optional<ChannelMixer> mixer_;
  std::unique_ptr<Resampler> resampler_;  // none when the rates already match
  std::uint64_t span_left_ = 0;           // source frames still to decode
  std::uint64_t expected_frames_ = 0;
  std::vector<float> decoded_;  // one block of source frames
  std::vector<float> mixed_;    // the same block in output channels
  std::size_t mixed_frames_ = 0;
  std::size_t mixed_pos_ = 0;
  bool input_done_ = false;
  bool finished_ = false;
};

}  // namespace loaxa::audio
