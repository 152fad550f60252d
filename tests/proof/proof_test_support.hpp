#pragma once
// Helpers for the proof tests: real segments decoded with libsndfile, monitor signals made
// from them at the sample level (delay, gain, noise, low-pass, resampling), and envelopes.

#include "proof/heard_matcher.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace loaxa::proof::test {

struct Audio {
  std::vector<float> samples;  // interleaved
  int channels = 1;
  int sample_rate = 48000;
  std::size_t frames() const { return samples.size() / static_cast<std::size_t>(channels); }
};

// ../shared/data/segments (env LOAXA_SHARED_SEGMENTS first); without it, the same set made by
// tests/fixtures/make-segments once per process into a temporary directory. These names exist
// in both: cds-02-dich-vu-cong.mp3 (speech, 44.1 kHz stereo, quiet), cds-04-vbr.mp3 (speech,
// 48 kHz mono), cchc-01-mot-cua.flac (speech, 48 kHz stereo, 1.5 s of silence at each end),
// nhac-hieu.wav (music, 48 kHz stereo).
std::filesystem::path segment(const std::string& name);
// The whole file, as float. Fails the test if it cannot be read.
Audio load(const std::filesystem::path& file);

// The mean of the channels.
Audio mono(const Audio& audio);
// delay_ms of silence first, then the samples × 10^(gain_db/20), then pad_ms of silence.
Audio delayed(const Audio& audio, int delay_ms, double gain_db, int pad_ms);
// Adds Gaussian white noise of the given RMS level to every channel (a fixed seed).
void add_noise(Audio& audio, double rms_dbfs, unsigned seed = 1);
// frames of white noise only.
Audio noise(std::size_t frames, int sample_rate, double rms_dbfs, unsigned seed = 1);
// frames of a sine of the given peak level.
Audio sine(std::size_t frames, int sample_rate, double frequency_hz, double peak_dbfs);
// A one-pole low-pass, as a loudspeaker line or a receiver would roll off the top.
void low_pass(Audio& audio, double cutoff_hz);
// Linear-interpolation resampling to another rate (the monitor card's own clock).
Audio resampled(const Audio& audio, int sample_rate);

// The envelope through EnvelopeFollower, fed in callback-sized chunks and drained as loaxad would.
std::vector<float> envelope(const Audio& audio, std::size_t chunk_frames = 256);

// sent = the segment; monitor = what the monitor input captured, enveloped separately.
Heard heard(const Audio& sent, const Audio& monitor, const HeardOptions& options = {});

}  // namespace loaxa::proof::test
