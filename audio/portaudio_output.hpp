#pragma once
// The sound card through PortAudio: the station's amplifier feed. write() hands frames to a
// lock-free ring that PortAudio's callback drains (audio/timed_ring.hpp); next_frame_time() is derived from what
// the callback last learnt from the host API (the DAC time of its buffer) plus the frames
// still queued in the ring. See docs/PLAYBACK.md, "The PortAudio output".
//
// The output keeps what next_frame_time() promised: a frame is heard at the instant it said
// when the frame was written, even when the host skips a cycle of ours (a JACK xrun on a
// busy machine) after it was queued. The callback measures the timeline's lateness over a
// tenth of a second of buffers (their minimum: a late wake-up is not a late timeline) and
// corrects it in silence only — queued silent frames dropped, or silence played longer —
// never by cutting or splitting sound. A player that writes silence up to a start computed
// once, seconds ahead, therefore still starts on time.
//
// Thread safety: as Output — open/write/drain/close and next_frame_time() from one thread
// (the audio thread), frames_consumed() from any thread. PortAudio's callback runs on the
// host API's own thread; it never locks or allocates. Throws OutputError as each method says.

#include "audio/output.hpp"
#include "audio/timed_ring.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::audio {

class PortAudioOutput final : public Output {
 public:
  // device: a PortAudio device name, matched exactly, else as the one device whose name
  // contains it; none: the host's default output device.
  explicit PortAudioOutput(std::optional<std::string> device = std::nullopt);
  ~PortAudioOutput() override;
  PortAudioOutput(const PortAudioOutput&) = delete;
  PortAudioOutput& operator=(const PortAudioOutput&) = delete;

  // Initialises PortAudio, finds the device and starts a float32 stream on it.
  // Throws OutputError: already_open; bad_format (a rate or channel count the device
  // refuses); open_failed (no such device — detail lists the devices — or PortAudio's words).
  void open(const OutputFormat& format) override;
  // Blocks while the ring is full. Throws OutputError: not_open, bad_block, write_failed
  // (the stream stopped, or the device took no frame for 2 s: a card or server gone).
  void write(std::span<const float> samples) override;
  // Waits until the ring is empty and the last frame has reached the DAC.
  // Throws OutputError (not_open, write_failed as write()).
  void drain() override;
  // After a write_failed the lost stream is abandoned, not stopped (PortAudio would wait
  // for it forever); see docs/PLAYBACK.md.
  void close() noexcept override;
  // Frames the callback has taken from the ring since open(), silent frames it dropped to
  // keep the timeline included (silence it filled in on an underrun or played longer is not
  // counted).
  std::uint64_t frames_consumed() const noexcept override;
  // The promised instant of the frame after the callback's latest buffer, plus the frames
  // queued behind it; never earlier than now plus the host's callback-to-DAC lead (after an
  // underrun).
  Pacer::Clock::time_point next_frame_time() const noexcept override;

  // The host API the stream runs on ("JACK Audio Connection Kit", "ALSA", …); empty when closed.
  const std::string& host_api() const noexcept { return host_api_; }

 private:
  // close() without taking portaudio_lock() (open() holds it already).
  void release() noexcept;
  // Throws write_failed for a stream the ring found stopped or stalled (then lost).
  void throw_if(TimedRing::Trouble trouble);
  std::string target() const;

  std::optional<std::string> device_;
  std::string device_name_;
  std::string host_api_;
  void* stream_ = nullptr;  // PaStream*
  bool initialised_ = false;
  bool lost_ = false;                // the host stopped calling back: PortAudio cannot stop the stream
  std::unique_ptr<TimedRing> ring_;  // shared with the callback (the ring and the timeline)
};

}  // namespace loaxa::audio
