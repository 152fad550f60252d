#include "audio/output_spec.hpp"

#include "audio/file_output.hpp"
#include "audio/jack_output.hpp"
#include "audio/null_output.hpp"
#include "audio/output_error.hpp"
#include "audio/portaudio_output.hpp"

namespace loaxa::audio {
namespace {

using Kind = OutputError::Kind;

[[noreturn]] void refuse(std::string_view text, const char* why) {
  throw OutputError(Kind::bad_spec, std::string(text), why);
}

}  // namespace

OutputSpec parse_output_spec(std::string_view text) {
  const auto colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  const bool has_argument = colon != std::string_view::npos;
  const std::string_view argument = has_argument ? text.substr(colon + 1) : std::string_view{};

  OutputSpec spec;
  if (name == "null") {
    if (has_argument) refuse(text, "null takes no argument");
    spec.kind = OutputSpec::Kind::null;
  } else if (name == "file") {
    if (argument.empty()) refuse(text, "file needs a path: file:PATH");
    spec.kind = OutputSpec::Kind::file;
    spec.path = std::filesystem::path(argument);
  } else if (name == "portaudio") {
    if (has_argument && argument.empty()) refuse(text, "empty device name: portaudio or portaudio:DEVICE");
    spec.kind = OutputSpec::Kind::portaudio;
    if (has_argument) spec.device = std::string(argument);
  } else if (name == "jack") {
    if (has_argument && argument.empty()) refuse(text, "empty port name: jack or jack:PORTS");
    spec.kind = OutputSpec::Kind::jack;
    if (has_argument) spec.device = std::string(argument);
  } else {
    refuse(text, "unknown output: expected file:PATH, null, portaudio[:DEVICE] or jack[:PORTS]");
  }
  return spec;
}

std::string to_string(const OutputSpec& spec) {
  switch (spec.kind) {
    case OutputSpec::Kind::file:
      return "file:" + spec.path.string();
    case OutputSpec::Kind::null:
      return "null";
    case OutputSpec::Kind::portaudio:
      return spec.device ? "portaudio:" + *spec.device : "portaudio";
    case OutputSpec::Kind::jack:
      return spec.device ? "jack:" + *spec.device : "jack";
  }
  return "null";
}

std::unique_ptr<Output> make_output(const OutputSpec& spec, Pacer& pacer) {
  switch (spec.kind) {
    case OutputSpec::Kind::file:
      return std::make_unique<FileOutput>(spec.path);
    case OutputSpec::Kind::null:
      return std::make_unique<NullOutput>(pacer);
    case OutputSpec::Kind::portaudio:
      return std::make_unique<PortAudioOutput>(spec.device);
    case OutputSpec::Kind::jack:
      return std::make_unique<JackOutput>(spec.device);
  }
  throw OutputError(Kind::not_built, to_string(spec), "an output kind this build does not know");
}

}  // namespace loaxa::audio
