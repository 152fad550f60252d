#pragma once
// Refuses a file that decodes to fewer (or more) frames than its header promises.
// libsndfile reads a truncated file quietly up to where it breaks off, so only this
// comparison turns "half a bulletin" into an import error.
//
// Thread safety: free function, reentrant.

#include <cstdint>

namespace loaxa::audio {

class InputFile;
class SndfileSource;

// Throws DecodeError (corrupt) when decoded_frames is not what the file declares.
// Files that declare no exact length (an MP3 without a Xing/Info or VBRI header, a
// streamed FLAC or WAV) are accepted as decoded. An MP3 whose VBRI header (or Xing header
// in a CRC-protected frame) libsndfile does not read is refused only when it decodes to
// clearly fewer frames than declared (two MPEG frames of slack).
void check_decoded_length(const InputFile& file, const SndfileSource& source, std::int64_t decoded_frames);

}  // namespace loaxa::audio
