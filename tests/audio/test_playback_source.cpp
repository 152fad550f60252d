#include "audio/analysis.hpp"
#include "audio/playback_source.hpp"
#include "audio_test_support.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using loaxa::audio::DecodeError;
using loaxa::audio::OutputFormat;
using loaxa::audio::PlaybackRequest;
using loaxa::audio::PlaybackSource;
using loaxa::audio::test::TempDir;
using loaxa::test::ToneSpec;
using loaxa::test::write_tone_wav;

namespace {

// Everything the source gives, read in blocks of `block_frames`.
std::vector<float> play_all(PlaybackSource& source, std::size_t block_frames = 1024) {
  const auto channels = static_cast<std::size_t>(source.format().channels);
  std::vector<float> all;
  std::vector<float> block(block_frames * channels);
  while (const std::size_t frames = source.read(block))
    all.insert(all.end(), block.begin(), block.begin() + frames * channels);
  return all;
}

// RMS of one channel over frames [from, to).
double channel_rms(const std::vector<float>& samples, int channels, int channel, std::size_t from, std::size_t to) {
  double sum = 0;
  for (std::size_t f = from; f < to; ++f) {
    const double v = samples[f * static_cast<std::size_t>(channels) + static_cast<std::size_t>(channel)];
    sum += v * v;
  }
  return std::sqrt(sum / static_cast<double>(to - from));
}

// A -20 dBFS sine: amplitude 0.1, RMS 0.1/√2.
const double kToneRms = 0.1 / std::sqrt(2.0);

}  // namespace

TEST_CASE("a 44.1 kHz mono segment plays on a 48 kHz stereo output at its gain", "[playback]") {
  TempDir dir;
  write_tone_wav(dir / "tone.wav", ToneSpec{.sample_rate = 44100, .channels = 1, .tone_s = 2.0, .peak_dbfs = -20});
  const double gain = std::pow(10.0, 6.0 / 20.0);
  PlaybackSource source(PlaybackRequest{dir / "tone.wav", 0, 2000, gain}, OutputFormat{48000, 2});
  CHECK(source.expected_frames() == 96000);

  const auto out = play_all(source);
  const std::size_t frames = out.size() / 2;
  CHECK(frames >= 96000 - 4);
  CHECK(frames <= 96000 + 4);
  for (std::size_t f = 0; f < frames; ++f) REQUIRE(out[2 * f] == out[2 * f + 1]);
  // Away from the filter's edges the level is the tone's, 6 dB up.
  const double rms = channel_rms(out, 2, 0, 4800, frames - 4800);
  CHECK(20 * std::log10(rms / kToneRms) == Approx(6.0).margin(0.05));
}

TEST_CASE("the trimmed silence is not played", "[playback]") {
  TempDir dir;
  write_tone_wav(dir / "padded.wav", ToneSpec{.sample_rate = 48000,
                                              .channels = 1,
                                              .leading_silence_s = 0.5,
                                              .tone_s = 1.0,
                                              .trailing_silence_s = 0.7,
                                              .peak_dbfs = -20});
  SECTION("same rate: exact to the frame") {
    PlaybackSource source(PlaybackRequest{dir / "padded.wav", 500, 1500, 1.0}, OutputFormat{48000, 2});
    const auto out = play_all(source, 333);
    REQUIRE(out.size() == 48000 * 2);
    // The tone starts at once (a sine from 0: its first 10 ms reach the peak) and ends the span.
    CHECK(channel_rms(out, 2, 0, 0, 480) > 0.5 * kToneRms);
    CHECK(channel_rms(out, 2, 1, 48000 - 480, 48000) > 0.5 * kToneRms);
    CHECK(channel_rms(out, 2, 0, 0, 48000) == Approx(kToneRms).epsilon(0.01));
  }
  SECTION("resampled: the span's duration at the output's rate") {
    PlaybackSource source(PlaybackRequest{dir / "padded.wav", 500, 1500, 1.0}, OutputFormat{44100, 1});
    const auto out = play_all(source);
    CHECK(out.size() >= 44100 - 4);
    CHECK(out.size() <= 44100 + 4);
    CHECK(channel_rms(out, 1, 0, 441, 441 * 3) > 0.5 * kToneRms);
  }
  SECTION("an end past the file plays to the end; an empty span plays nothing") {
    PlaybackSource whole(PlaybackRequest{dir / "padded.wav", 0, 999999, 1.0}, OutputFormat{48000, 1});
    CHECK(play_all(whole).size() == 48000 * 22 / 10);
    PlaybackSource empty(PlaybackRequest{dir / "padded.wav", 1500, 1500, 1.0}, OutputFormat{48000, 1});
    CHECK(play_all(empty).empty());
  }
}

TEST_CASE("the output is the same whatever block size the player asks for", "[playback]") {
  TempDir dir;
  write_tone_wav(dir / "tone.wav", ToneSpec{.sample_rate = 22050, .channels = 1, .tone_s = 0.5});
  PlaybackSource small(PlaybackRequest{dir / "tone.wav", 0, 500, 1.0}, OutputFormat{48000, 2});
  PlaybackSource large(PlaybackRequest{dir / "tone.wav", 0, 500, 1.0}, OutputFormat{48000, 2});
  const auto a = play_all(small, 7);
  const auto b = play_all(large, 8192);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) REQUIRE(a[i] == Approx(b[i]).margin(1e-6));
}

