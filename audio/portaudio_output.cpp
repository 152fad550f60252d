#include "audio/portaudio_output.hpp"

#include "audio/output_error.hpp"
#include "audio/portaudio_devices.hpp"

#include <pa_jack.h>
#include <portaudio.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <string_view>
#include <thread>

namespace loaxa::audio {

using Kind = OutputError::Kind;
using Clock = Pacer::Clock;

namespace {

int stream_callback(const void*, void* output, unsigned long frames, const PaStreamCallbackTimeInfo* time,
                    PaStreamCallbackFlags, void* user) {
  // PortAudio gives the buffer's DAC time and "now" in the stream's own time base (JACK:
  // frames since open; ALSA: PaUtil_GetTime). Only their difference is used, applied to
  // steady_clock read in the ring, so the two clocks never need mapping.
  std::optional<std::int64_t> lead;
  if (time != nullptr && time->outputBufferDacTime > 0.0) {
    const double seconds = time->outputBufferDacTime - time->currentTime;
    if (seconds >= 0.0 && seconds < 10.0) lead = static_cast<std::int64_t>(std::llround(seconds * 1e9));
  }
  static_cast<TimedRing*>(user)->fill_buffer(static_cast<float*>(output), frames, lead);
  return paContinue;
}

// The device `wanted` names, or the default output (audio/portaudio_devices.hpp).
PaDeviceIndex find_device(const std::optional<std::string>& wanted, const std::string& target) {
  std::string why;
  const auto index = find_portaudio_device(wanted, PortAudioDirection::output, why);
  if (!index) throw OutputError(Kind::open_failed, target, why);
  return *index;
}

// Callback-to-DAC time when no callback has said it yet. PortAudio's JACK backend reports
// as the stream's outputLatency the sink port's latency minus one JACK buffer ("one buffer
// is not counted as latency", pa_jack.c), yet its callbacks' outputBufferDacTime adds the
// whole port latency, and that is what the end-to-end test measures as right at the sink.
// The device's default latency is that whole port latency, so JACK uses it; other host
// APIs report the stream's latency as their callbacks do.
double fallback_latency(PaStream* stream, const PaDeviceInfo& device, const PaHostApiInfo& api) {
  if (api.type == paJACK) return device.defaultHighOutputLatency;
  const PaStreamInfo* info = Pa_GetStreamInfo(stream);
  return info != nullptr ? info->outputLatency : device.defaultHighOutputLatency;
}

}  // namespace

PortAudioOutput::PortAudioOutput(std::optional<std::string> device) : device_(std::move(device)) {}

PortAudioOutput::~PortAudioOutput() {
  close();
}

std::string PortAudioOutput::target() const {
  return device_ ? "portaudio:" + *device_ : std::string("portaudio");
}

void PortAudioOutput::open(const OutputFormat& format) {
  const std::lock_guard lock(portaudio_lock());
  if (stream_ != nullptr) throw OutputError(Kind::already_open, target());
  if (format.sample_rate <= 0 || format.channels <= 0)
    throw OutputError(Kind::bad_format, target(),
                      std::to_string(format.channels) + " channels at " + std::to_string(format.sample_rate) + " Hz");
  // The JACK client (when PortAudio finds a JACK server) is named after us; the name must
  // be set before PortAudio opens it in Pa_Initialize.
  PaJack_SetClientName("loaxa");
  quiet_portaudio_hosts();
  if (const PaError error = Pa_Initialize(); error != paNoError)
    throw OutputError(Kind::open_failed, target(), portaudio_words(error));
  initialised_ = true;
  try {
    const PaDeviceIndex index = find_device(device_, target());
    const PaDeviceInfo* info = Pa_GetDeviceInfo(index);
    PaStreamParameters parameters{};
    parameters.device = index;
    parameters.channelCount = format.channels;
    parameters.sampleFormat = paFloat32;
    parameters.suggestedLatency = info->defaultHighOutputLatency;
    if (const PaError error = Pa_IsFormatSupported(nullptr, &parameters, format.sample_rate);
        error != paFormatIsSupported)
      throw OutputError(Kind::bad_format, target(),
                        std::to_string(format.channels) + " channels at " + std::to_string(format.sample_rate) +
                            " Hz on \"" + info->name + "\": " + portaudio_words(error));
    ring_ = std::make_unique<TimedRing>(format.sample_rate, format.channels);
    PaStream* stream = nullptr;
    if (const PaError error = Pa_OpenStream(&stream, nullptr, &parameters, format.sample_rate,
                                            paFramesPerBufferUnspecified, paNoFlag, stream_callback, ring_.get());
        error != paNoError)
      throw OutputError(Kind::open_failed, target(), std::string("\"") + info->name + "\": " + portaudio_words(error));
    stream_ = stream;
    device_name_ = info->name;
    const PaHostApiInfo* api = Pa_GetHostApiInfo(info->hostApi);
    host_api_ = api->name;
    ring_->set_fallback_lead(static_cast<std::int64_t>(std::llround(fallback_latency(stream, *info, *api) * 1e9)));
    if (const PaError error = Pa_StartStream(stream); error != paNoError)
      throw OutputError(Kind::open_failed, target(), std::string("\"") + info->name + "\": " + portaudio_words(error));
  } catch (...) {
    release();
    throw;
  }
}

void PortAudioOutput::throw_if(TimedRing::Trouble trouble) {
  if (trouble == TimedRing::Trouble::none) return;
  lost_ = true;
  throw OutputError(Kind::write_failed, target(),
                    trouble == TimedRing::Trouble::stopped ? "the stream on \"" + device_name_ + "\" stopped"
                                                           : "\"" + device_name_ + "\" took no frame for 2 s");
}

void PortAudioOutput::write(std::span<const float> samples) {
  if (stream_ == nullptr) throw OutputError(Kind::not_open, target());
  if (samples.size() % static_cast<std::size_t>(ring_->channels()) != 0)
    throw OutputError(Kind::bad_block, target(), std::to_string(samples.size()) + " samples");
  throw_if(ring_->write(samples, [this] { return Pa_IsStreamActive(stream_) == 1; }));
}

void PortAudioOutput::drain() {
  if (stream_ == nullptr) throw OutputError(Kind::not_open, target());
  throw_if(ring_->drain([this] { return Pa_IsStreamActive(stream_) == 1; }));
}

void PortAudioOutput::close() noexcept {
  const std::lock_guard lock(portaudio_lock());
  release();
}

void PortAudioOutput::release() noexcept {
  if (lost_) {
    // A stream whose host stopped calling back cannot be stopped: PortAudio's JACK backend
    // waits in Pa_AbortStream (and in Pa_Terminate, which closes open streams) for a process
    // callback that never comes once the server is gone. It is left as it is, and PortAudio
    // stays initialised: a small leak per lost device, against a daemon that hangs.
    stream_ = nullptr;
    initialised_ = false;
    lost_ = false;
  }
  if (stream_ != nullptr) {
    Pa_AbortStream(stream_);
    Pa_CloseStream(stream_);
    stream_ = nullptr;
  }
  if (initialised_) {
    Pa_Terminate();
    initialised_ = false;
  }
  host_api_.clear();
}

std::uint64_t PortAudioOutput::frames_consumed() const noexcept {
  return ring_ ? ring_->frames_consumed() : 0;
}

Clock::time_point PortAudioOutput::next_frame_time() const noexcept {
  return ring_ ? ring_->next_frame_time() : Clock::now();
}

}  // namespace loaxa::audio
