#pragma once
// Where live audio comes from: the line a relay (tiếp sóng) carries to the loudspeakers, or
// the monitor line taken from the amplifier's output to prove a play was heard. A capture
// stream keeps what the device gives in a ring (audio/capture_ring.hpp) for one reader, with
// the steady instant each frame was captured, so the reader knows how old it is.
//
// Thread safety: open/close from one thread; read(), next_frame_time(), lost() from one
// reader thread (the audio thread for a relay, the monitor's thread); the device's callback
// runs on the host's own thread and never locks or allocates. Throws InputError.

#include "audio/pacer.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

namespace loaxa::audio {

class InputError : public std::runtime_error {
 public:
  enum class Kind {
    bad_spec,     // the input spec text does not parse (target() is the text)
    open_failed,  // no such device or server, or it refused the stream
    bad_format,   // the device cannot capture at the rate asked
  };
  InputError(Kind kind, std::string target, std::string detail = {});
  Kind kind() const noexcept { return kind_; }
  const std::string& target() const noexcept { return target_; }
  const std::string& detail() const noexcept { return detail_; }

 private:
  Kind kind_;
  std::string target_;
  std::string detail_;
};

class Input {
 public:
  using Clock = Pacer::Clock;
  virtual ~Input() = default;

  // Starts capturing at `sample_rate` (the output's: a relay is never resampled). The
  // channel count is the device's, up to 2. Throws InputError.
  virtual void open(int sample_rate) = 0;
  virtual void close() noexcept = 0;
  virtual int channels() const noexcept = 0;
  // The reader: copies up to out.size() samples (whole frames) captured and not read yet,
  // oldest first; returns the frames copied.
  virtual std::size_t read(std::span<float> out) noexcept = 0;
  // Frames waiting to be read.
  virtual std::size_t readable_frames() const noexcept = 0;
  // Drops all but the newest `keep` frames waiting: a reader that starts late does not play
  // stale audio.
  virtual void skip_to_newest(std::size_t keep) noexcept = 0;
  // When the next frame read() gives was captured (at the ADC), on steady_clock; now when
  // the device has not called back yet.
  virtual Clock::time_point next_frame_time() const noexcept = 0;
  // The device stopped calling back (server gone, card pulled).
  virtual bool lost() const noexcept = 0;
  // "jack:…", "portaudio:…": for messages.
  virtual std::string target() const = 0;
};

}  // namespace loaxa::audio
