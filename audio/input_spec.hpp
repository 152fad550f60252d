#pragma once
// Which input to capture, written as text in loaxa.toml ([relay] sources, [audio] monitor):
//   portaudio[:DEVICE]   a sound card's input through PortAudio (the default input without DEVICE)
//   jack[:PORTS]         a JACK server, natively: from its physical capture ports without
//                        PORTS, else from the output ports whose names contain PORTS
//
// Thread safety: pure functions and values; callable from any thread.

#include "audio/input.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace loaxa::audio {

struct InputSpec {
  enum class Kind { portaudio, jack };
  Kind kind = Kind::portaudio;
  std::optional<std::string> device;  // portaudio: the device; jack: the ports to capture from
  friend bool operator==(const InputSpec&, const InputSpec&) = default;
};

// Throws InputError (bad_spec, with the text as target and what is wrong as detail).
InputSpec parse_input_spec(std::string_view text);
std::string to_string(const InputSpec& spec);

// A closed input of that kind; `client_name` names a JACK input's client (one per input, so
// a relay and the monitor can run at once).
std::unique_ptr<Input> make_input(const InputSpec& spec, const std::string& client_name = "loaxa-in");

}  // namespace loaxa::audio
