// Unusual but valid audio imports, and measures as ffmpeg measures it.

#include "audio/analysis.hpp"
#include "audio_test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace loaxa::audio;
using namespace loaxa::audio::test;

namespace {

// Three seconds with different content per channel (one generator each), so a channel
// mix-up or weighting error shows in the loudness.
std::string synth(int channels) {
  static const char* tones[] = {"sine 300",  "sine 450", "sine 600",  "sine 80",
                                "pinknoise", "sine 900", "sine 1200", "brownnoise"};
  std::string out = " synth 3";
  for (int c = 0; c < channels; ++c) out += std::string(" ") + tones[c % 8];
  return out + " tremolo 2 60 gain -n -3";
}

Analysis check_like_ffmpeg(const std::filesystem::path& file, int rate, int channels) {
  const Analysis a = analyze_file(file);
  const FfmpegMeasure ref = measure_with_ffmpeg(file, channels, rate);
  INFO(file.filename() << " (" << a.format << "): duration " << a.duration_ms << " ms vs " << ref.duration_s
                       << " s, loudness " << a.loudness_lufs << " vs " << ref.integrated_lufs << ", true peak "
                       << a.true_peak_dbtp << " vs " << ref.true_peak_dbtp);
  CHECK(a.sample_rate == rate);
  CHECK(a.channels == channels);
  CHECK(std::abs(static_cast<double>(a.frames) / rate - ref.duration_s) <= 0.010);
  CHECK(std::abs(a.loudness_lufs - ref.integrated_lufs) <= 0.5);
  CHECK(std::abs(a.true_peak_dbtp - ref.true_peak_dbtp) <= 0.5);
  CHECK_FALSE(a.silent());
  return a;
}

void sox_make(const std::filesystem::path& file, const std::string& format, int channels) {
  run("sox -V1 -n " + format + " -c " + std::to_string(channels) + " " + quoted(file) + synth(channels));
}

}  // namespace

TEST_CASE("8-bit unsigned WAV imports", "[audio][formats]") {
  const TempDir dir;
  sox_make(dir / "u8.wav", "-r 22050 -b 8 -e unsigned-integer", 1);
  const auto a = check_like_ffmpeg(dir / "u8.wav", 22050, 1);
  CHECK(a.format.find("8 bit") != std::string::npos);
}

TEST_CASE("8 kHz mu-law WAV imports", "[audio][formats]") {
  const TempDir dir;
  sox_make(dir / "ulaw.wav", "-r 8000 -e mu-law", 1);
  const auto a = check_like_ffmpeg(dir / "ulaw.wav", 8000, 1);
  CHECK(a.duration_ms == 3000);
}

TEST_CASE("96 kHz 24-bit WAV imports", "[audio][formats]") {
  const TempDir dir;
  sox_make(dir / "hires.wav", "-r 96000 -b 24", 2);
  check_like_ffmpeg(dir / "hires.wav", 96000, 2);
}

TEST_CASE("24-bit 44.1 kHz WAV imports", "[audio][formats]") {
  const TempDir dir;
  sox_make(dir / "s24.wav", "-r 44100 -b 24", 2);
  const auto a = check_like_ffmpeg(dir / "s24.wav", 44100, 2);
  CHECK(a.format.find("24 bit") != std::string::npos);
}

TEST_CASE("6-channel (5.1) WAV imports", "[audio][formats]") {
  const TempDir dir;
  sox_make(dir / "surround.wav", "-r 48000 -b 16", 6);
  check_like_ffmpeg(dir / "surround.wav", 48000, 6);
}

TEST_CASE("8-channel (7.1) FLAC imports", "[audio][formats]") {
  const TempDir dir;
  sox_make(dir / "surround.flac", "-r 48000 -b 24", 8);
  check_like_ffmpeg(dir / "surround.flac", 48000, 8);
}

TEST_CASE("VBR MP3 with ID3v2 and ID3v1 tags imports gaplessly", "[audio][formats]") {
  const TempDir dir;
  sox_make(dir / "source.wav", "-r 44100 -b 16", 2);
  run("ffmpeg -v error -i " + quoted(dir / "source.wav") +
      " -c:a libmp3lame -q:a 5 -id3v2_version 3 -write_id3v1 1 -metadata title='Cải cách hành chính'"
      " -metadata artist='Đài xã' " +
      quoted(dir / "vbr.mp3"));
  const auto a = check_like_ffmpeg(dir / "vbr.mp3", 44100, 2);
  CHECK(a.frames == 3 * 44100);  // encoder delay and padding removed (LAME tag honoured)
}
