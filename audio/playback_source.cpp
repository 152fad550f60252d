#include "audio/playback_source.hpp"

#include "audio/input_file.hpp"
#include "audio/sndfile_source.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace loaxa::audio {
namespace {

// Source frames decoded at a time: ~90 ms at 44.1 kHz, small enough to stay in cache.
constexpr std::size_t kBlockFrames = 4096;

std::uint64_t frame_at(std::int64_t ms, int rate) {
  if (ms <= 0) return 0;
  return static_cast<std::uint64_t>(ms) * static_cast<std::uint64_t>(rate) / 1000U;
}

}  // namespace

PlaybackSource::PlaybackSource(const PlaybackRequest& request, const OutputFormat& output) : output_(output) {
  if (output.sample_rate <= 0 || output.channels <= 0)
    throw std::invalid_argument("playback: output format needs a sample rate and channels");
  file_ = std::make_unique<InputFile>(request.file);
  decoder_ = std::make_unique<SndfileSource>(*file_);
  const SF_INFO& info = decoder_->info();

  const auto roles = loudness_channels(info.channels, decoder_->major_format(), decoder_->channel_map());
  mixer_.emplace(roles, output.channels, static_cast<float>(request.gain));
  if (info.samplerate != output.sample_rate)
    resampler_ = std::make_unique<Resampler>(info.samplerate, output.sample_rate, output.channels);

  const std::uint64_t start = frame_at(request.trim_start_ms, info.samplerate);
  std::uint64_t end = frame_at(request.trim_end_ms, info.samplerate);
  if (info.frames > 0) end = std::min(end, static_cast<std::uint64_t>(info.frames));
  span_left_ = end > start ? end - start : 0;
  expected_frames_ =
      static_cast<std::uint64_t>(std::llround(static_cast<double>(span_left_) * output.sample_rate / info.samplerate));

  decoded_.resize(kBlockFrames * static_cast<std::size_t>(info.channels));
  mixed_.resize(kBlockFrames * static_cast<std::size_t>(output.channels));

  // Decoded and dropped rather than sought: exact to the frame for every format, MP3's
  // decoder delay included, and the leading silence is short.
  for (std::uint64_t skip = start; skip > 0;) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(skip, kBlockFrames));
    const std::size_t got = decoder_->read(std::span(decoded_).first(want * static_cast<std::size_t>(info.channels)));
    if (got == 0) {
      span_left_ = 0;
      break;
    }
    skip -= got;
  }
}

PlaybackSource::~PlaybackSource() = default;

std::size_t PlaybackSource::pending_frames() const noexcept {
  return mixed_frames_ - mixed_pos_;
}

void PlaybackSource::refill() {
  mixed_pos_ = 0;
  mixed_frames_ = 0;
  const auto in_channels = static_cast<std::size_t>(decoder_->info().channels);
  const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(span_left_, kBlockFrames));
  const std::size_t got = want > 0 ? decoder_->read(std::span(decoded_).first(want * in_channels)) : 0;
  if (got == 0) {
    input_done_ = true;
    return;
  }
  span_left_ -= got;
  mixed_frames_ = mixer_->mix(std::span(decoded_).first(got * in_channels), mixed_);
}

std::size_t PlaybackSource::read(std::span<float> out) {
  const auto channels = static_cast<std::size_t>(output_.channels);
  const std::size_t wanted = out.size() / channels;
  std::size_t produced = 0;
  while (produced < wanted && !finished_) {
    if (pending_frames() == 0 && !input_done_) {
      refill();
      continue;
    }
    const auto pending = std::span<const float>(mixed_).subspan(mixed_pos_ * channels, pending_frames() * channels);
    const auto room = out.subspan(produced * channels, (wanted - produced) * channels);
    if (!resampler_) {
      if (pending.empty()) {
        finished_ = true;
        break;
      }
      const std::size_t n = std::min(pending.size(), room.size());
      std::copy_n(pending.begin(), n, room.begin());
      mixed_pos_ += n / channels;
      produced += n / channels;
      continue;
    }
    // An empty `pending` here means the input has ended: the resampler gives its tail.
    const Resampler::Step step = resampler_->process(pending, room);
    mixed_pos_ += step.consumed;
    produced += step.produced;
    if (pending.empty() && step.produced == 0) finished_ = true;
  }
  return produced;
}

}  // namespace loaxa::audio
