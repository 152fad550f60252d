#include "audio/analysis.hpp"

#include "audio/channel_map.hpp"
#include "audio/input_file.hpp"
#include "audio/length_check.hpp"
#include "audio/loudness_meter.hpp"
#include "audio/parallel_true_peak.hpp"
#include "audio/silence_detector.hpp"
#include "audio/sndfile_source.hpp"
#include "common/i18n.hpp"

#include <algorithm>

namespace loaxa::audio {
namespace {

// Large enough that per-block overhead (queue hand-off, libebur128 call setup) vanishes,
// small enough that the blocks in flight stay well under a megabyte for stereo.
constexpr std::size_t frames_per_block = 8192;

std::int64_t frames_to_ms(std::int64_t frames, int rate) noexcept {
  return (frames * 1000 + rate / 2) / rate;
}

}  // namespace

Analysis analyze_file(const std::filesystem::path& path, const AnalysisOptions& options) {
  const InputFile file(path);
  SndfileSource source(file);
  const int rate = source.info().samplerate;
  const int channels = source.info().channels;

  LoudnessMeter loudness(LoudnessMeter::Measure::integrated_loudness, static_cast<unsigned long>(rate),
                         loudness_channels(channels, source.major_format(), source.channel_map()));
  SilenceDetector silence(channels, rate, options.silence_threshold_dbfs);
  ParallelTruePeak true_peak(channels, rate, frames_per_block);

  // The header's frame count is an estimate for some MP3s, so the fraction is clamped.
  const std::int64_t expected = source.info().frames > 0 ? source.info().frames : 0;
  const std::int64_t progress_step = std::max<std::int64_t>(expected / 100, 1);
  std::int64_t next_progress = progress_step;

  std::int64_t decoded = 0;
  for (;;) {
    const std::span<float> block = true_peak.acquire();
    if (block.empty()) break;  // a worker failed; finish() rethrows why
    const std::size_t frames = source.read(block);
    if (frames == 0) break;
    const auto samples = block.first(frames * static_cast<std::size_t>(channels));
    // Published first, so the workers oversample this block while this thread measures it.
    true_peak.publish(samples.size());
    loudness.add(samples);
    silence.add(samples);
    decoded += static_cast<std::int64_t>(frames);
    if (options.progress && expected > 0 && decoded >= next_progress) {
      options.progress(std::min(1.0, static_cast<double>(decoded) / static_cast<double>(expected)));
      next_progress = decoded + progress_step;
    }
  }
  const double peak_dbtp = true_peak.finish();

  check_decoded_length(file, source, decoded);
  if (decoded == 0) throw DecodeError(DecodeError::Kind::no_audio, tr("the header is valid but holds no audio frames"));

  Analysis result;
  result.title = source.title();
  result.format = source.format_name();
  result.sample_rate = rate;
  result.channels = channels;
  result.frames = decoded;
  result.duration_ms = frames_to_ms(decoded, rate);
  result.loudness_lufs = loudness.integrated_lufs();
  result.true_peak_dbtp = peak_dbtp;
  const PlayableSpan span = silence.finish(result.duration_ms);
  result.trim_start_ms = span.start_ms;
  result.trim_end_ms = span.end_ms;
  return result;
}

}  // namespace loaxa::audio
