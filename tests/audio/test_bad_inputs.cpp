// Every way a file can fail import is refused with its own DecodeError::Kind.

#include "audio/analysis.hpp"
#include "audio_test_support.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmath>
#include <random>

using namespace loaxa::audio;
using namespace loaxa::audio::test;
using Kind = DecodeError::Kind;

namespace {

Kind kind_of(const std::filesystem::path& file) {
  try {
    analyze_file(file);
  } catch (const DecodeError& e) {
    INFO(e.detail());
    CHECK(!e.detail().empty());
    return e.kind();
  }
  FAIL("analyze_file accepted " << file);
  return Kind::missing;
}

std::string random_bytes(std::size_t n) {
  std::mt19937 gen(20240601);  // fixed: random but never flaky
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(gen() & 0xFF);
  return out;
}

// Keeps the first `fraction` of a file.
void truncate_to(const std::filesystem::path& file, double fraction) {
  const auto size = std::filesystem::file_size(file);
  std::filesystem::resize_file(file, static_cast<std::uintmax_t>(static_cast<double>(size) * fraction));
}

// Overwrites `n` bytes in the middle of a file with random bytes.
void garble_middle(const std::filesystem::path& file, std::size_t n) {
  auto bytes = read_bytes(file);
  REQUIRE(bytes.size() > 2 * n);
  bytes.replace(bytes.size() / 2, n, random_bytes(n));
  write_bytes(file, bytes);
}

// Five seconds of speech-like noise bursts, so every codec has real work to do.
void make_audio(const std::filesystem::path& file, const std::string& options = "") {
  run("sox -V1 -n -r 44100 -c 2 " + options + " " + quoted(file) + " synth 5 pinknoise tremolo 3 90 gain -n -6");
}

}  // namespace

TEST_CASE("a missing path is reported as missing", "[audio][bad]") {
  const TempDir dir;
  CHECK(kind_of(dir / "no-such-file.wav") == Kind::missing);
  CHECK(kind_of(dir / "no-such-dir" / "file.mp3") == Kind::missing);
}

TEST_CASE("a file without read permission is unreadable", "[audio][bad]") {
  const TempDir dir;
  const auto file = dir / "locked.wav";
  make_audio(file);
  ::chmod(file.c_str(), 0);
  if (::geteuid() != 0) {
    CHECK(kind_of(file) == Kind::unreadable);
    return;
  }
  // root reads anything: check as an unprivileged user in a child process.
  ::chmod(dir.path().c_str(), 0755);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(100);
    try {
      analyze_file(file);
    } catch (const DecodeError& e) {
      ::_exit(static_cast<int>(e.kind()));
    }
    ::_exit(101);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == static_cast<int>(Kind::unreadable));
}

TEST_CASE("a directory is unreadable", "[audio][bad]") {
  const TempDir dir;
  std::filesystem::create_directory(dir / "folder.wav");
  CHECK(kind_of(dir / "folder.wav") == Kind::unreadable);
}

TEST_CASE("a zero-byte file is empty", "[audio][bad]") {
  const TempDir dir;
  write_bytes(dir / "empty.mp3", "");
  CHECK(kind_of(dir / "empty.mp3") == Kind::empty);
}

TEST_CASE("a text file named .wav is not audio", "[audio][bad]") {
  const TempDir dir;
  write_bytes(dir / "notes.wav", "Lịch phát thanh tuần này: thứ hai 5 giờ sáng.\n");
  CHECK(kind_of(dir / "notes.wav") == Kind::not_audio);
}

TEST_CASE("random bytes named .mp3 are not audio", "[audio][bad]") {
  const TempDir dir;
  write_bytes(dir / "noise.mp3", random_bytes(20000));
  CHECK(kind_of(dir / "noise.mp3") == Kind::not_audio);
}

TEST_CASE("a valid header with zero frames has no audio", "[audio][bad]") {
  const TempDir dir;
  write_bytes(dir / "nothing.wav", wav_bytes(1, 8000, 16, "", 0));
  CHECK(kind_of(dir / "nothing.wav") == Kind::no_audio);
}

TEST_CASE("a WAV header with zero channels is a bad format", "[audio][bad]") {
  const TempDir dir;
  write_bytes(dir / "zero-channels.wav", wav_bytes(0, 8000, 16, std::string(1000, '\0'), 1000));
  CHECK(kind_of(dir / "zero-channels.wav") == Kind::bad_format);
}

