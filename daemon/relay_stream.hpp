#pragma once
// A relay (tiếp sóng) as the player reads it: the live line of an audio::Input, fitted to the
// output's channels, played at the live gain rules (audio/live_gain.hpp), for exactly the
// relay's duration in output frames — time, not audio, decides when it ends.
//
// The input is opened before the programme starts and keeps capturing meanwhile; the first
// read drops what was captured before (a relay is live, not delayed) and lets a cushion of
// a few periods build up (silence until then) so the reader, which takes a block per output
// period, never catches up with the device. A reader that falls more than 200 ms behind (two
// sound cards' clocks drifting apart) skips ahead to the cushion. A line that runs dry for a
// block is an underrun (silence, counted).
//
// It fails, with a reason the play row keeps, when the input was lost part-way
// ("input_lost": the rest is silence) or when the line stayed silent the whole time
// ("silent_input": nothing above the station's silence threshold ever came).
//
// Thread safety: as ItemStream; read() does not allocate, lock or throw.

#include "audio/input.hpp"
#include "audio/live_gain.hpp"
#include "daemon/item_stream.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace loaxa::daemon {

inline constexpr const char* kInputLost = "input_lost";
inline constexpr const char* kSilentInput = "silent_input";

class RelayStream final : public ItemStream {
 public:
  // `input`: open, at the output's rate. Throws std::bad_alloc.
  RelayStream(std::unique_ptr<audio::Input> input, const audio::OutputFormat& output, std::uint64_t frames,
              const audio::GainRule& rule, double silence_threshold_dbfs);

  std::size_t read(std::span<float> out) noexcept override;
  bool ended() const noexcept override { return done_ >= total_; }
  bool failed() const noexcept override { return failure_reason() != nullptr; }
  const char* failure_reason() const noexcept override;
  std::uint64_t underruns() const noexcept override { return underruns_; }

 private:
  std::unique_ptr<audio::Input> input_;
  int in_channels_;
  int out_channels_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;
  std::size_t cushion_;  // frames
  std::size_t behind_;   // frames: more waiting than this is a drift to skip
  audio::LiveGain gain_;
  double silence_dbfs_;
  std::vector<float> captured_;  // one block in the input's channels
  bool started_ = false;         // the first read dropped what was captured before
  bool primed_ = false;
  bool lost_ = false;
  std::uint64_t underruns_ = 0;
};

// A relay item as the programme names it: relay:SOURCE:DURATION.
struct RelayRequest {
  std::string source;  // "linein": the key of loaxa.toml's [relay] table
  std::chrono::milliseconds duration{0};
};

// Makes a relay's stream on the event loop, before the programme starts: opens the input the
// source names. Returns null when no input is named for the source; throws audio::InputError
// when it cannot be opened.
using RelayFactory = std::function<std::unique_ptr<ItemStream>(const RelayRequest&, const audio::OutputFormat&)>;

struct RelaySettings {
  std::map<std::string, std::string> inputs;  // source → input spec text (audio/input_spec.hpp)
  audio::GainRule gain;
  double silence_threshold_dbfs = -50.0;
};

// Relays captured from the inputs `settings` names. Throws audio::InputError (bad_spec) for a
// spec that does not parse.
RelayFactory relays_from(const RelaySettings& settings);

}  // namespace loaxa::daemon
