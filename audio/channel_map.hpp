#pragma once
// Chooses the BS.1770 weighting of each channel for libebur128: the LFE channel is left
// out, surround (side and rear) channels count 1.41×, the rest 1.0×. A mono file is one
// channel at 1.0×, as ffmpeg's ebur128 filter measures it (no dual-mono +3 dB).
//
// Thread safety: pure function.

#include <ebur128.h>

#include <vector>

namespace loaxa::audio {

// libebur128 names its channel enum plainly `channel`.
using Ebur128Channel = ::channel;

// sndfile_map: libsndfile's SF_CHANNEL_MAP_* per channel, or empty when the file does not
// say; then the usual order for the container is assumed (WAV/FLAC order, or Vorbis order
// for Ogg). Never throws except std::bad_alloc.
std::vector<Ebur128Channel> loudness_channels(int channels, int major_format, const std::vector<int>& sndfile_map);

}  // namespace loaxa::audio
