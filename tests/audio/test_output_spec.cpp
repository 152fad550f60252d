#include "audio/output_error.hpp"
#include "audio/output_spec.hpp"
#include "fake_pacer.hpp"

#include <catch2/catch.hpp>

#include <string>

using loaxa::audio::make_output;
using loaxa::audio::OutputError;
using loaxa::audio::OutputSpec;
using loaxa::audio::parse_output_spec;
using loaxa::audio::to_string;

TEST_CASE("output specs parse to their kind and arguments, and print back the same", "[output][spec]") {
  const auto file = parse_output_spec("file:/tmp/bản tin:sáng.wav");
  CHECK(file.kind == OutputSpec::Kind::file);
  CHECK(file.path == std::filesystem::path("/tmp/bản tin:sáng.wav"));  // only the first colon splits

  const auto null = parse_output_spec("null");
  CHECK(null.kind == OutputSpec::Kind::null);

  const auto default_card = parse_output_spec("portaudio");
  CHECK(default_card.kind == OutputSpec::Kind::portaudio);
  CHECK_FALSE(default_card.device.has_value());

  const auto card = parse_output_spec("portaudio:hw:1,0");
  CHECK(card.kind == OutputSpec::Kind::portaudio);
  CHECK(card.device == std::optional<std::string>("hw:1,0"));

  const auto jack = parse_output_spec("jack");
  CHECK(jack.kind == OutputSpec::Kind::jack);
  CHECK_FALSE(jack.device.has_value());
  CHECK(parse_output_spec("jack:system:playback").device == std::optional<std::string>("system:playback"));

  for (const char* text : {"file:/tmp/a.wav", "null", "portaudio", "portaudio:hw:1,0", "jack", "jack:system"})
    CHECK(to_string(parse_output_spec(text)) == text);
}

TEST_CASE("a bad output spec is refused with the text and the reason", "[output][spec]") {
  for (const char* text : {"", "file", "file:", "null:x", "portaudio:", "jack:", "alsa", "FILE:/tmp/a.wav", ":null"}) {
    INFO("spec: '" << text << "'");
    try {
      parse_output_spec(text);
      FAIL("accepted");
    } catch (const OutputError& e) {
      CHECK(e.kind() == OutputError::Kind::bad_spec);
      CHECK(e.target() == text);
      CHECK_FALSE(e.detail().empty());
    }
  }
}

TEST_CASE("make_output builds the file, null and PortAudio outputs, each closed", "[output][spec]") {
  loaxa::audio::test::FakePacer pacer;
  CHECK(make_output(parse_output_spec("null"), pacer) != nullptr);
  CHECK(make_output(parse_output_spec("file:/tmp/never-opened.wav"), pacer) != nullptr);
  // Building it touches no device: PortAudio is initialised by open().
  CHECK(make_output(parse_output_spec("portaudio:hw:1,0"), pacer) != nullptr);
}
