#include "onset_recorder.hpp"

#include <cmath>
#include <stdexcept>

namespace loaxa::test {
namespace {

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// steady_clock minus JACK's clock, from the tightest of a few side-by-side readings.
std::int64_t clock_offset_ns() {
  std::int64_t best_span = INT64_MAX;
  std::int64_t offset = 0;
  for (int i = 0; i < 16; ++i) {
    const std::int64_t before = steady_ns();
    const auto jack_us = static_cast<std::int64_t>(jack_get_time());
    const std::int64_t after = steady_ns();
    if (after - before < best_span) {
      best_span = after - before;
      offset = before + (after - before) / 2 - jack_us * 1000;
    }
  }
  return offset;
}

}  // namespace

OnsetRecorder::OnsetRecorder(const std::string& server, float threshold, std::uint32_t quiet_frames)
    : threshold_(threshold), quiet_frames_(quiet_frames) {
  jack_status_t status{};
  client_ = jack_client_open("onset-recorder", static_cast<jack_options_t>(JackNoStartServer | JackServerName), &status,
                             server.c_str());
  if (client_ == nullptr) throw std::runtime_error("the recorder cannot connect to JACK server " + server);
  input_ = jack_port_register(client_, "in", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
  steady_minus_jack_ns_.store(clock_offset_ns());
  jack_on_shutdown(
      client_, [](void* self) { static_cast<OnsetRecorder*>(self)->server_gone_.store(true); }, this);
  if (input_ == nullptr || jack_set_process_callback(client_, &OnsetRecorder::process, this) != 0 ||
      jack_activate(client_) != 0) {
    jack_client_close(client_);
    throw std::runtime_error("the recorder cannot register its port on JACK server " + server);
  }
}

OnsetRecorder::~OnsetRecorder() {
  if (follower_.joinable()) {
    follower_.request_stop();
    follower_.join();
  }
  // A client whose server died is left as it is: once another client of this process has
  // opened on the restarted server, libjack's close of the dead one touches state that is no
  // longer its own and crashes (a test's leak, not loaxad's: it closes before it reopens).
  if (server_gone_.load()) return;
  jack_deactivate(client_);
  jack_client_close(client_);
}

int OnsetRecorder::connect_sources(const std::string& sink, bool strict) {
  jack_port_t* port = jack_port_by_name(client_, sink.c_str());
  if (port == nullptr) throw std::runtime_error("no JACK port " + sink);
  const char** sources = jack_port_get_all_connections(client_, port);
  int connected = 0;
  for (const char** source = sources; source != nullptr && *source != nullptr; ++source) {
    if (jack_port_connected_to(input_, *source)) continue;
    // A following recorder may race a client that is closing: its port is gone, not an error.
    if (jack_connect(client_, *source, jack_port_name(input_)) != 0) {
      if (strict) {
        jack_free(static_cast<void*>(sources));
        throw std::runtime_error(std::string("the recorder cannot connect to ") + *source);
      }
      continue;
    }
    ++connected;
  }
  jack_free(static_cast<void*>(sources));
  return connected;
}

int OnsetRecorder::listen_to_sources_of(const std::string& sink) {
  jack_port_t* port = jack_port_by_name(client_, sink.c_str());
  if (port == nullptr) throw std::runtime_error("no JACK port " + sink);
  jack_latency_range_t range{};
  jack_port_get_latency_range(port, JackPlaybackLatency, &range);
  latency_.store(range.max);
  return connect_sources(sink, true);
}

void OnsetRecorder::follow_sources_of(const std::string& sink) {
  listen_to_sources_of(sink);
  follower_ = std::jthread([this, sink](const std::stop_token& stop) {
    while (!stop.stop_requested()) {
      try {
        connect_sources(sink, false);
      } catch (const std::runtime_error&) {
        return;  // the sink is gone with its server (a test that stops it): nothing left to follow
      }
      steady_minus_jack_ns_.store(clock_offset_ns(), std::memory_order_relaxed);
      // A player's prime is seconds before its first sound: a few milliseconds is soon enough.
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
}

int OnsetRecorder::process(jack_nframes_t frames, void* self) noexcept {
  auto& recorder = *static_cast<OnsetRecorder*>(self);
  const std::size_t count = recorder.count_.load(std::memory_order_relaxed);
  if (count >= kMaxOnsets || (count > 0 && recorder.quiet_frames_ == 0)) return 0;
  const auto* samples = static_cast<const float*>(jack_port_get_buffer(recorder.input_, frames));
  std::size_t found = count;
  for (jack_nframes_t i = 0; i < frames; ++i) {
    if (std::fabs(samples[i]) <= recorder.threshold_) {
      ++recorder.quiet_run_;
      continue;
    }
    const bool armed = found == 0 || (recorder.quiet_frames_ > 0 && recorder.quiet_run_ >= recorder.quiet_frames_);
    recorder.quiet_run_ = 0;
    if (!armed || found >= kMaxOnsets) continue;
    // The frame's place in the graph's timeline, then the sink's own latency after it.
    const jack_nframes_t frame = jack_last_frame_time(recorder.client_) + i + recorder.latency_.load();
    const auto usecs = static_cast<std::int64_t>(jack_frames_to_time(recorder.client_, frame));
    recorder.onset_ns_[found].store(usecs * 1000 + recorder.steady_minus_jack_ns_.load(std::memory_order_relaxed),
                                    std::memory_order_relaxed);
    ++found;
    if (recorder.quiet_frames_ == 0) break;
  }
  recorder.count_.store(found, std::memory_order_release);
  return 0;
}

namespace {

std::chrono::steady_clock::time_point steady_at(std::int64_t ns) {
  return std::chrono::steady_clock::time_point(
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::nanoseconds(ns)));
}

}  // namespace

std::optional<std::chrono::steady_clock::time_point> OnsetRecorder::onset() const noexcept {
  if (count_.load(std::memory_order_acquire) == 0) return std::nullopt;
  return steady_at(onset_ns_[0].load(std::memory_order_relaxed));
}

std::vector<std::chrono::steady_clock::time_point> OnsetRecorder::onsets() const {
  const std::size_t count = count_.load(std::memory_order_acquire);
  std::vector<std::chrono::steady_clock::time_point> all;
  all.reserve(count);
  for (std::size_t i = 0; i < count; ++i) all.push_back(steady_at(onset_ns_[i].load(std::memory_order_relaxed)));
  return all;
}

}  // namespace loaxa::test