TEST_CASE("channels are fitted to the output", "[playback]") {
  TempDir dir;
  SECTION("stereo to mono averages the two sides") {
    write_tone_wav(dir / "stereo.wav", ToneSpec{.sample_rate = 48000, .channels = 2, .tone_s = 0.5});
    PlaybackSource source(PlaybackRequest{dir / "stereo.wav", 0, 500, 1.0}, OutputFormat{48000, 1});
    const auto out = play_all(source);
    REQUIRE(out.size() == 24000);
    CHECK(channel_rms(out, 1, 0, 0, 24000) == Approx(kToneRms).epsilon(0.01));
  }
  SECTION("5.1 to stereo: centre and surrounds at -3 dB, LFE left out") {
    write_tone_wav(dir / "surround.wav", ToneSpec{.sample_rate = 48000, .channels = 6, .tone_s = 0.5});
    PlaybackSource source(PlaybackRequest{dir / "surround.wav", 0, 500, 1.0}, OutputFormat{48000, 2});
    const auto out = play_all(source);
    REQUIRE(out.size() == 24000 * 2);
    // The same tone on all six: L' = L + 0.707·C + 0.707·Ls = 2.414 × the tone.
    const double share = 1.0 + std::sqrt(2.0);
    CHECK(channel_rms(out, 2, 0, 0, 24000) == Approx(share * kToneRms).epsilon(0.01));
    CHECK(channel_rms(out, 2, 1, 0, 24000) == Approx(share * kToneRms).epsilon(0.01));
  }
  SECTION("mono to four channels fills all four") {
    write_tone_wav(dir / "mono.wav", ToneSpec{.sample_rate = 48000, .channels = 1, .tone_s = 0.5});
    PlaybackSource source(PlaybackRequest{dir / "mono.wav", 0, 500, 1.0}, OutputFormat{48000, 4});
    const auto out = play_all(source);
    REQUIRE(out.size() == 24000 * 4);
    for (int c = 0; c < 4; ++c) CHECK(channel_rms(out, 4, c, 0, 24000) == Approx(kToneRms).epsilon(0.01));
  }
}

TEST_CASE("a missing or broken file is refused with the decode error's kind", "[playback]") {
  TempDir dir;
  auto kind_for = [&](const std::filesystem::path& file) {
    try {
      PlaybackSource source(PlaybackRequest{file, 0, 1000, 1.0}, OutputFormat{48000, 2});
    } catch (const DecodeError& e) {
      return e.kind();
    }
    FAIL("no DecodeError for " << file);
    return DecodeError::Kind::missing;
  };
  CHECK(kind_for(dir / "gone.wav") == DecodeError::Kind::missing);
  loaxa::audio::test::write_bytes(dir / "empty.wav", "");
  CHECK(kind_for(dir / "empty.wav") == DecodeError::Kind::empty);
  loaxa::audio::test::write_bytes(dir / "notes.wav", "Bản tin sáng: không phải âm thanh.\n");
  CHECK(kind_for(dir / "notes.wav") == DecodeError::Kind::not_audio);
  // A header that promises zero channels.
  loaxa::audio::test::write_bytes(dir / "zero.wav",
                                  loaxa::audio::test::wav_bytes(0, 48000, 16, std::string(64, '\0'), 64));
  CHECK(kind_for(dir / "zero.wav") == DecodeError::Kind::bad_format);
}

TEST_CASE("the mixer's same-channels path is the matrix product: each sample times the gain", "[playback][channels]") {
  using loaxa::audio::ChannelMixer;
  using loaxa::audio::Ebur128Channel;
  const std::vector<Ebur128Channel> stereo{EBUR128_LEFT, EBUR128_RIGHT};
  const std::vector<Ebur128Channel> three{EBUR128_LEFT, EBUR128_RIGHT, EBUR128_CENTER};
  for (const auto& roles : {stereo, three}) {
    const int channels = static_cast<int>(roles.size());
    const ChannelMixer mixer(roles, channels, 0.25f);
    for (int o = 0; o < channels; ++o)
      for (int c = 0; c < channels; ++c) CHECK(mixer.coefficient(o, c) == (o == c ? 0.25f : 0.0f));
    std::vector<float> in(static_cast<std::size_t>(channels) * 1001);
    for (std::size_t i = 0; i < in.size(); ++i) in[i] = static_cast<float>(i % 97) / 97.0f - 0.5f;
    std::vector<float> out(in.size() + 7, 9.0f);  // room for more: only whole input frames are mixed
    REQUIRE(mixer.mix(in, out) == 1001);
    for (std::size_t i = 0; i < in.size(); ++i) REQUIRE(out[i] == in[i] * 0.25f);
    CHECK(out[in.size()] == 9.0f);
  }
  // Fewer channels in than out still leaves the extra channels silent.
  const ChannelMixer widen(stereo, 3, 0.5f);
  const std::vector<float> in{0.2f, -0.4f, 0.6f, -0.8f};
  std::vector<float> out(6, 9.0f);
  REQUIRE(widen.mix(in, out) == 2);
  CHECK(out == std::vector<float>{0.1f, -0.2f, 0.0f, 0.3f, -0.4f, 0.0f});
}
