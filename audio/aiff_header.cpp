#include "audio/aiff_header.hpp"

#include "audio/input_file.hpp"

#include <array>
#include <cstring>

namespace loaxa::audio {
namespace {

std::uint32_t be32(const std::byte* p) noexcept {
  return std::to_integer<std::uint32_t>(p[0]) << 24 | std::to_integer<std::uint32_t>(p[1]) << 16 |
         std::to_integer<std::uint32_t>(p[2]) << 8 | std::to_integer<std::uint32_t>(p[3]);
}

}  // namespace

std::optional<std::uint32_t> read_aiff_declared_frames(const InputFile& file) noexcept {
  std::array<std::byte, 12> head{};
  if (file.read_at(0, head) != head.size() || std::memcmp(head.data(), "FORM", 4) != 0 ||
      (std::memcmp(head.data() + 8, "AIFF", 4) != 0 && std::memcmp(head.data() + 8, "AIFC", 4) != 0))
    return std::nullopt;
  std::int64_t offset = 12;
  // A bounded walk: a corrupt size field must not make this loop long.
  for (int chunk = 0; chunk < 4096 && offset + 8 <= file.size(); ++chunk) {
    std::array<std::byte, 14> header{};  // id, size, then COMM's channels and frame count
    const auto got = file.read_at(offset, header);
    if (got < 8) break;
    if (std::memcmp(header.data(), "COMM", 4) == 0)
      return got == header.size() ? std::optional(be32(header.data() + 10)) : std::nullopt;
    const std::uint32_t size = be32(header.data() + 4);
    offset += 8 + static_cast<std::int64_t>(size) + (size & 1U);  // chunks are word-aligned
  }
  return std::nullopt;
}

}  // namespace loaxa::audio
