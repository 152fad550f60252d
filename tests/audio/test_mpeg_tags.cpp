// MP3s that state their length in a VBRI header, or in a Xing header of a CRC-protected
// frame: what the parser reads, and that a truncated one is refused while a whole one
// imports. Neither kind can be made by ffmpeg, so they are built here from ffmpeg's output,
// byte by byte.

#include "audio/analysis.hpp"
#include "audio/input_file.hpp"
#include "audio/mpeg_header.hpp"
#include "audio_test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>

using namespace loaxa::audio;
using namespace loaxa::audio::test;

namespace {

unsigned byte_at(const std::string& b, std::size_t i) {
  return static_cast<unsigned char>(b[i]);
}

std::size_t first_frame(const std::string& b) {
  std::size_t i = 0;
  if (b.compare(0, 3, "ID3") == 0)
    i = 10 + ((byte_at(b, 6) & 0x7F) << 21 | (byte_at(b, 7) & 0x7F) << 14 | (byte_at(b, 8) & 0x7F) << 7 |
              (byte_at(b, 9) & 0x7F));
  while (!(byte_at(b, i) == 0xFF && (byte_at(b, i + 1) & 0xE0) == 0xE0)) ++i;
  return i;
}

// MPEG-1 Layer III at 44.1/48/32 kHz (what these tests encode).
std::size_t frame_length(const std::string& b, std::size_t i) {
  static constexpr unsigned kKbps[] = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
  static constexpr unsigned kRate[] = {44100, 48000, 32000};
  const unsigned h = byte_at(b, i + 2);
  return 144 * kKbps[h >> 4] * 1000 / kRate[(h >> 2) & 3] + ((h >> 1) & 1);
}

std::int64_t count_frames(const std::string& b) {
  std::int64_t n = 0;
  for (std::size_t i = first_frame(b); i + 4 <= b.size() && byte_at(b, i) == 0xFF; i += frame_length(b, i)) ++n;
  return n;
}

std::string be(std::uint64_t v, int bytes) {
  std::string out;
  for (int k = bytes - 1; k >= 0; --k) out += static_cast<char>((v >> (8 * k)) & 0xFF);
  return out;
}

// Clears the protection bit of the first (Xing) frame and puts a CRC after its header; the
// frame keeps its length, losing two of the zero bytes at its end.
std::string with_crc_on_tag_frame(const std::string& mp3) {
  const auto i = first_frame(mp3);
  const auto length = frame_length(mp3, i);
  std::string header = mp3.substr(i, 4);
  header[1] = static_cast<char>(byte_at(header, 1) & 0xFE);
  return mp3.substr(0, i) + header + std::string("\x5A\xA5", 2) + mp3.substr(i + 4, length - 6) +
         mp3.substr(i + length);
}

// Turns the first frame of a tag-less CBR MP3 into a Fraunhofer VBRI frame declaring the
// frames after it.
std::string with_vbri(const std::string& mp3) {
  const auto i = first_frame(mp3);
  const auto frames = count_frames(mp3) - 1;
  std::string out = mp3;
  out.replace(i + 4, 32, std::string(32, '\0'));  // silent side information
  const std::string vbri = "VBRI" + be(1, 2) + be(1105, 2) + be(75, 2) + be(mp3.size() - i, 4) +
                           be(static_cast<std::uint64_t>(frames), 4) + be(0, 2) + be(1, 2) + be(2, 2) + be(1, 2);
  out.replace(i + 36, vbri.size(), vbri);
  return out;
}

std::string encode(const TempDir& dir, const std::string& options) {
  run("sox -V1 -n -r 44100 -c 2 " + quoted(dir / "source.wav") + " synth 5 pinknoise tremolo 3 90 gain -n -6");
  run("ffmpeg -v error -y -i " + quoted(dir / "source.wav") + " -c:a libmp3lame " + options + " " +
      quoted(dir / "encoded.mp3"));
  return read_bytes(dir / "encoded.mp3");
}

MpegLengthTag tag_of(const std::filesystem::path& file) {
  const auto tag = read_mpeg_length_tag(InputFile(file));
  REQUIRE(tag);
  return *tag;
}

bool refused_as_corrupt(const std::filesystem::path& file) {
  try {
    analyze_file(file);
  } catch (const DecodeError& e) {
    INFO(e.detail());
    return e.kind() == DecodeError::Kind::corrupt;
  }
  return false;
}

}  // namespace

