#include "audio/portaudio_devices.hpp"

#include "audio/jack_ports.hpp"

#include <alsa/asoundlib.h>
#include <portaudio.h>

#include <string_view>
#include <vector>

namespace loaxa::audio {

std::mutex& portaudio_lock() {
  static std::mutex lock;
  return lock;
}

namespace {
void quiet_alsa(const char*, int, const char*, int, const char*, ...) {}
}  // namespace

void quiet_portaudio_hosts() {
  snd_lib_error_set_handler(quiet_alsa);
  quiet_jack_messages();
}

std::string portaudio_words(int error) {
  std::string words = Pa_GetErrorText(error);
  if (error == paUnanticipatedHostError) {
    if (const PaHostErrorInfo* info = Pa_GetLastHostErrorInfo(); info && info->errorText && *info->errorText)
      words += std::string(": ") + info->errorText;
  }
  return words;
}

std::optional<int> find_portaudio_device(const std::optional<std::string>& wanted, PortAudioDirection direction,
                                         std::string& why) {
  const bool input = direction == PortAudioDirection::input;
  const char* kind = input ? "input" : "output";
  if (!wanted) {
    const PaDeviceIndex index = input ? Pa_GetDefaultInputDevice() : Pa_GetDefaultOutputDevice();
    if (index != paNoDevice) return index;
    why = std::string("no default ") + kind + " device";
    return std::nullopt;
  }
  std::vector<PaDeviceIndex> containing;
  std::string names;
  const PaDeviceIndex count = Pa_GetDeviceCount();
  for (PaDeviceIndex i = 0; i < count; ++i) {
    const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
    if (info == nullptr || info->name == nullptr) continue;
    if ((input ? info->maxInputChannels : info->maxOutputChannels) <= 0) continue;
    const std::string_view name = info->name;
    if (name == *wanted) return i;
    if (name.find(*wanted) != std::string_view::npos) containing.push_back(i);
    if (!names.empty()) names += ", ";
    names += "\"" + std::string(name) + "\"";
  }
  if (containing.size() == 1) return containing.front();
  why = (containing.empty() ? std::string("no ") + kind + " device named \""
                            : std::string("several ") + kind + " devices match \"") +
        *wanted + "\"; devices: " + names;
  return std::nullopt;
}

}  // namespace loaxa::audio
