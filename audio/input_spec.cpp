#include "audio/input_spec.hpp"

#include "audio/jack_input.hpp"
#include "audio/portaudio_input.hpp"

namespace loaxa::audio {

InputError::InputError(Kind kind, std::string target, std::string detail)
    : std::runtime_error(target + ": " + detail), kind_(kind), target_(std::move(target)), detail_(std::move(detail)) {}

InputSpec parse_input_spec(std::string_view text) {
  const auto colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  const bool has_argument = colon != std::string_view::npos;
  const std::string_view argument = has_argument ? text.substr(colon + 1) : std::string_view{};
  InputSpec spec;
  if (name == "portaudio") {
    spec.kind = InputSpec::Kind::portaudio;
  } else if (name == "jack") {
    spec.kind = InputSpec::Kind::jack;
  } else {
    throw InputError(InputError::Kind::bad_spec, std::string(text),
                     "unknown input: expected portaudio[:DEVICE] or jack[:PORTS]");
  }
  if (has_argument && argument.empty())
    throw InputError(InputError::Kind::bad_spec, std::string(text), "empty name after ':'");
  if (has_argument) spec.device = std::string(argument);
  return spec;
}

std::string to_string(const InputSpec& spec) {
  const std::string kind = spec.kind == InputSpec::Kind::jack ? "jack" : "portaudio";
  return spec.device ? kind + ":" + *spec.device : kind;
}

std::unique_ptr<Input> make_input(const InputSpec& spec, const std::string& client_name) {
  if (spec.kind == InputSpec::Kind::jack) return std::make_unique<JackInput>(spec.device, client_name);
  return std::make_unique<PortAudioInput>(spec.device);
}

}  // namespace loaxa::audio
