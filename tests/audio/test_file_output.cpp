#include "audio/file_output.hpp"
#include "audio/output_error.hpp"
#include "audio_test_support.hpp"

#include <sndfile.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <vector>

using loaxa::audio::FileOutput;
using loaxa::audio::OutputError;
using loaxa::audio::OutputFormat;
using loaxa::audio::WavSampleFormat;
using loaxa::audio::test::TempDir;

namespace {

struct WavContent {
  SF_INFO info{};
  std::vector<float> samples;
};

WavContent read_wav(const std::filesystem::path& file) {
  WavContent wav;
  SNDFILE* sf = sf_open(file.c_str(), SFM_READ, &wav.info);
  REQUIRE(sf != nullptr);
  wav.samples.resize(static_cast<std::size_t>(wav.info.frames * wav.info.channels));
  CHECK(sf_readf_float(sf, wav.samples.data(), wav.info.frames) == wav.info.frames);
  sf_close(sf);
  return wav;
}

}  // namespace

TEST_CASE("the file output writes a float WAV holding exactly the frames given", "[output][file]") {
  TempDir dir;
  FileOutput output(dir / "out.wav", WavSampleFormat::float32);
  output.open(OutputFormat{48000, 2});
  const std::vector<float> block = {0.5f, -0.5f, 0.25f, -0.25f, 0.125f, 1.0f};
  output.write(block);
  output.write(block);
  output.drain();
  CHECK(output.frames_consumed() == 6);
  output.close();

  const auto wav = read_wav(dir / "out.wav");
  CHECK(wav.info.samplerate == 48000);
  CHECK(wav.info.channels == 2);
  CHECK((wav.info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_FLOAT);
  REQUIRE(wav.samples.size() == 12);
  for (std::size_t i = 0; i < 12; ++i) CHECK(wav.samples[i] == block[i % 6]);
}

TEST_CASE("the 16-bit file output clips over full scale instead of wrapping", "[output][file]") {
  TempDir dir;
  FileOutput output(dir / "out.wav");
  output.open(OutputFormat{22050, 1});
  const std::vector<float> block = {1.5f, -1.5f, 0.5f};
  output.write(block);
  output.close();

  const auto wav = read_wav(dir / "out.wav");
  CHECK(wav.info.samplerate == 22050);
  CHECK((wav.info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_PCM_16);
  REQUIRE(wav.samples.size() == 3);
  CHECK(wav.samples[0] > 0.99f);
  CHECK(wav.samples[1] < -0.99f);
  CHECK(wav.samples[2] == Approx(0.5f).margin(1.0 / 32768));
}

TEST_CASE("the file output reports typed errors", "[output][file]") {
  TempDir dir;
  try {
    FileOutput output(dir / "no-such-folder" / "out.wav");
    output.open(OutputFormat{48000, 2});
    FAIL("opened a file in a missing folder");
  } catch (const OutputError& e) {
    CHECK(e.kind() == OutputError::Kind::open_failed);
    CHECK(e.target() == (dir / "no-such-folder" / "out.wav").string());
  }
  FileOutput output(dir / "out.wav");
  const std::vector<float> three(3, 0.0f);
  CHECK_THROWS_AS(output.write(three), OutputError);
  output.open(OutputFormat{48000, 2});
  try {
    output.write(three);
    FAIL("accepted half a frame");
  } catch (const OutputError& e) {
    CHECK(e.kind() == OutputError::Kind::bad_block);
  }
}

TEST_CASE("the file output's time runs as if the file were played from open()", "[output][file]") {
  TempDir dir;
  FileOutput output(dir / "out.wav");
  output.open(OutputFormat{48000, 1});
  const auto opened = output.next_frame_time();
  const std::vector<float> second(48000, 0.1f);
  for (int i = 0; i < 3; ++i) output.write(second);
  output.write(std::vector<float>(24000, 0.1f));
  CHECK(output.next_frame_time() - opened == std::chrono::milliseconds(3500));
  output.close();
}
