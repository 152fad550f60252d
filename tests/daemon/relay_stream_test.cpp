// A relay as the player reads it, against an input whose device is a test's: frames arrive
// as a sound card's callback would deliver them, a period at a time.
#include "daemon/relay_stream.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <deque>
#include <numbers>

using loaxa::daemon::RelayStream;
using namespace std::chrono_literals;

namespace {

constexpr int kRate = 48000;

// The hardware edge faked: a line whose frames the test "captures" before each read.
class LineInput final : public loaxa::audio::Input {
 public:
  explicit LineInput(int channels, double level_dbfs)
      : channels_(channels), amplitude_(std::pow(10.0, level_dbfs / 20.0)) {}
  void open(int) override {}
  void close() noexcept override {}
  int channels() const noexcept override { return channels_; }
  std::size_t read(std::span<float> out) noexcept override {
    const std::size_t frames = std::min(out.size() / channels_, waiting_.size() / channels_);
    for (std::size_t i = 0; i < frames * channels_; ++i) {
      out[i] = waiting_.front();
      waiting_.pop_front();
    }
    return frames;
  }
  std::size_t readable_frames() const noexcept override { return waiting_.size() / channels_; }
  void skip_to_newest(std::size_t keep) noexcept override {
    while (readable_frames() > keep) {
      for (int c = 0; c < channels_; ++c) waiting_.pop_front();
    }
  }
  Clock::time_point next_frame_time() const noexcept override { return Clock::now(); }
  bool lost() const noexcept override { return lost_; }
  std::string target() const override { return "test:line"; }

  // A device period: `frames` of a 1 kHz sine (its first sample marked 1.0 when `mark`).
  void capture(std::size_t frames) {
    for (std::size_t f = 0; f < frames; ++f, ++frame_) {
      const double v = amplitude_ * std::sin(2.0 * std::numbers::pi * 1000.0 * static_cast<double>(frame_) / kRate);
      for (int c = 0; c < channels_; ++c) waiting_.push_back(static_cast<float>(v));
    }
  }
  bool lost_ = false;

 private:
  int channels_;
  double amplitude_;
  std::uint64_t frame_ = 0;
  std::deque<float> waiting_;
};

struct Relay {
  LineInput* line;
  std::unique_ptr<RelayStream> stream;
};

Relay relay(int input_channels, double level_dbfs, std::uint64_t frames) {
  auto input = std::make_unique<LineInput>(input_channels, level_dbfs);
  LineInput* line = input.get();
  return {line, std::make_unique<RelayStream>(std::move(input), loaxa::audio::OutputFormat{kRate, 2}, frames,
                                              loaxa::audio::GainRule{-16.0, -1.0}, -50.0)};
}

}  // namespace

TEST_CASE("a relay plays the line for exactly its duration, what waited before it is dropped", "[relay]") {
  auto [line, stream] = relay(1, -20.0, kRate);  // one second
  line->capture(kRate * 5);                      // five seconds captured while the programme ran before
  std::vector<float> block(1024 * 2);
  std::uint64_t total = 0;
  std::uint64_t loud_frames = 0;
  std::uint64_t unequal_channels = 0;
  int reads = 0;
  while (!stream->ended()) {
    line->capture(1024);  // the device's period, in step with the output's
    const std::size_t got = stream->read(block);
    total += got;
    for (std::size_t f = 0; f < got; ++f) {
      if (block[f * 2] != block[f * 2 + 1]) ++unequal_channels;  // mono goes to both channels
      if (std::fabs(block[f * 2]) > 0.01f) ++loud_frames;
    }
    REQUIRE(++reads < 100);
  }
  CHECK(total == static_cast<std::uint64_t>(kRate));
  CHECK(unequal_channels == 0);
  CHECK_FALSE(stream->failed());
  CHECK(stream->failure_reason() == nullptr);
  // Silence only while the cushion filled (80 ms), then the line throughout.
  CHECK(loud_frames > static_cast<std::uint64_t>(kRate * 0.85));
  CHECK(stream->underruns() == 0);
}

TEST_CASE("a relay whose line stays silent fails as silent_input, one whose input is lost as input_lost", "[relay]") {
  {
    auto [line, stream] = relay(2, -90.0, kRate / 2);
    std::vector<float> block(1024 * 2);
    while (!stream->ended()) {
      line->capture(1024);
      stream->read(block);
    }
    CHECK(stream->failed());
    CHECK(std::string(stream->failure_reason()) == loaxa::daemon::kSilentInput);
  }
  {
    auto [line, stream] = relay(2, -20.0, kRate / 2);
    std::vector<float> block(1024 * 2);
    int reads = 0;
    while (!stream->ended()) {
      if (++reads == 10) line->lost_ = true;  // the card pulled part-way
      if (!line->lost_) line->capture(1024);
      stream->read(block);
    }
    CHECK(stream->failed());
    CHECK(std::string(stream->failure_reason()) == loaxa::daemon::kInputLost);
  }
}

TEST_CASE("a line that runs dry for a block is an underrun of silence; the relay still ends on time", "[relay]") {
  auto [line, stream] = relay(2, -20.0, kRate);
  std::vector<float> block(1024 * 2);
  std::uint64_t total = 0;
  int reads = 0;
  while (!stream->ended()) {
    ++reads;
    if (reads < 20 || reads > 22) line->capture(1024);  // three periods never came
    total += stream->read(block);
  }
  CHECK(total == static_cast<std::uint64_t>(kRate));
  CHECK(stream->underruns() >= 1);
  CHECK_FALSE(stream->failed());
}
