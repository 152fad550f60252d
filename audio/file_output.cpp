#include "audio/file_output.hpp"

#include <algorithm>

#include "audio/output_error.hpp"

#include <sndfile.h>

#include <utility>

namespace loaxa::audio {

using Kind = OutputError::Kind;

FileOutput::FileOutput(std::filesystem::path path, WavSampleFormat sample_format)
    : path_(std::move(path)), sample_format_(sample_format) {}

FileOutput::~FileOutput() {
  close();
}

void FileOutput::open(const OutputFormat& format) {
  if (file_ != nullptr) throw OutputError(Kind::already_open, path_.string());
  if (format.sample_rate <= 0 || format.channels <= 0)
    throw OutputError(Kind::bad_format, path_.string(),
                      std::to_string(format.channels) + " channels at " + std::to_string(format.sample_rate) + " Hz");
  SF_INFO info{};
  info.samplerate = format.sample_rate;
  info.channels = format.channels;
  info.format = SF_FORMAT_WAV | (sample_format_ == WavSampleFormat::pcm16 ? SF_FORMAT_PCM_16 : SF_FORMAT_FLOAT);
  if (sf_format_check(&info) == SF_FALSE)
    throw OutputError(Kind::bad_format, path_.string(), "libsndfile refuses this WAV format");
  file_ = sf_open(path_.c_str(), SFM_WRITE, &info);
  if (file_ == nullptr) throw OutputError(Kind::open_failed, path_.string(), sf_strerror(nullptr));
  // Gain and mixing can leave a sample just over full scale; clip it rather than let the
  // integer conversion wrap round to the opposite sign.
  sf_command(file_, SFC_SET_CLIPPING, nullptr, SF_TRUE);
  channels_ = format.channels;
  sample_rate_ = format.sample_rate;
  opened_at_ = steady_pacer().now();
  frames_.store(0);
}

void FileOutput::write(std::span<const float> samples) {
  if (file_ == nullptr) throw OutputError(Kind::not_open, path_.string());
  const auto channels = static_cast<std::size_t>(channels_);
  if (samples.size() % channels != 0)
    throw OutputError(Kind::bad_block, path_.string(), std::to_string(samples.size()) + " samples");
  const auto frames = static_cast<sf_count_t>(samples.size() / channels);
  const sf_count_t written = sf_writef_float(file_, samples.data(), frames);
  if (written != frames) throw OutputError(Kind::write_failed, path_.string(), sf_strerror(file_));
  frames_.fetch_add(static_cast<std::uint64_t>(written));
}

void FileOutput::drain() {
  if (file_ == nullptr) throw OutputError(Kind::not_open, path_.string());
  sf_write_sync(file_);
}

void FileOutput::close() noexcept {
  if (file_ == nullptr) return;
  sf_close(file_);  // writes the final header sizes
  file_ = nullptr;
}

Pacer::Clock::time_point FileOutput::next_frame_time() const noexcept {
  // Whole seconds and the rest apart, so months of frames cannot overflow.
  const auto rate = static_cast<std::uint64_t>(std::max(sample_rate_, 1));
  const auto frames = frames_.load();
  const auto ns =
      std::chrono::seconds(frames / rate) + std::chrono::nanoseconds((frames % rate) * 1'000'000'000 / rate);
  return opened_at_ + std::chrono::duration_cast<Pacer::Clock::duration>(ns);
}

std::uint64_t FileOutput::frames_consumed() const noexcept {
  return frames_.load();
}

}  // namespace loaxa::audio
