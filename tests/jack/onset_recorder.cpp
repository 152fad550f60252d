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

OnsetRecorder::OnsetRecorder(const std::string& server, float threshold) : threshold_(threshold) {
  jack_status_t status{};
  client_ = jack_client_open("onset-recorder", static_cast<jack_options_t>(JackNoStartServer | JackServerName), &status,
                             server.c_str());
  if (client_ == nullptr) throw std::runtime_error("the recorder cannot connect to JACK server " + server);
  input_ = jack_port_register(client_, "in", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
  if (input_ == nullptr || jack_set_process_callback(client_, &OnsetRecorder::process, this) != 0 ||
      jack_activate(client_) != 0) {
    jack_client_close(client_);
    throw std::runtime_error("the recorder cannot register its port on JACK server " + server);
  }
  steady_minus_jack_ns_ = clock_offset_ns();
}

OnsetRecorder::~OnsetRecorder() {
  jack_deactivate(client_);
  jack_client_close(client_);
}

int OnsetRecorder::listen_to_sources_of(const std::string& sink) {
  jack_port_t* port = jack_port_by_name(client_, sink.c_str());
  if (port == nullptr) throw std::runtime_error("no JACK port " + sink);
  jack_latency_range_t range{};
  jack_port_get_latency_range(port, JackPlaybackLatency, &range);
  latency_.store(range.max);
  const char** sources = jack_port_get_all_connections(client_, port);
  int connected = 0;
  for (const char** source = sources; source != nullptr && *source != nullptr; ++source) {
    if (jack_connect(client_, *source, jack_port_name(input_)) != 0)
      throw std::runtime_error(std::string("the recorder cannot connect to ") + *source);
    ++connected;
  }
  jack_free(static_cast<void*>(sources));
  return connected;
}

int OnsetRecorder::process(jack_nframes_t frames, void* self) noexcept {
  auto& recorder = *static_cast<OnsetRecorder*>(self);
  if (recorder.found_.load(std::memory_order_relaxed)) return 0;
  const auto* samples = static_cast<const float*>(jack_port_get_buffer(recorder.input_, frames));
  for (jack_nframes_t i = 0; i < frames; ++i) {
    if (std::fabs(samples[i]) > recorder.threshold_) {
      // The frame's place in the graph's timeline, then the sink's own latency after it.
      const jack_nframes_t frame = jack_last_frame_time(recorder.client_) + i + recorder.latency_.load();
      recorder.onset_usecs_.store(jack_frames_to_time(recorder.client_, frame), std::memory_order_relaxed);
      recorder.found_.store(true, std::memory_order_release);
      break;
    }
  }
  return 0;
}

std::optional<std::chrono::steady_clock::time_point> OnsetRecorder::onset() const noexcept {
  if (!found_.load(std::memory_order_acquire)) return std::nullopt;
  const auto ns =
      static_cast<std::int64_t>(onset_usecs_.load(std::memory_order_relaxed)) * 1000 + steady_minus_jack_ns_;
  return std::chrono::steady_clock::time_point(
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::nanoseconds(ns)));
}

}  // namespace loaxa::test
