#pragma once
// Which output to play to, written as text in settings and on command lines:
//   file:PATH            a WAV file (16-bit PCM)
//   null                 nowhere, paced in real time
//   portaudio[:DEVICE]   a sound card through PortAudio (the default device without DEVICE)
//   jack[:PORTS]         a JACK server, natively (its physical playback ports without PORTS,
//                        else the playback ports whose names contain PORTS)
//
// Thread safety: pure functions and values; callable from any thread.

#include "audio/output.hpp"
#include "audio/pacer.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace loaxa::audio {

struct OutputSpec {
  enum class Kind { file, null, portaudio, jack };
  Kind kind = Kind::null;
  std::filesystem::path path;         // file: where to write
  std::optional<std::string> device;  // portaudio: the device name (none: the default device);
                                      // jack: the ports to connect to (none: the physical ones)
  friend bool operator==(const OutputSpec&, const OutputSpec&) = default;
};

// Throws OutputError (bad_spec, with the text as target and what is wrong as detail).
OutputSpec parse_output_spec(std::string_view text);

// The text that parses back to this spec.
std::string to_string(const OutputSpec& spec);

// A closed output of that kind (portaudio: PortAudioOutput, audio/portaudio_output.hpp).
// Nothing is opened yet. The pacer must outlive a null output.
std::unique_ptr<Output> make_output(const OutputSpec& spec, Pacer& pacer = steady_pacer());

}  // namespace loaxa::audio