TEST_CASE("a WAV header with a zero sample rate is a bad format", "[audio][bad]") {
  const TempDir dir;
  write_bytes(dir / "zero-rate.wav", wav_bytes(1, 0, 16, std::string(1000, '\0'), 1000));
  CHECK(kind_of(dir / "zero-rate.wav") == Kind::bad_format);
}

TEST_CASE("a WAV data chunk claiming more than present is corrupt", "[audio][bad]") {
  // libsndfile quietly plays the 1000 frames present; import must not.
  const TempDir dir;
  write_bytes(dir / "lying.wav", wav_bytes(1, 8000, 16, std::string(2000, '\x10'), 200000));
  CHECK(kind_of(dir / "lying.wav") == Kind::corrupt);
}

TEST_CASE("a WAV cut in half is corrupt", "[audio][bad]") {
  const TempDir dir;
  make_audio(dir / "cut.wav");
  truncate_to(dir / "cut.wav", 0.5);
  CHECK(kind_of(dir / "cut.wav") == Kind::corrupt);
}

TEST_CASE("a FLAC cut in half is corrupt", "[audio][bad]") {
  const TempDir dir;
  make_audio(dir / "cut.flac", "-b 24");
  truncate_to(dir / "cut.flac", 0.5);
  CHECK(kind_of(dir / "cut.flac") == Kind::corrupt);
}

TEST_CASE("a FLAC with garbage in the middle is corrupt", "[audio][bad]") {
  const TempDir dir;
  make_audio(dir / "garbled.flac");
  garble_middle(dir / "garbled.flac", 4000);
  CHECK(kind_of(dir / "garbled.flac") == Kind::corrupt);
}

TEST_CASE("an Ogg Vorbis with garbage in the middle is corrupt", "[audio][bad]") {
  const TempDir dir;
  make_audio(dir / "garbled.ogg");
  garble_middle(dir / "garbled.ogg", 4000);
  CHECK(kind_of(dir / "garbled.ogg") == Kind::corrupt);
}

TEST_CASE("an Ogg Vorbis cut in half is corrupt", "[audio][bad]") {
  const TempDir dir;
  make_audio(dir / "cut.ogg");
  truncate_to(dir / "cut.ogg", 0.5);
  CHECK(kind_of(dir / "cut.ogg") == Kind::corrupt);
}

TEST_CASE("a truncated CBR MP3 with ID3 tags is corrupt", "[audio][bad]") {
  const TempDir dir;
  make_audio(dir / "source.wav");
  run("ffmpeg -v error -i " + quoted(dir / "source.wav") +
      " -c:a libmp3lame -b:a 128k -id3v2_version 3 -metadata title='Bản tin' " + quoted(dir / "cut.mp3"));
  truncate_to(dir / "cut.mp3", 0.5);
  CHECK(kind_of(dir / "cut.mp3") == Kind::corrupt);
}

TEST_CASE("a VBR MP3 with garbage in the middle is corrupt", "[audio][bad]") {
  const TempDir dir;
  make_audio(dir / "source.wav");
  run("ffmpeg -v error -i " + quoted(dir / "source.wav") + " -c:a libmp3lame -q:a 4 " + quoted(dir / "garbled.mp3"));
  garble_middle(dir / "garbled.mp3", 4000);
  CHECK(kind_of(dir / "garbled.mp3") == Kind::corrupt);
}

TEST_CASE("an MP3 without a Xing/Info header declares no length and imports as decoded", "[audio][bad]") {
  // Documented limit: such a file cut at a frame boundary cannot be told from a short one.
  const TempDir dir;
  make_audio(dir / "source.wav");
  run("ffmpeg -v error -i " + quoted(dir / "source.wav") + " -c:a libmp3lame -b:a 128k -write_xing 0 " +
      quoted(dir / "plain.mp3"));
  const Analysis a = analyze_file(dir / "plain.mp3");
  CHECK(std::abs(a.duration_ms - 5000) <= 60);  // plus encoder delay and padding: no LAME tag
}

TEST_CASE("an AIFF cut short is corrupt", "[audio][bad]") {
  // As with WAV, libsndfile plays what is present; the COMM chunk says how much should be.
  const TempDir dir;
  make_audio(dir / "cut.aiff");
  truncate_to(dir / "cut.aiff", 0.6);
  CHECK(kind_of(dir / "cut.aiff") == Kind::corrupt);
}
