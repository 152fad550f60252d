#include "daemon/relay_stream.hpp"

#include "audio/input_spec.hpp"

#include <algorithm>

namespace loaxa::daemon {

namespace {

constexpr std::size_t kBlockFrames = 8192;
constexpr double kCushionSeconds = 0.08;
constexpr double kBehindSeconds = 0.2;

}  // namespace

RelayStream::RelayStream(std::unique_ptr<audio::Input> input, const audio::OutputFormat& output, std::uint64_t frames,
                         const audio::GainRule& rule, double silence_threshold_dbfs)
    : input_(std::move(input)),
      in_channels_(input_->channels()),
      out_channels_(output.channels),
      total_(frames),
      cushion_(static_cast<std::size_t>(kCushionSeconds * output.sample_rate)),
      behind_(static_cast<std::size_t>((kCushionSeconds + kBehindSeconds) * output.sample_rate)),
      gain_(output.sample_rate, output.channels, rule),
      silence_dbfs_(silence_threshold_dbfs),
      captured_(kBlockFrames * static_cast<std::size_t>(std::max(1, input_->channels()))) {}

const char* RelayStream::failure_reason() const noexcept {
  if (done_ < total_) return nullptr;
  if (lost_) return kInputLost;
  if (gain_.input_peak_dbfs() < silence_dbfs_) return kSilentInput;
  return nullptr;
}

std::size_t RelayStream::read(std::span<float> out) noexcept {
  const auto out_ch = static_cast<std::size_t>(out_channels_);
  const auto in_ch = static_cast<std::size_t>(in_channels_);
  const std::size_t wanted = static_cast<std::size_t>(std::min<std::uint64_t>(out.size() / out_ch, total_ - done_));
  std::size_t filled = 0;
  if (!lost_ && input_->lost()) lost_ = true;
  if (!lost_ && !started_) {
    // The input has captured since the programme was primed, and a full ring keeps its
    // oldest frames: all of it is stale.
    input_->skip_to_newest(0);
    started_ = true;
  } else if (!lost_ && !primed_) {
    input_->skip_to_newest(cushion_);
    primed_ = input_->readable_frames() >= cushion_;
  } else if (!lost_ && input_->readable_frames() > behind_) {
    input_->skip_to_newest(cushion_);
  }
  while (primed_ && !lost_ && filled < wanted) {
    const std::size_t chunk = std::min(wanted - filled, kBlockFrames);
    const std::size_t got = input_->read(std::span<float>(captured_).first(chunk * in_ch));
    if (got == 0) break;
    float* to = out.data() + filled * out_ch;
    for (std::size_t f = 0; f < got; ++f) {
      const float* from = captured_.data() + f * in_ch;
      for (std::size_t c = 0; c < out_ch; ++c) {
        // Mono is spread to every channel; stereo goes to the first two (others silent), or
        // is averaged for a mono output.
        if (in_ch == 1) {
          to[f * out_ch + c] = from[0];
        } else if (out_ch == 1) {
          to[f * out_ch + c] = 0.5f * (from[0] + from[1]);
        } else {
          to[f * out_ch + c] = c < in_ch ? from[c] : 0.0f;
        }
      }
    }
    filled += got;
  }
  if (filled < wanted) {
    if (primed_ && !lost_) ++underruns_;
    std::fill(out.begin() + static_cast<std::ptrdiff_t>(filled * out_ch),
              out.begin() + static_cast<std::ptrdiff_t>(wanted * out_ch), 0.0f);
  }
  gain_.process(out.first(wanted * out_ch));
  std::fill(out.begin() + static_cast<std::ptrdiff_t>(wanted * out_ch), out.end(), 0.0f);
  done_ += wanted;
  return wanted;
}

RelayFactory relays_from(const RelaySettings& settings) {
  std::map<std::string, audio::InputSpec> inputs;
  for (const auto& [source, text] : settings.inputs) inputs.emplace(source, audio::parse_input_spec(text));
  return [inputs = std::move(inputs), settings](const RelayRequest& relay,
                                                const audio::OutputFormat& format) -> std::unique_ptr<ItemStream> {
    const auto found = inputs.find(relay.source);
    if (found == inputs.end()) return nullptr;
    auto input = audio::make_input(found->second, "loaxa-relay");
    input->open(format.sample_rate);
    const auto frames =
        static_cast<std::uint64_t>(relay.duration.count()) * static_cast<std::uint64_t>(format.sample_rate) / 1000;
    return std::make_unique<RelayStream>(std::move(input), format, frames, settings.gain,
                                         settings.silence_threshold_dbfs);
  };
}

}  // namespace loaxa::daemon
