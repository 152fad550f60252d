#include "audio/channel_map.hpp"

#include <sndfile.h>

namespace loaxa::audio {
namespace {

constexpr auto L = EBUR128_LEFT, R = EBUR128_RIGHT, C = EBUR128_CENTER;
constexpr auto LS = EBUR128_LEFT_SURROUND, RS = EBUR128_RIGHT_SURROUND;
constexpr auto LFE = EBUR128_UNUSED, BC = EBUR128_Mp180;

Ebur128Channel from_sndfile(int position) {
  switch (position) {
    case SF_CHANNEL_MAP_LFE:
      return LFE;
    case SF_CHANNEL_MAP_LEFT:
    case SF_CHANNEL_MAP_FRONT_LEFT:
      return L;
    case SF_CHANNEL_MAP_RIGHT:
    case SF_CHANNEL_MAP_FRONT_RIGHT:
      return R;
    case SF_CHANNEL_MAP_REAR_LEFT:
    case SF_CHANNEL_MAP_SIDE_LEFT:
      return LS;
    case SF_CHANNEL_MAP_REAR_RIGHT:
    case SF_CHANNEL_MAP_SIDE_RIGHT:
      return RS;
    case SF_CHANNEL_MAP_REAR_CENTER:
      return BC;
    default:
      return C;  // mono, centre and height channels all weigh 1.0
  }
}

// WAVE_FORMAT_EXTENSIBLE default masks; FLAC uses the same order.
std::vector<Ebur128Channel> wav_order(int channels) {
  switch (channels) {
    case 1:
      return {L};
    case 2:
      return {L, R};
    case 3:
      return {L, R, C};
    case 4:
      return {L, R, LS, RS};
    case 5:
      return {L, R, C, LS, RS};
    case 6:
      return {L, R, C, LFE, LS, RS};
    case 7:
      return {L, R, C, LFE, BC, LS, RS};
    case 8:
      return {L, R, C, LFE, LS, RS, LS, RS};
    default:
      return {};
  }
}

// Vorbis I specification, section 4.3.9.
std::vector<Ebur128Channel> vorbis_order(int channels) {
  switch (channels) {
    case 3:
      return {L, C, R};
    case 5:
      return {L, C, R, LS, RS};
    case 6:
      return {L, C, R, LS, RS, LFE};
    case 7:
      return {L, C, R, LS, RS, BC, LFE};
    case 8:
      return {L, C, R, LS, RS, LS, RS, LFE};
    default:
      return wav_order(channels);
  }
}

}  // namespace

std::vector<Ebur128Channel> loudness_channels(int channels, int major_format, const std::vector<int>& sndfile_map) {
  std::vector<Ebur128Channel> out;
  if (static_cast<int>(sndfile_map.size()) == channels) {
    for (int position : sndfile_map) out.push_back(from_sndfile(position));
    return out;
  }
  out = major_format == SF_FORMAT_OGG ? vorbis_order(channels) : wav_order(channels);
  // An unknown layout of many channels: weigh them all alike rather than guess an LFE.
  if (static_cast<int>(out.size()) != channels) out.assign(static_cast<std::size_t>(channels), C);
  return out;
}

}  // namespace loaxa::audio
