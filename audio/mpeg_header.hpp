#pragma once
// Tells whether an MP3 file declares its exact length in a Xing/Info (LAME) header.
// Without one, libsndfile's frame count is an estimate from the file size and bitrate, so
// only a declared length lets a truncated MP3 be told from a short one.
//
// Thread safety: free function, reentrant.

namespace loaxa::audio {

class InputFile;

// True when the first MPEG audio frame carries a Xing/Info header with a frame count.
// Never throws.
bool mpeg_declares_length(const InputFile& file) noexcept;

}  // namespace loaxa::audio