TEST_CASE("a plain Xing header is read, and libsndfile's count is exact", "[audio][mpeg]") {
  const TempDir dir;
  const auto mp3 = encode(dir, "-q:a 4");
  write_bytes(dir / "vbr.mp3", mp3);
  const auto tag = tag_of(dir / "vbr.mp3");
  CHECK(tag.kind == MpegLengthTag::Kind::xing);
  CHECK_FALSE(tag.crc);
  CHECK(tag.mpeg_frames == count_frames(mp3) - 1);
  CHECK(tag.samples_per_frame == 1152);
  CHECK(mpeg_declares_length(InputFile(dir / "vbr.mp3")));
}

TEST_CASE("a Xing header behind a CRC is read two bytes later", "[audio][mpeg]") {
  const TempDir dir;
  const auto mp3 = with_crc_on_tag_frame(encode(dir, "-q:a 4"));
  write_bytes(dir / "crc.mp3", mp3);
  const auto tag = tag_of(dir / "crc.mp3");
  CHECK(tag.kind == MpegLengthTag::Kind::xing);
  CHECK(tag.crc);
  CHECK(tag.mpeg_frames == count_frames(mp3) - 1);
  CHECK_FALSE(mpeg_declares_length(InputFile(dir / "crc.mp3")));  // libsndfile does not read it

  const Analysis whole = analyze_file(dir / "crc.mp3");  // a whole one imports
  CHECK(std::abs(whole.duration_ms - 5000) <= 80);
  write_bytes(dir / "crc-cut.mp3", mp3.substr(0, mp3.size() / 2));
  CHECK(refused_as_corrupt(dir / "crc-cut.mp3"));
  write_bytes(dir / "crc-cut-late.mp3", mp3.substr(0, mp3.size() * 9 / 10));
  CHECK(refused_as_corrupt(dir / "crc-cut-late.mp3"));
}

TEST_CASE("a VBRI header's frame count is read", "[audio][mpeg]") {
  const TempDir dir;
  const auto mp3 = with_vbri(encode(dir, "-b:a 128k -write_xing 0"));
  write_bytes(dir / "vbri.mp3", mp3);
  const auto tag = tag_of(dir / "vbri.mp3");
  CHECK(tag.kind == MpegLengthTag::Kind::vbri);
  CHECK_FALSE(tag.crc);
  CHECK(tag.mpeg_frames == count_frames(mp3) - 1);

  const Analysis whole = analyze_file(dir / "vbri.mp3");
  CHECK(std::abs(whole.duration_ms - 5000) <= 80);
  write_bytes(dir / "vbri-cut.mp3", mp3.substr(0, mp3.size() / 2));
  CHECK(refused_as_corrupt(dir / "vbri-cut.mp3"));
  write_bytes(dir / "vbri-cut-late.mp3", mp3.substr(0, mp3.size() * 9 / 10));
  CHECK(refused_as_corrupt(dir / "vbri-cut-late.mp3"));
}

TEST_CASE("an MP3 without any length tag reads as having none", "[audio][mpeg]") {
  const TempDir dir;
  write_bytes(dir / "plain.mp3", encode(dir, "-b:a 128k -write_xing 0"));
  CHECK_FALSE(read_mpeg_length_tag(InputFile(dir / "plain.mp3")));
  CHECK_FALSE(mpeg_declares_length(InputFile(dir / "plain.mp3")));
}
