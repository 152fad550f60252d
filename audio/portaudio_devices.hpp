#pragma once
// What the PortAudio input and output share: PortAudio's words for an error (with the host
// API's own when it has them), and finding a device by name among those that can play or
// capture.
//
// Thread safety: between Pa_Initialize and Pa_Terminate, as PortAudio's own calls.

#include <optional>
#include <string>

namespace loaxa::audio {

// Pa_GetErrorText, plus the host's text for paUnanticipatedHostError.
std::string portaudio_words(int error);

enum class PortAudioDirection { input, output };

// The device `wanted` names — exactly, else the one device whose name contains it — among
// those with channels in `direction`; none: the host's default one. Returns the index, or
// nothing with `why` saying what is wrong ("no output device named …; devices: …").
std::optional<int> find_portaudio_device(const std::optional<std::string>& wanted, PortAudioDirection direction,
                                         std::string& why);

}  // namespace loaxa::audio
