#pragma once
// Capture from a sound card's input through PortAudio: the line-in a relay carries, or the
// monitor line. The callback copies the device's frames into a CaptureRing with the instant
// its buffer's first frame reached the ADC (the host's inputBufferAdcTime against its
// currentTime: only their difference is used, applied to steady_clock).
//
// Thread safety: as Input. Throws InputError as open() says.

#include "audio/capture_ring.hpp"
#include "audio/input.hpp"

#include <atomic>
#include <memory>
#include <optional>
#include <string>

namespace loaxa::audio {

class PortAudioInput final : public Input {
 public:
  // device: a PortAudio device name, matched exactly, else as the one input device whose
  // name contains it; none: the host's default input device.
  explicit PortAudioInput(std::optional<std::string> device = std::nullopt);
  ~PortAudioInput() override;
  PortAudioInput(const PortAudioInput&) = delete;
  PortAudioInput& operator=(const PortAudioInput&) = delete;

  // Throws InputError: open_failed (no such device — detail lists the input devices — or
  // PortAudio's words), bad_format (the device refuses the rate).
  void open(int sample_rate) override;
  void close() noexcept override;
  int channels() const noexcept override { return ring_ ? ring_->channels() : 0; }
  std::size_t read(std::span<float> out) noexcept override { return ring_ ? ring_->pop(out) : 0; }
  std::size_t readable_frames() const noexcept override { return ring_ ? ring_->readable_frames() : 0; }
  void skip_to_newest(std::size_t keep) noexcept override {
    if (ring_) ring_->skip_to_newest(keep);
  }
  Clock::time_point next_frame_time() const noexcept override {
    return ring_ ? ring_->next_frame_time() : Clock::now();
  }
  bool lost() const noexcept override;
  std::string target() const override;

 private:
  // close() without taking portaudio_lock() (open() holds it already).
  void release() noexcept;
  std::optional<std::string> device_;
  bool initialised_ = false;
  void* stream_ = nullptr;  // PaStream
  std::unique_ptr<CaptureRing> ring_;
};

}  // namespace loaxa::audio
