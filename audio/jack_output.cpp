#include "audio/jack_output.hpp"

#include "audio/jack_ports.hpp"
#include "audio/output_error.hpp"

#include <jack/jack.h>

#include <chrono>
#include <cstring>

namespace loaxa::audio {

using Kind = OutputError::Kind;
using Clock = Pacer::Clock;

namespace {

// The longest period a server may run at for the callback's interleaving buffer (JACK's
// own limit is 8192 frames).
constexpr std::size_t kMaxPeriod = 8192;

}  // namespace

// What JACK's threads share with the audio thread: the client, its ports, the ring, the
// playback latency of our ports (updated by the latency callback), and whether the server
// shut down.
struct JackOutput::Client {
  Client(int rate, int channels)
      : ring(rate, channels), interleaved(kMaxPeriod * static_cast<std::size_t>(channels), 0.0f) {}
  ~Client() {
    if (client != nullptr) {
      if (!shut_down.load()) jack_deactivate(client);
      jack_client_close(client);
    }
  }

  jack_client_t* client = nullptr;
  std::vector<jack_port_t*> ports;
  TimedRing ring;
  std::vector<float> interleaved;
  std::atomic<jack_nframes_t> latency{0};  // frames from our ports to the DAC
  std::atomic<bool> shut_down{false};

  int process(jack_nframes_t frames) noexcept {
    const auto channels = ports.size();
    // When the buffer's first frame is heard, in JACK's clock (µs, the graph's own timeline,
    // as an independent client sees it), then as a lead from steady_clock's now.
    const jack_nframes_t first = jack_last_frame_time(client) + latency.load(std::memory_order_relaxed);
    const std::int64_t heard_us = static_cast<std::int64_t>(jack_frames_to_time(client, first));
    const std::int64_t now_us = static_cast<std::int64_t>(jack_get_time());
    const std::int64_t lead_ns = (heard_us - now_us) * 1000;
    if (frames > kMaxPeriod) {
      for (auto* port : ports)
        std::memset(jack_port_get_buffer(port, frames), 0, sizeof(float) * frames);  // cannot happen in JACK 2
      return 0;
    }
    ring.fill_buffer(interleaved.data(), frames, lead_ns >= 0 ? std::optional<std::int64_t>(lead_ns) : std::nullopt);
    for (std::size_t c = 0; c < channels; ++c) {
      auto* out = static_cast<float*>(jack_port_get_buffer(ports[c], frames));
      for (jack_nframes_t i = 0; i < frames; ++i) out[i] = interleaved[i * channels + c];
    }
    return 0;
  }

  void update_latency() noexcept { latency.store(latency_of(ports, JackPlaybackLatency), std::memory_order_relaxed); }
};

namespace {

int on_process(jack_nframes_t frames, void* arg) {
  return static_cast<JackOutput::Client*>(arg)->process(frames);
}

void on_latency(jack_latency_callback_mode_t mode, void* arg) {
  if (mode == JackPlaybackLatency) static_cast<JackOutput::Client*>(arg)->update_latency();
}

void on_shutdown(void* arg) {
  static_cast<JackOutput::Client*>(arg)->shut_down.store(true);
}

}  // namespace

JackOutput::JackOutput(std::optional<std::string> ports) : ports_(std::move(ports)) {
  // libjack's complaints (no server, …) are reported as OutputError, in the log's words.
  quiet_jack_messages();
}

JackOutput::~JackOutput() {
  close();
}

std::string JackOutput::target() const {
  return ports_ ? "jack:" + *ports_ : std::string("jack");
}

void JackOutput::open(const OutputFormat& format) {
  if (client_) throw OutputError(Kind::already_open, target());
  if (format.sample_rate <= 0 || format.channels <= 0)
    throw OutputError(Kind::bad_format, target(),
                      std::to_string(format.channels) + " channels at " + std::to_string(format.sample_rate) + " Hz");
  auto c = std::make_unique<Client>(format.sample_rate, format.channels);
  jack_status_t status{};
  c->client = jack_client_open("loaxa", JackNoStartServer, &status);
  if (c->client == nullptr) throw OutputError(Kind::open_failed, target(), "no JACK server is running");
  const auto rate = static_cast<int>(jack_get_sample_rate(c->client));
  if (rate != format.sample_rate)
    throw OutputError(Kind::bad_format, target(),
                      "the JACK server runs at " + std::to_string(rate) + " Hz, not " +
                          std::to_string(format.sample_rate) + " Hz (set [audio] sample_rate to it)");
  for (int i = 0; i < format.channels; ++i) {
    const std::string name = "out_" + std::to_string(i + 1);
    jack_port_t* port = jack_port_register(c->client, name.c_str(), JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
    if (port == nullptr) throw OutputError(Kind::open_failed, target(), "cannot register port " + name);
    c->ports.push_back(port);
  }
  jack_set_process_callback(c->client, on_process, c.get());
  jack_set_latency_callback(c->client, on_latency, c.get());
  jack_on_shutdown(c->client, on_shutdown, c.get());
  c->ring.set_fallback_lead(static_cast<std::int64_t>(jack_get_buffer_size(c->client)) * 1'000'000'000LL /
                            format.sample_rate);
  if (jack_activate(c->client) != 0) throw OutputError(Kind::open_failed, target(), "cannot activate the client");

  // The sinks: physical playback ports, or those whose names contain what was asked.
  const std::vector<std::string> chosen = jack_ports_like(c->client, JackPortIsInput, ports_);
  if (chosen.empty())
    throw OutputError(Kind::open_failed, target(),
                      ports_ ? "no JACK playback port named like \"" + *ports_ + "\"" : "no physical playback port");
  for (std::size_t i = 0; i < c->ports.size(); ++i) {
    // Mono sinks take the first channel; more channels than sinks wrap around.
    const std::string& sink = chosen[i % chosen.size()];
    if (jack_connect(c->client, jack_port_name(c->ports[i]), sink.c_str()) != 0)
      throw OutputError(Kind::open_failed, target(), "cannot connect to " + sink);
  }
  c->update_latency();
  client_ = std::move(c);
}

void JackOutput::throw_if(TimedRing::Trouble trouble) {
  if (trouble == TimedRing::Trouble::none) return;
  throw OutputError(
      Kind::write_failed, target(),
      trouble == TimedRing::Trouble::stopped ? "the JACK server shut down" : "the JACK server took no frame for 2 s");
}

void JackOutput::write(std::span<const float> samples) {
  if (!client_) throw OutputError(Kind::not_open, target());
  if (samples.size() % static_cast<std::size_t>(client_->ring.channels()) != 0)
    throw OutputError(Kind::bad_block, target(), std::to_string(samples.size()) + " samples");
  throw_if(client_->ring.write(samples, [this] { return !client_->shut_down.load(); }));
}

void JackOutput::drain() {
  if (!client_) throw OutputError(Kind::not_open, target());
  throw_if(client_->ring.drain([this] { return !client_->shut_down.load(); }));
}

void JackOutput::close() noexcept {
  client_.reset();
}

std::uint64_t JackOutput::frames_consumed() const noexcept {
  return client_ ? client_->ring.frames_consumed() : 0;
}

Clock::time_point JackOutput::next_frame_time() const noexcept {
  return client_ ? client_->ring.next_frame_time() : Clock::now();
}

}  // namespace loaxa::audio
