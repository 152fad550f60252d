#pragma once
// Reads the frame count an AIFF/AIFC file declares in its COMM chunk. libsndfile shortens
// a sound data chunk that runs past the end of the file without a word, so import compares
// this count with the frames actually decoded.
//
// Thread safety: free function, reentrant.

#include <cstdint>
#include <optional>

namespace loaxa::audio {

class InputFile;

// numSampleFrames from COMM, or nothing when the file is not AIFF/AIFC. Never throws.
std::optional<std::uint32_t> read_aiff_declared_frames(const InputFile& file) noexcept;

}  // namespace loaxa::audio
