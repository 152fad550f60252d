#include "audio/portaudio_input.hpp"

#include <pa_jack.h>
#include <portaudio.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

namespace loaxa::audio {

namespace {

constexpr double kRingSeconds = 10.0;

std::string pa_words(PaError error) {
  std::string words = Pa_GetErrorText(error);
  if (error == paUnanticipatedHostError) {
    if (const PaHostErrorInfo* info = Pa_GetLastHostErrorInfo(); info && info->errorText && *info->errorText)
      words += std::string(": ") + info->errorText;
  }
  return words;
}

int capture_callback(const void* input, void*, unsigned long frames, const PaStreamCallbackTimeInfo* time,
                     PaStreamCallbackFlags, void* user) {
  if (input == nullptr) return paContinue;
  std::int64_t age_ns = 0;
  if (time != nullptr && time->inputBufferAdcTime > 0.0) {
    const double seconds = time->currentTime - time->inputBufferAdcTime;
    if (seconds >= 0.0 && seconds < 10.0) age_ns = static_cast<std::int64_t>(std::llround(seconds * 1e9));
  }
  static_cast<CaptureRing*>(user)->push(static_cast<const float*>(input), frames, age_ns);
  return paContinue;
}

PaDeviceIndex find_input_device(const std::optional<std::string>& wanted, const std::string& target) {
  if (!wanted) {
    const PaDeviceIndex index = Pa_GetDefaultInputDevice();
    if (index == paNoDevice) throw InputError(InputError::Kind::open_failed, target, "no default input device");
    return index;
  }
  std::vector<PaDeviceIndex> containing;
  std::string names;
  const PaDeviceIndex count = Pa_GetDeviceCount();
  for (PaDeviceIndex i = 0; i < count; ++i) {
    const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
    if (info == nullptr || info->maxInputChannels <= 0 || info->name == nullptr) continue;
    const std::string_view name = info->name;
    if (name == *wanted) return i;
    if (name.find(*wanted) != std::string_view::npos) containing.push_back(i);
    if (!names.empty()) names += ", ";
    names += "\"" + std::string(name) + "\"";
  }
  if (containing.size() == 1) return containing.front();
  if (containing.empty())
    throw InputError(InputError::Kind::open_failed, target,
                     "no input device named \"" + *wanted + "\"; devices: " + names);
  throw InputError(InputError::Kind::open_failed, target,
                   "several input devices match \"" + *wanted + "\"; devices: " + names);
}

}  // namespace

PortAudioInput::PortAudioInput(std::optional<std::string> device) : device_(std::move(device)) {}

PortAudioInput::~PortAudioInput() {
  close();
}

std::string PortAudioInput::target() const {
  return device_ ? "portaudio:" + *device_ : std::string("portaudio");
}

void PortAudioInput::open(int sample_rate) {
  close();
  PaJack_SetClientName("loaxa");
  if (const PaError error = Pa_Initialize(); error != paNoError)
    throw InputError(InputError::Kind::open_failed, target(), pa_words(error));
  initialised_ = true;
  try {
    const PaDeviceIndex index = find_input_device(device_, target());
    const PaDeviceInfo* info = Pa_GetDeviceInfo(index);
    PaStreamParameters parameters{};
    parameters.device = index;
    parameters.channelCount = std::min(info->maxInputChannels, 2);
    parameters.sampleFormat = paFloat32;
    parameters.suggestedLatency = info->defaultHighInputLatency;
    if (const PaError error = Pa_IsFormatSupported(&parameters, nullptr, sample_rate); error != paFormatIsSupported)
      throw InputError(InputError::Kind::bad_format, target(),
                       std::to_string(sample_rate) + " Hz on \"" + info->name + "\": " + pa_words(error));
    ring_ = std::make_unique<CaptureRing>(sample_rate, parameters.channelCount, kRingSeconds);
    PaStream* stream = nullptr;
    if (const PaError error = Pa_OpenStream(&stream, &parameters, nullptr, sample_rate, paFramesPerBufferUnspecified,
                                            paNoFlag, capture_callback, ring_.get());
        error != paNoError)
      throw InputError(InputError::Kind::open_failed, target(),
                       std::string("\"") + info->name + "\": " + pa_words(error));
    stream_ = stream;
    if (const PaError error = Pa_StartStream(stream); error != paNoError)
      throw InputError(InputError::Kind::open_failed, target(),
                       std::string("\"") + info->name + "\": " + pa_words(error));
    rate_ = sample_rate;
  } catch (...) {
    close();
    throw;
  }
}

bool PortAudioInput::lost() const noexcept {
  return stream_ == nullptr || Pa_IsStreamActive(static_cast<PaStream*>(stream_)) != 1;
}

void PortAudioInput::close() noexcept {
  if (stream_ != nullptr) {
    auto* stream = static_cast<PaStream*>(stream_);
    // A stream whose host is gone cannot be stopped (PortAudioOutput::close says why): it is
    // abandoned, and PortAudio stays initialised.
    if (Pa_IsStreamActive(stream) == 1) {
      Pa_AbortStream(stream);
      Pa_CloseStream(stream);
    } else {
      initialised_ = false;
      (void)ring_.release();  // its callback may still hold it
    }
    stream_ = nullptr;
  }
  if (initialised_) {
    Pa_Terminate();
    initialised_ = false;
  }
  ring_.reset();
  rate_ = 0;
}

}  // namespace loaxa::audio
