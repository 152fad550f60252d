#include "audio/length_check.hpp"

#include "audio/aiff_header.hpp"
#include "audio/analysis.hpp"
#include "audio/input_file.hpp"
#include "audio/mpeg_header.hpp"
#include "audio/riff_header.hpp"
#include "audio/sndfile_source.hpp"
#include "common/i18n.hpp"

#include <string>

namespace loaxa::audio {
namespace {

[[noreturn]] void throw_corrupt(const std::string& why) {
  throw DecodeError(DecodeError::Kind::corrupt, why);
}

// Writers that stream a WAV and cannot seek back leave these in the size field.
bool unknown_riff_size(std::uint32_t bytes) noexcept {
  return bytes == 0 || bytes == 0xFFFFFFFFU;
}

void check_riff_data_size(const InputFile& file) {
  const auto riff = read_riff_facts(file);
  if (!riff || !riff->data_offset || !riff->data_bytes || unknown_riff_size(*riff->data_bytes)) return;
  const std::int64_t present = file.size() - *riff->data_offset;
  if (*riff->data_bytes > present)
    throw_corrupt(trf("the data chunk declares {} bytes but only {} are present", *riff->data_bytes, present));
}

// Like WAV, but AIFF states the frame count itself.
void check_aiff_frames(const InputFile& file, std::int64_t decoded_frames) {
  const auto declared = read_aiff_declared_frames(file);
  if (declared && *declared != decoded_frames)
    throw_corrupt(trf("decoded {} frames but the COMM chunk declares {}", decoded_frames, *declared));
}

// A VBRI tag, or a Xing/Info tag in a CRC-protected frame, states the frame count but
// libsndfile does not read it: its own count is an estimate, and it decodes the tag's frame
// and the encoder delay and padding as audio. So only "far fewer than declared" is certain:
// a whole frame or two of slack covers those, a truncation loses much more.
void check_mpeg_tag_frames(const InputFile& file, std::int64_t decoded_frames) {
  const auto tag = read_mpeg_length_tag(file);
  if (!tag || (tag->kind == MpegLengthTag::Kind::xing && !tag->crc)) return;  // exact: checked below
  const std::int64_t declared = tag->mpeg_frames * tag->samples_per_frame;
  if (decoded_frames < declared - 2 * tag->samples_per_frame)
    throw_corrupt(trf("decoded {} frames but the header declares {}", decoded_frames, declared));
}

bool declares_exact_length(const InputFile& file, const SndfileSource& source) {
  switch (source.major_format()) {
    case SF_FORMAT_MPEG:
      return mpeg_declares_length(file);
    // A streamed FLAC leaves the total sample count in STREAMINFO as 0.
    case SF_FORMAT_FLAC:
      return source.info().frames != 0;
    default:
      return true;
  }
}

}  // namespace

void check_decoded_length(const InputFile& file, const SndfileSource& source, std::int64_t decoded_frames) {
  const auto major = source.major_format();
  if (major == SF_FORMAT_WAV || major == SF_FORMAT_WAVEX) check_riff_data_size(file);
  if (major == SF_FORMAT_AIFF) check_aiff_frames(file, decoded_frames);
  if (major == SF_FORMAT_MPEG) check_mpeg_tag_frames(file, decoded_frames);
  if (!declares_exact_length(file, source)) return;
  const std::int64_t declared = source.info().frames;
  if (decoded_frames == declared) return;
  if (declared == SF_COUNT_MAX)  // libsndfile found no length, e.g. an Ogg without its last page
    throw_corrupt(trf("the stream breaks off after {} frames and declares no end", decoded_frames));
  throw_corrupt(trf("decoded {} frames but the header declares {}", decoded_frames, declared));
}

}  // namespace loaxa::audio
