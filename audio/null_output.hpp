#pragma once
// Consumes frames at the pace of real time and discards them: a station without a sound
// card, or a test of the player's timing, behaves as if a device were playing. Each write()
// returns when the last frame of the block is due (open time + frames / rate, an absolute
// deadline), so the pace does not drift however late single wake-ups are.
//
// Thread safety: as Output (one audio thread; frames_consumed() from any thread). The
// pacer must outlive the output.

#include "audio/output.hpp"
#include "audio/pacer.hpp"

#include <atomic>
#include <cstdint>

namespace loaxa::audio {

class NullOutput final : public Output {
 public:
  explicit NullOutput(Pacer& pacer = steady_pacer()) noexcept : pacer_(pacer) {}

  void open(const OutputFormat& format) override;
  void write(std::span<const float> samples) override;
  // Nothing is buffered: every frame was consumed when write() returned.
  void drain() override;
  void close() noexcept override;
  std::uint64_t frames_consumed() const noexcept override;
  // due(frames written): nothing is buffered, so the next frame is heard when it is due.
  Pacer::Clock::time_point next_frame_time() const noexcept override;

  // When the frame `frames` after open() is due. Exact to the nanosecond for any count.
  Pacer::Clock::time_point due(std::uint64_t frames) const noexcept;

 private:
  Pacer& pacer_;
  bool open_ = false;
  OutputFormat format_;
  Pacer::Clock::time_point start_;
  std::atomic<std::uint64_t> frames_{0};
};

}  // namespace loaxa::audio
