#pragma once
// One item's audio as the player reads it, in the output's format. Two kinds:
// - ReadAheadStream: decoded on a thread of its own (audio::ReadAhead), for outputs that
//   consume in real time (the sound card, the paced null output): read() only copies.
// - DirectStream: decoded on the caller's thread, for outputs without a deadline (the WAV
//   file, tests): a file output takes frames faster than real time, so a read-ahead would
//   only report false underruns.
//
// Thread safety: read(), ended() and failed() from the player's thread; underruns() from any.

#include "audio/output.hpp"
#include "audio/playback_source.hpp"
#include "audio/read_ahead.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>

namespace loaxa::daemon {

class ItemStream {
 public:
  virtual ~ItemStream() = default;
  // Fills `out` (whole frames) with audio, the rest with silence; returns the frames of audio.
  virtual std::size_t read(std::span<float> out) noexcept = 0;
  // Every frame has been read (or decoding stopped).
  virtual bool ended() const noexcept = 0;
  // Once ended(): decoding stopped part-way (a damaged file); the frames before were played.
  virtual bool failed() const noexcept = 0;
  // Once failed(): the play row's reason; none: "corrupt" (a file that broke off).
  virtual const char* failure_reason() const noexcept { return nullptr; }
  virtual std::uint64_t underruns() const noexcept = 0;
};

class ReadAheadStream final : public ItemStream {
 public:
  // Starts decoding at once. Throws as audio::ReadAhead.
  ReadAheadStream(std::unique_ptr<audio::PlaybackSource> source, std::size_t buffer_frames);
  std::size_t read(std::span<float> out) noexcept override { return ahead_.read(out); }
  bool ended() const noexcept override { return ahead_.ended(); }
  bool failed() const noexcept override { return ahead_.failure() != nullptr; }
  std::uint64_t underruns() const noexcept override { return ahead_.underruns(); }

 private:
  audio::ReadAhead ahead_;
};

class DirectStream final : public ItemStream {
 public:
  explicit DirectStream(std::unique_ptr<audio::PlaybackSource> source) noexcept : source_(std::move(source)) {}
  std::size_t read(std::span<float> out) noexcept override;
  bool ended() const noexcept override { return ended_; }
  bool failed() const noexcept override { return failed_; }
  std::uint64_t underruns() const noexcept override { return 0; }

 private:
  std::unique_ptr<audio::PlaybackSource> source_;
  bool ended_ = false;
  bool failed_ = false;
};

// Makes an item's stream from its request: opens the file (throws audio::DecodeError and
// what PlaybackSource throws). Called on the event-loop thread, before the programme starts.
using StreamFactory =
    std::function<std::unique_ptr<ItemStream>(const audio::PlaybackRequest&, const audio::OutputFormat&)>;

// Read-ahead streams keeping `buffer_frames` decoded ahead of the player.
StreamFactory read_ahead_streams(std::size_t buffer_frames);
// Direct streams (file output, tests).
StreamFactory direct_streams();

}  // namespace loaxa::daemon
