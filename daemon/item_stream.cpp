#include "daemon/item_stream.hpp"

#include <algorithm>

namespace loaxa::daemon {

ReadAheadStream::ReadAheadStream(std::unique_ptr<audio::PlaybackSource> source, std::size_t buffer_frames)
    : ahead_(std::move(source), buffer_frames) {}

std::size_t DirectStream::read(std::span<float> out) noexcept {
  const auto channels = static_cast<std::size_t>(source_->channels());
  const std::size_t want = out.size() / channels;
  std::size_t got = 0;
  while (!ended_ && got < want) {
    try {
      const std::size_t n = source_->read(out.subspan(got * channels, (want - got) * channels));
      if (n == 0) ended_ = true;
      got += n;
    } catch (...) {
      ended_ = true;
      failed_ = true;
    }
  }
  std::fill(out.begin() + static_cast<std::ptrdiff_t>(got * channels), out.end(), 0.0f);
  return got;
}

StreamFactory read_ahead_streams(std::size_t buffer_frames) {
  return [buffer_frames](const audio::PlaybackRequest& request, const audio::OutputFormat& format) {
    return std::make_unique<ReadAheadStream>(std::make_unique<audio::PlaybackSource>(request, format), buffer_frames);
  };
}

StreamFactory direct_streams() {
  return [](const audio::PlaybackRequest& request, const audio::OutputFormat& format) {
    return std::make_unique<DirectStream>(std::make_unique<audio::PlaybackSource>(request, format));
  };
}

}  // namespace loaxa::daemon
