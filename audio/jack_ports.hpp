#pragma once
// What the JACK input and output share: libjack kept quiet on stderr (the input and output
// report its complaints in their own errors), the ports to connect to by name, and the
// latency of our own ports.
//
// Thread safety: as libjack's calls; latency_of from JACK's latency callback or after activation.

#include <jack/jack.h>

#include <optional>
#include <string>
#include <vector>

namespace loaxa::audio {

void quiet_jack_messages();

// The audio ports with `flags` (JackPortIsInput: sinks, JackPortIsOutput: sources) whose
// names contain `like`; none: the physical ones. In the server's order.
std::vector<std::string> jack_ports_like(jack_client_t* client, unsigned long flags,
                                         const std::optional<std::string>& like);

// The largest latency (`mode`: playback or capture) over our ports, in frames.
jack_nframes_t latency_of(const std::vector<jack_port_t*>& ports, jack_latency_callback_mode_t mode);

}  // namespace loaxa::audio
