#include "audio/mpeg_header.hpp"

#include "audio/input_file.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace loaxa::audio {
namespace {

unsigned u8(std::byte b) noexcept {
  return std::to_integer<unsigned>(b);
}

std::int64_t be32(const std::byte* p) noexcept {
  return static_cast<std::int64_t>(u8(p[0])) << 24 | u8(p[1]) << 16 | u8(p[2]) << 8 | u8(p[3]);
}

// An ID3v2 tag sits before the first frame; its size is stored in 7-bit bytes.
std::int64_t skip_id3v2(const InputFile& file) noexcept {
  std::array<std::byte, 10> h{};
  if (file.read_at(0, h) != h.size() || std::memcmp(h.data(), "ID3", 3) != 0) return 0;
  const std::int64_t size =
      (u8(h[6]) & 0x7F) << 21 | (u8(h[7]) & 0x7F) << 14 | (u8(h[8]) & 0x7F) << 7 | (u8(h[9]) & 0x7F);
  const bool footer = (u8(h[5]) & 0x10) != 0;
  return 10 + size + (footer ? 10 : 0);
}

bool is_layer3_sync(const std::byte* p) noexcept {
  return u8(p[0]) == 0xFF && (u8(p[1]) & 0xE0) == 0xE0 && ((u8(p[1]) >> 1) & 3) == 1 && ((u8(p[1]) >> 3) & 3) != 1 &&
         (u8(p[2]) >> 4) != 0xF && ((u8(p[2]) >> 2) & 3) != 3;
}

}  // namespace

std::optional<MpegLengthTag> read_mpeg_length_tag(const InputFile& file) noexcept {
  // Encoders may leave a little padding between the tag and the first frame.
  std::vector<std::byte> buf(16384);
  const auto got = file.read_at(skip_id3v2(file), buf);
  for (std::size_t i = 0; i + 4 <= got; ++i) {
    const std::byte* p = buf.data() + i;
    if (!is_layer3_sync(p)) continue;
    MpegLengthTag tag;
    const bool mpeg1 = ((u8(p[1]) >> 3) & 3) == 3;
    const bool mono = (u8(p[3]) >> 6) == 3;
    tag.crc = (u8(p[1]) & 0x01) == 0;  // protection bit 0: a 16-bit CRC follows the header
    tag.samples_per_frame = mpeg1 ? 1152 : 576;

    // Xing/Info follows the side information, whose size depends on version and channels.
    const std::size_t side_info = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
    const std::size_t xing = i + 4 + (tag.crc ? 2 : 0) + side_info;
    if (xing + 12 <= got) {
      const std::byte* t = buf.data() + xing;
      if (std::memcmp(t, "Xing", 4) == 0 || std::memcmp(t, "Info", 4) == 0) {
        if ((u8(t[7]) & 0x01) == 0) return std::nullopt;  // flag bit 0: the frame count is present
        tag.kind = MpegLengthTag::Kind::xing;
        tag.mpeg_frames = be32(t + 8);
        return tag;
      }
    }
    // VBRI sits 32 bytes after the header whatever the mode: "VBRI", version, delay,
    // quality (2 bytes each), stream bytes, then the frame count (4 bytes each).
    const std::size_t vbri = i + 4 + 32;
    if (vbri + 18 <= got && std::memcmp(buf.data() + vbri, "VBRI", 4) == 0) {
      tag.kind = MpegLengthTag::Kind::vbri;
      tag.mpeg_frames = be32(buf.data() + vbri + 14);
      return tag;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

bool mpeg_declares_length(const InputFile& file) noexcept {
  const auto tag = read_mpeg_length_tag(file);
  return tag && tag->kind == MpegLengthTag::Kind::xing && !tag->crc;
}

}  // namespace loaxa::audio
