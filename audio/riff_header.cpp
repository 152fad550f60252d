#include "audio/riff_header.hpp"

#include "audio/input_file.hpp"

#include <array>
#include <cstring>

namespace loaxa::audio {
namespace {

std::uint32_t le32(const std::byte* p) noexcept {
  return std::to_integer<std::uint32_t>(p[0]) | std::to_integer<std::uint32_t>(p[1]) << 8 |
         std::to_integer<std::uint32_t>(p[2]) << 16 | std::to_integer<std::uint32_t>(p[3]) << 24;
}

std::uint16_t le16(const std::byte* p) noexcept {
  return static_cast<std::uint16_t>(std::to_integer<unsigned>(p[0]) | std::to_integer<unsigned>(p[1]) << 8);
}

bool tag_is(const std::byte* p, const char* tag) noexcept {
  return std::memcmp(p, tag, 4) == 0;
}

}  // namespace

std::optional<RiffFacts> read_riff_facts(const InputFile& file) noexcept {
  std::array<std::byte, 12> head{};
  if (file.read_at(0, head) != head.size() || !tag_is(head.data(), "RIFF") || !tag_is(head.data() + 8, "WAVE"))
    return std::nullopt;

  RiffFacts facts;
  std::int64_t offset = 12;
  // A bounded walk: a corrupt size field must not make this loop long.
  for (int chunk = 0; chunk < 4096 && offset + 8 <= file.size(); ++chunk) {
    std::array<std::byte, 16> header{};
    const auto got = file.read_at(offset, header);
    if (got < 8) break;
    const std::uint32_t size = le32(header.data() + 4);
    if (tag_is(header.data(), "fmt ") && got >= 16) {
      facts.channels = le16(header.data() + 10);
      std::array<std::byte, 4> rate{};
      if (file.read_at(offset + 12, rate) == rate.size()) facts.sample_rate = le32(rate.data());
    } else if (tag_is(header.data(), "data")) {
      facts.data_offset = offset + 8;
      facts.data_bytes = size;
      break;
    }
    offset += 8 + static_cast<std::int64_t>(size) + (size & 1U);  // chunks are word-aligned
  }
  return facts;
}

}  // namespace loaxa::audio
