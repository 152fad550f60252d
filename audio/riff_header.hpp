#pragma once
// Reads the two facts libsndfile hides about a RIFF/WAVE file: the parameters of a header
// it refuses to open (so zero channels or a zero rate can be named), and the data size the
// header declares — libsndfile silently shortens a data chunk that runs past the end of the
// file, and import must refuse such a file as truncated.
//
// Thread safety: free function, reentrant.

#include <cstdint>
#include <optional>

namespace loaxa::audio {

class InputFile;

struct RiffFacts {
  std::optional<std::uint16_t> channels;  // from the fmt chunk, if present
  std::optional<std::uint32_t> sample_rate;
  std::optional<std::int64_t> data_offset;  // first byte of the data chunk's payload
  std::optional<std::uint32_t> data_bytes;  // size the data chunk declares
};

// Returns nothing when the file is not RIFF/WAVE. Never throws.
std::optional<RiffFacts> read_riff_facts(const InputFile& file) noexcept;

}  // namespace loaxa::audio
