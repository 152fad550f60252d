// PortAudioOutput without a sound card: misuse and a missing device give typed errors.
// Playing through a device is tested end to end in tests/jack (a dummy JACK server).
#include "audio/output_error.hpp"
#include "audio/portaudio_output.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

using loaxa::audio::OutputError;
using loaxa::audio::OutputFormat;
using loaxa::audio::PortAudioOutput;

namespace {

template <typename Action>
OutputError error_of(Action&& action) {
  try {
    action();
  } catch (const OutputError& e) {
    return e;
  }
  FAIL("no OutputError");
  throw;  // unreachable: FAIL throws
}

}  // namespace

TEST_CASE("a PortAudio output refuses writes and drains before open", "[output][portaudio]") {
  PortAudioOutput output("anything");
  const std::vector<float> block(4, 0.0f);
  CHECK(error_of([&] { output.write(block); }).kind() == OutputError::Kind::not_open);
  CHECK(error_of([&] { output.drain(); }).kind() == OutputError::Kind::not_open);
  CHECK(output.frames_consumed() == 0);
  output.close();
  output.close();  // safe to repeat
}

TEST_CASE("a PortAudio output refuses a format without rate or channels", "[output][portaudio]") {
  PortAudioOutput output;
  const auto e = error_of([&] { output.open(OutputFormat{48000, 0}); });
  CHECK(e.kind() == OutputError::Kind::bad_format);
  CHECK(e.target() == "portaudio");
}

TEST_CASE("a PortAudio output names the device it cannot find", "[output][portaudio]") {
  // No JACK server of that name exists: PortAudio sees only what this machine has.
  setenv("JACK_DEFAULT_SERVER", "loaxa-no-such-server", 1);
  PortAudioOutput output("no-such-card-\xc4\x91\xc3\xa0i");
  const auto e = error_of([&] { output.open(OutputFormat{48000, 2}); });
  CHECK(e.kind() == OutputError::Kind::open_failed);
  CHECK(e.target() == "portaudio:no-such-card-\xc4\x91\xc3\xa0i");
  CHECK_THAT(e.detail(), Catch::Contains("no output device named \"no-such-card-\xc4\x91\xc3\xa0i\""));
  CHECK(output.host_api().empty());
  // Closed again after the failure: a second attempt fails the same way, not as already_open.
  CHECK(error_of([&] { output.open(OutputFormat{48000, 2}); }).kind() == OutputError::Kind::open_failed);
}

TEST_CASE("a PortAudio output that retries a missing card writes nothing on stderr", "[output][portaudio]") {
  // Each open initialises PortAudio, whose ALSA and JACK hosts would print their probing:
  // thousands of journal lines an hour while a station's card is gone and loaxad retries.
  setenv("JACK_DEFAULT_SERVER", "loaxa-no-such-server", 1);
  char name[] = "/tmp/loaxa-stderr-XXXXXX";
  const int file = ::mkstemp(name);
  REQUIRE(file >= 0);
  std::fflush(stderr);
  const int saved = ::dup(2);
  ::dup2(file, 2);
  PortAudioOutput output("no-such-card");
  for (int i = 0; i < 3; ++i) error_of([&] { output.open(OutputFormat{48000, 2}); });
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  const auto written = ::lseek(file, 0, SEEK_END);
  ::close(file);
  ::unlink(name);
  CHECK(written == 0);
}
