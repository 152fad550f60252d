#pragma once
// RAII wrapper for a libsndfile decoder reading an already opened InputFile.
//
// Thread safety: one thread at a time per object (libsndfile handles are not shared).

#include <sndfile.h>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace loaxa::audio {

class InputFile;

class SndfileSource {
 public:
  // Throws DecodeError (not_audio, bad_format, corrupt).
  explicit SndfileSource(const InputFile& file);
  ~SndfileSource();
  SndfileSource(const SndfileSource&) = delete;
  SndfileSource& operator=(const SndfileSource&) = delete;

  // sample rate, channels, format and the frame count the header promises.
  const SF_INFO& info() const noexcept { return info_; }
  int major_format() const noexcept { return info_.format & SF_FORMAT_TYPEMASK; }
  // e.g. "WAV (Microsoft) / Signed 16 bit PCM".
  std::string format_name() const;
  // The title tag (ID3 TIT2, Vorbis TITLE, WAV INAM, …), or "" when there is none.
  std::string title() const;
  // libsndfile's SF_CHANNEL_MAP_* per channel, or empty when the file does not say.
  std::vector<int> channel_map() const;

  // Decodes up to out.size() / channels frames (interleaved, full scale ±1.0) and returns
  // the number decoded, 0 at the end. Throws DecodeError (corrupt).
  std::size_t read(std::span<float> out);

 private:
  const InputFile& file_;
  SF_INFO info_{};
  SNDFILE* sf_ = nullptr;
};

}  // namespace loaxa::audio
