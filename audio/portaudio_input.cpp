#include "audio/portaudio_input.hpp"

#include "audio/portaudio_devices.hpp"

#include <pa_jack.h>
#include <portaudio.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

namespace loaxa::audio {

namespace {

constexpr double kRingSeconds = 10.0;

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
  std::string why;
  const auto index = find_portaudio_device(wanted, PortAudioDirection::input, why);
  if (!index) throw InputError(InputError::Kind::open_failed, target, why);
  return *index;
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
  const std::lock_guard lock(portaudio_lock());
  release();
  PaJack_SetClientName("loaxa");
  quiet_portaudio_hosts();
  if (const PaError error = Pa_Initialize(); error != paNoError)
    throw InputError(InputError::Kind::open_failed, target(), portaudio_words(error));
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
                       std::to_string(sample_rate) + " Hz on \"" + info->name + "\": " + portaudio_words(error));
    ring_ = std::make_unique<CaptureRing>(sample_rate, parameters.channelCount, kRingSeconds);
    PaStream* stream = nullptr;
    if (const PaError error = Pa_OpenStream(&stream, &parameters, nullptr, sample_rate, paFramesPerBufferUnspecified,
                                            paNoFlag, capture_callback, ring_.get());
        error != paNoError)
      throw InputError(InputError::Kind::open_failed, target(),
                       std::string("\"") + info->name + "\": " + portaudio_words(error));
    stream_ = stream;
    if (const PaError error = Pa_StartStream(stream); error != paNoError)
      throw InputError(InputError::Kind::open_failed, target(),
                       std::string("\"") + info->name + "\": " + portaudio_words(error));
  } catch (...) {
    release();
    throw;
  }
}

bool PortAudioInput::lost() const noexcept {
  return stream_ == nullptr || Pa_IsStreamActive(static_cast<PaStream*>(stream_)) != 1;
}

void PortAudioInput::close() noexcept {
  const std::lock_guard lock(portaudio_lock());
  release();
}

void PortAudioInput::release() noexcept {
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
}

}  // namespace loaxa::audio
