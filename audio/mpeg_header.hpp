#pragma once
// Reads the length an MP3 file declares in its first frame: a Xing/Info (LAME) header or a
// Fraunhofer VBRI header. Without one, libsndfile's frame count is an estimate from the
// file size and bitrate, so only a declared length lets a truncated MP3 be told from a
// short one.
//
// Thread safety: free functions, reentrant.

#include <cstdint>
#include <optional>

namespace loaxa::audio {

class InputFile;

struct MpegLengthTag {
  enum class Kind { xing, vbri };
  Kind kind = Kind::xing;
  // The first frame carries a CRC (protection bit 0): two bytes between the header and the
  // side information, which move a Xing/Info tag by two bytes.
  bool crc = false;
  std::int64_t mpeg_frames = 0;  // audio frames the tag declares (the tag's own frame not counted)
  int samples_per_frame = 0;     // 1152 for MPEG-1 Layer III, 576 for MPEG-2/2.5
};

// The first Layer III frame's Xing/Info (with its frame count) or VBRI tag; nullopt when it
// has neither. Never throws.
std::optional<MpegLengthTag> read_mpeg_length_tag(const InputFile& file) noexcept;

// True when libsndfile's own frame count is exact: a Xing/Info tag with a frame count in a
// frame without CRC (mpg123 reads that one, and removes encoder delay and padding by it).
// Never throws.
bool mpeg_declares_length(const InputFile& file) noexcept;

}  // namespace loaxa::audio
