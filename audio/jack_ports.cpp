#include "audio/jack_ports.hpp"

#include <algorithm>

namespace loaxa::audio {

namespace {
void quiet(const char*) {}
}  // namespace

void quiet_jack_messages() {
  jack_set_error_function(quiet);
  jack_set_info_function(quiet);
}

std::vector<std::string> jack_ports_like(jack_client_t* client, unsigned long flags,
                                         const std::optional<std::string>& like) {
  const char** found =
      jack_get_ports(client, nullptr, JACK_DEFAULT_AUDIO_TYPE, flags | (like ? 0 : JackPortIsPhysical));
  std::vector<std::string> chosen;
  for (const char** p = found; p != nullptr && *p != nullptr; ++p) {
    if (!like || std::string(*p).find(*like) != std::string::npos) chosen.emplace_back(*p);
  }
  if (found != nullptr) jack_free(found);
  return chosen;
}

jack_nframes_t latency_of(const std::vector<jack_port_t*>& ports, jack_latency_callback_mode_t mode) {
  jack_nframes_t most = 0;
  for (auto* port : ports) {
    jack_latency_range_t range{};
    jack_port_get_latency_range(port, mode, &range);
    most = std::max(most, range.max);
  }
  return most;
}

}  // namespace loaxa::audio
