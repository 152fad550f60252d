#include "audio/jack_input.hpp"

#include "audio/jack_ports.hpp"

#include <jack/jack.h>

#include <algorithm>
#include <atomic>
#include <vector>

namespace loaxa::audio {

namespace {

constexpr std::size_t kMaxPeriod = 8192;  // JACK's own limit
constexpr double kRingSeconds = 10.0;     // the reader may fall this far behind

}  // namespace

struct JackInput::Client {
  Client(int rate, int channels) : ring(rate, channels, kRingSeconds), interleaved(kMaxPeriod * channels, 0.0f) {}
  ~Client() {
    if (client != nullptr) {
      if (!shut_down.load()) jack_deactivate(client);
      jack_client_close(client);
    }
  }

  jack_client_t* client = nullptr;
  std::vector<jack_port_t*> ports;
  CaptureRing ring;
  std::vector<float> interleaved;
  std::atomic<jack_nframes_t> latency{0};  // frames from the ADC to our ports
  std::atomic<bool> shut_down{false};

  int process(jack_nframes_t frames) noexcept {
    if (frames > kMaxPeriod) return 0;
    const std::size_t channels = ports.size();
    for (std::size_t c = 0; c < channels; ++c) {
      const auto* in = static_cast<const float*>(jack_port_get_buffer(ports[c], frames));
      for (jack_nframes_t i = 0; i < frames; ++i) interleaved[i * channels + c] = in[i];
    }
    // The cycle's first frame reached our ports at the cycle's frame time; it was captured
    // `latency` frames earlier.
    const jack_nframes_t first = jack_last_frame_time(client) - latency.load(std::memory_order_relaxed);
    const auto captured_us = static_cast<std::int64_t>(jack_frames_to_time(client, first));
    const auto now_us = static_cast<std::int64_t>(jack_get_time());
    ring.push(interleaved.data(), frames, (now_us - captured_us) * 1000);
    return 0;
  }

  void update_latency() noexcept { latency.store(latency_of(ports, JackCaptureLatency), std::memory_order_relaxed); }
};

namespace {

int on_process(jack_nframes_t frames, void* arg) {
  return static_cast<JackInput::Client*>(arg)->process(frames);
}

void on_latency(jack_latency_callback_mode_t mode, void* arg) {
  if (mode == JackCaptureLatency) static_cast<JackInput::Client*>(arg)->update_latency();
}

void on_shutdown(void* arg) {
  static_cast<JackInput::Client*>(arg)->shut_down.store(true);
}

}  // namespace

JackInput::JackInput(std::optional<std::string> ports, std::string client_name)
    : ports_(std::move(ports)), client_name_(std::move(client_name)) {
  quiet_jack_messages();
}

JackInput::~JackInput() {
  close();
}

std::string JackInput::target() const {
  return ports_ ? "jack:" + *ports_ : std::string("jack");
}

void JackInput::open(int sample_rate) {
  close();
  jack_status_t status{};
  jack_client_t* raw = jack_client_open(client_name_.c_str(), JackNoStartServer, &status);
  if (raw == nullptr) throw InputError(InputError::Kind::open_failed, target(), "no JACK server is running");
  const auto rate = static_cast<int>(jack_get_sample_rate(raw));
  std::vector<std::string> from = jack_ports_like(raw, JackPortIsOutput, ports_);
  if (from.size() > 2) from.resize(2);
  if (rate != sample_rate || from.empty()) {
    jack_client_close(raw);
    if (from.empty())
      throw InputError(InputError::Kind::open_failed, target(),
                       ports_ ? "no JACK output port named like \"" + *ports_ + "\"" : "no physical capture port");
    throw InputError(InputError::Kind::bad_format, target(),
                     "the JACK server runs at " + std::to_string(rate) + " Hz, not " + std::to_string(sample_rate));
  }
  auto c = std::make_unique<Client>(rate, static_cast<int>(from.size()));
  c->client = raw;
  for (std::size_t i = 0; i < from.size(); ++i) {
    const std::string name = "in_" + std::to_string(i + 1);
    jack_port_t* port = jack_port_register(raw, name.c_str(), JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    if (port == nullptr) throw InputError(InputError::Kind::open_failed, target(), "cannot register port " + name);
    c->ports.push_back(port);
  }
  jack_set_process_callback(raw, on_process, c.get());
  jack_set_latency_callback(raw, on_latency, c.get());
  jack_on_shutdown(raw, on_shutdown, c.get());
  if (jack_activate(raw) != 0) throw InputError(InputError::Kind::open_failed, target(), "cannot activate the client");
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (jack_connect(raw, from[i].c_str(), jack_port_name(c->ports[i])) != 0)
      throw InputError(InputError::Kind::open_failed, target(), "cannot connect from " + from[i]);
  }
  c->update_latency();
  client_ = std::move(c);
}

void JackInput::close() noexcept {
  client_.reset();
}

int JackInput::channels() const noexcept {
  return client_ ? client_->ring.channels() : 0;
}

std::size_t JackInput::read(std::span<float> out) noexcept {
  return client_ ? client_->ring.pop(out) : 0;
}

std::size_t JackInput::readable_frames() const noexcept {
  return client_ ? client_->ring.readable_frames() : 0;
}

void JackInput::skip_to_newest(std::size_t keep) noexcept {
  if (client_) client_->ring.skip_to_newest(keep);
}

Input::Clock::time_point JackInput::next_frame_time() const noexcept {
  return client_ ? client_->ring.next_frame_time() : Clock::now();
}

bool JackInput::lost() const noexcept {
  return !client_ || client_->shut_down.load();
}

}  // namespace loaxa::audio
