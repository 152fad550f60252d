#include "tone_source.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace loaxa::test {

ToneSource::ToneSource(const std::string& server, double frequency_hz, double level_dbfs)
    : amplitude_(static_cast<float>(std::pow(10.0, level_dbfs / 20.0))) {
  jack_status_t status{};
  client_ = jack_client_open("tone-source", static_cast<jack_options_t>(JackNoStartServer | JackServerName), &status,
                             server.c_str());
  if (client_ == nullptr) throw std::runtime_error("tone source: cannot open a client on JACK server " + server);
  step_ = 2.0 * std::numbers::pi * frequency_hz / jack_get_sample_rate(client_);
  out_ = jack_port_register(client_, "out", JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
  if (out_ == nullptr || jack_set_process_callback(client_, process, this) != 0 || jack_activate(client_) != 0) {
    jack_client_close(client_);
    throw std::runtime_error("tone source: cannot register or activate its port");
  }
}

ToneSource::~ToneSource() {
  jack_deactivate(client_);
  jack_client_close(client_);
}

std::string ToneSource::port() const {
  return jack_port_name(out_);
}

int ToneSource::process(jack_nframes_t frames, void* self) noexcept {
  auto& tone = *static_cast<ToneSource*>(self);
  auto* out = static_cast<float*>(jack_port_get_buffer(tone.out_, frames));
  for (jack_nframes_t i = 0; i < frames; ++i) {
    out[i] = tone.amplitude_ * static_cast<float>(std::sin(tone.phase_));
    tone.phase_ = std::fmod(tone.phase_ + tone.step_, 2.0 * std::numbers::pi);
  }
  return 0;
}

}  // namespace loaxa::test
