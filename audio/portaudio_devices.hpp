#pragma once
// What the PortAudio input and output share: PortAudio's words for an error (with the host
// API's own when it has them), and finding a device by name among those that can play or
// capture.
//
// Thread safety: PortAudio's global calls (Pa_Initialize, opening and closing streams,
// Pa_Terminate, the device list) are not safe from two threads at once, and the output (the
// audio thread), a relay's input (the event loop) and the monitor line (its own thread) may
// make them together: each holds portaudio_lock() around them.

#include <mutex>
#include <optional>
#include <string>

namespace loaxa::audio {

// Held around PortAudio's global calls (see above); never on a stream's callback.
std::mutex& portaudio_lock();

// Keeps PortAudio's hosts quiet on stderr: ALSA's and JACK's libraries print their probing
// and complaints there at every Pa_Initialize — thousands of lines an hour into the journal
// while a card is missing and the output retries — bypassing the daemon's rate-limited log.
// What matters reaches the log through PortAudio's own errors. Call before Pa_Initialize.
void quiet_portaudio_hosts();

// Pa_GetErrorText, plus the host's text for paUnanticipatedHostError.
std::string portaudio_words(int error);

enum class PortAudioDirection { input, output };

// The device `wanted` names — exactly, else the one device whose name contains it — among
// those with channels in `direction`; none: the host's default one. Returns the index, or
// nothing with `why` saying what is wrong ("no output device named …; devices: …").
std::optional<int> find_portaudio_device(const std::optional<std::string>& wanted, PortAudioDirection direction,
                                         std::string& why);

}  // namespace loaxa::audio
