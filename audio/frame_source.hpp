#pragma once
// Something that gives interleaved float frames until it ends: a PlaybackSource, or a test's
// own sequence. ReadAhead pulls from it on its decoder thread.
//
// Thread safety: one thread at a time per object.

#include <cstddef>
#include <span>

namespace loaxa::audio {

class FrameSource {
 public:
  virtual ~FrameSource() = default;
  virtual int channels() const noexcept = 0;
  // Fills `out` (whole frames) and returns the frames written; fewer only at the end, then 0.
  // May throw; the implementation says what.
  virtual std::size_t read(std::span<float> out) = 0;
};

}  // namespace loaxa::audio
