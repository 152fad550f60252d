#include "proof_test_support.hpp"

#include "proof/envelope_follower.hpp"
#include "support/temp_dir.hpp"

#include <sndfile.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <numbers>
#include <random>

namespace loaxa::proof::test {
namespace {

std::string quoted(const std::filesystem::path& path) {
  std::string out = "'";
  for (char c : path.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::filesystem::path segments_dir() {
  std::filesystem::path dir;
  if (const char* env = std::getenv("LOAXA_SHARED_SEGMENTS"); env && *env)
    dir = env;
  else
    dir = std::filesystem::path(LOAXA_SOURCE_DIR) / ".." / "shared" / "data" / "segments";
  if (std::filesystem::exists(dir / "MANIFEST.tsv")) return dir;
  static const loaxa::test::TempDir generated;
  static bool made = false;
  if (!made) {
    const std::string command =
        quoted(std::filesystem::path(LOAXA_SOURCE_DIR) / "tests" / "fixtures" / "make-segments") + " " +
        quoted(generated.path());
    INFO(command);
    REQUIRE(std::system(command.c_str()) == 0);
    made = true;
  }
  return generated.path();
}

}  // namespace

std::filesystem::path segment(const std::string& name) {
  return segments_dir() / name;
}

Audio load(const std::filesystem::path& file) {
  SF_INFO info{};
  const std::unique_ptr<SNDFILE, int (*)(SNDFILE*)> sf(sf_open(file.c_str(), SFM_READ, &info), sf_close);
  INFO(file.string() << ": " << sf_strerror(nullptr));
  REQUIRE(sf);
  Audio audio;
  audio.channels = info.channels;
  audio.sample_rate = info.samplerate;
  audio.samples.resize(static_cast<std::size_t>(info.frames * info.channels));
  const sf_count_t read = sf_readf_float(sf.get(), audio.samples.data(), info.frames);
  audio.samples.resize(static_cast<std::size_t>(read * info.channels));
  REQUIRE(read > info.samplerate);  // at least a second of it
  return audio;
}

Audio mono(const Audio& audio) {
  Audio out{{}, 1, audio.sample_rate};
  const auto channels = static_cast<std::size_t>(audio.channels);
  for (std::size_t i = 0; i + channels <= audio.samples.size(); i += channels) {
    float sum = 0;
    for (std::size_t c = 0; c < channels; ++c) sum += audio.samples[i + c];
    out.samples.push_back(sum / static_cast<float>(channels));
  }
  return out;
}

Audio delayed(const Audio& audio, int delay_ms, double gain_db, int pad_ms) {
  const auto channels = static_cast<std::size_t>(audio.channels);
  const auto frames_for = [&](int ms) {
    return static_cast<std::size_t>(std::llround(ms * audio.sample_rate / 1000.0));
  };
  Audio out{{}, audio.channels, audio.sample_rate};
  out.samples.assign(frames_for(delay_ms) * channels, 0.0f);
  const auto gain = static_cast<float>(std::pow(10.0, gain_db / 20.0));
  for (const float s : audio.samples) out.samples.push_back(s * gain);
  out.samples.resize(out.samples.size() + frames_for(pad_ms) * channels, 0.0f);
  return out;
}

void add_noise(Audio& audio, double rms_dbfs, unsigned seed) {
  std::mt19937 random(seed);
  std::normal_distribution<float> gauss(0.0f, static_cast<float>(std::pow(10.0, rms_dbfs / 20.0)));
  for (float& s : audio.samples) s += gauss(random);
}

Audio noise(std::size_t frames, int sample_rate, double rms_dbfs, unsigned seed) {
  Audio out{std::vector<float>(frames, 0.0f), 1, sample_rate};
  add_noise(out, rms_dbfs, seed);
  return out;
}

Audio sine(std::size_t frames, int sample_rate, double frequency_hz, double peak_dbfs) {
  Audio out{std::vector<float>(frames), 1, sample_rate};
  const double amplitude = std::pow(10.0, peak_dbfs / 20.0);
  for (std::size_t i = 0; i < frames; ++i)
    out.samples[i] = static_cast<float>(
        amplitude * std::sin(2 * std::numbers::pi * frequency_hz * static_cast<double>(i) / sample_rate));
  return out;
}

void low_pass(Audio& audio, double cutoff_hz) {
  const auto a = static_cast<float>(1.0 - std::exp(-2 * std::numbers::pi * cutoff_hz / audio.sample_rate));
  const auto channels = static_cast<std::size_t>(audio.channels);
  std::vector<float> state(channels, 0.0f);
  for (std::size_t i = 0; i < audio.samples.size(); ++i) {
    float& y = state[i % channels];
    y += a * (audio.samples[i] - y);
    audio.samples[i] = y;
  }
}

Audio resampled(const Audio& audio, int sample_rate) {
  const auto channels = static_cast<std::size_t>(audio.channels);
  const std::size_t in_frames = audio.frames();
  const auto out_frames = static_cast<std::size_t>(static_cast<double>(in_frames) * sample_rate / audio.sample_rate);
  Audio out{std::vector<float>(out_frames * channels), audio.channels, sample_rate};
  for (std::size_t f = 0; f < out_frames; ++f) {
    const double at = static_cast<double>(f) * audio.sample_rate / sample_rate;
    const auto i = static_cast<std::size_t>(at);
    const auto frac = static_cast<float>(at - static_cast<double>(i));
    const std::size_t next = std::min(i + 1, in_frames - 1);
    for (std::size_t c = 0; c < channels; ++c)
      out.samples[f * channels + c] =
          audio.samples[i * channels + c] * (1 - frac) + audio.samples[next * channels + c] * frac;
  }
  return out;
}

std::vector<float> envelope(const Audio& audio, std::size_t chunk_frames) {
  EnvelopeFollower follower(audio.channels, audio.sample_rate);
  std::vector<float> levels;
  const std::size_t chunk = chunk_frames * static_cast<std::size_t>(audio.channels);
  for (std::size_t i = 0; i < audio.samples.size(); i += chunk) {
    follower.add(std::span<const float>(audio.samples).subspan(i, std::min(chunk, audio.samples.size() - i)));
    follower.drain(levels);
  }
  REQUIRE(follower.lost_blocks() == 0);
  return levels;
}

Heard heard(const Audio& sent, const Audio& monitor, const HeardOptions& options) {
  const Heard h = match(envelope(sent), envelope(monitor), options);
  UNSCOPED_INFO("heard_pct " << h.heard_pct << ", delay " << h.delay_ms << " ms, correlation " << h.correlation
                             << ", sent blocks " << h.sent_blocks << ", monitor silent " << h.monitor_silent);
  return h;
}

}  // namespace loaxa::proof::test
