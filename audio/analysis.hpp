#pragma once
// Measures an audio file before it may enter the library: every frame is decoded, so a
// truncated or corrupt file is refused at import, not discovered on air.
//
// Thread safety: analyze_file() is reentrant and may be called from any thread; it runs
// one or two worker threads of its own (true peak) and joins them before returning.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>

namespace loaxa::audio {

struct AnalysisOptions {
  // A 10 ms window whose sample peak stays below this level counts as silence.
  double silence_threshold_dbfs = -50.0;
  // Called on the calling thread with the fraction decoded so far (0…1), about every
  // 1 % of the file, so a terminal can show that a long import is alive. May be empty.
  std::function<void(double)> progress;
};

struct Analysis {
  std::string title;   // the file's title tag, "" when it has none
  std::string format;  // container / codec as libsndfile names them,
                       // e.g. "WAV (Microsoft) / Signed 16 bit PCM", "MPEG-1/2 Audio / MPEG Layer III"
  int sample_rate = 0;
  int channels = 0;
  std::int64_t frames = 0;       // decoded frames (after MP3 encoder delay/padding removal)
  std::int64_t duration_ms = 0;  // frames / sample_rate, rounded to nearest ms
  // EBU R128 / BS.1770 integrated loudness: LFE excluded, surround channels weighted 1.41,
  // mono as one channel (like ffmpeg's ebur128 filter). -infinity when nothing passes the
  // absolute gate (-70 LUFS), e.g. a silent file.
  double loudness_lufs = 0;
  double true_peak_dbtp = 0;  // EBU R128 true peak over all channels; -infinity for digital silence
  // Playable span [trim_start_ms, trim_end_ms): leading silence ends at trim_start_ms,
  // trailing silence begins at trim_end_ms (10 ms windows, sample peak below the threshold).
  // Both are 0 when the file is silence throughout.
  std::int64_t trim_start_ms = 0;
  std::int64_t trim_end_ms = 0;

  bool silent() const noexcept { return trim_end_ms <= trim_start_ms; }
};

// Why a file cannot be analysed; the importer turns each kind into an operator message.
// detail() is the specific reason in the operator's language (through common/i18n), without
// the path: the caller names the file as the operator knows it, not the staged copy.
class DecodeError : public std::runtime_error {
 public:
  enum class Kind {
    missing,     // no such file
    unreadable,  // exists but cannot be opened (permissions, a directory, ...)
    empty,       // zero bytes
    not_audio,   // no supported audio format recognised
    no_audio,    // a valid header but no audio frames
    bad_format,  // zero channels, zero sample rate or other impossible parameters
    corrupt,     // the stream breaks off or fails to decode part-way, or decodes to fewer
                 // frames than its header declares (truncated file, WAV size field that lies)
  };
  DecodeError(Kind kind, std::string detail);
  Kind kind() const noexcept { return kind_; }
  const std::string& detail() const noexcept { return detail_; }

 private:
  Kind kind_;
  std::string detail_;
};

// Decodes the whole file and measures it. Throws DecodeError; std::bad_alloc and
// std::system_error (no thread could be started) pass through.
Analysis analyze_file(const std::filesystem::path& file, const AnalysisOptions& options = {});

}  // namespace loaxa::audio
