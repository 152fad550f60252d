#pragma once
// Where played audio goes: the station's amplifier feed (PortAudio, later), a WAV file, or
// nowhere at the pace of real time. The player writes interleaved float frames and asks
// the output how far it has got, so the as-run log can say when a segment really ended.
//
// Thread safety: open/write/drain/close from one thread only (the audio thread);
// frames_consumed() from any thread. Implementations throw OutputError.

#include <cstdint>
#include <span>
#include "audio/pacer.hpp"

namespace loaxa::audio {

struct OutputFormat {
  int sample_rate = 48000;
  int channels = 2;
  friend bool operator==(const OutputFormat&, const OutputFormat&) = default;
};

class Output {
 public:
  virtual ~Output() = default;

  // Starts a stream in this format; frames_consumed() counts from 0 again.
  // Throws OutputError (bad_format, open_failed, already_open).
  virtual void open(const OutputFormat& format) = 0;
  // Hands over whole interleaved frames (samples.size() a multiple of the channel count);
  // may block until the device has room. Throws OutputError (not_open, bad_block, write_failed).
  virtual void write(std::span<const float> samples) = 0;
  // Returns once everything written has been consumed. Throws OutputError (write_failed).
  virtual void drain() = 0;
  // Ends the stream; nothing written after the last drain() is promised. Safe to repeat.
  virtual void close() noexcept = 0;
  // Frames the device has consumed since open(): the output's own account of time.
  virtual std::uint64_t frames_consumed() const noexcept = 0;
  // The monotonic instant at which the next frame written will reach the device's output
  // (the DAC), as this backend knows it: the player places a programme's first frame by it,
  // not by when a timer fired. On the audio thread, after open().
  virtual Pacer::Clock::time_point next_frame_time() const noexcept = 0;
};

}  // namespace loaxa::audio
