#pragma once
// An independent witness of when audio reaches a JACK sink: its own JACK client (own
// process thread, JACK's own clock), whose input is connected to whatever feeds the sink
// (`system:playback_1`), so each cycle it sees the very buffer the sink receives. The first
// sample above the threshold is timed as the JACK graph places it:
//   jack_frames_to_time(jack_last_frame_time + offset in the buffer + the sink's playback latency)
// and that JACK microsecond instant is mapped to steady_clock by reading both clocks
// side by side. Nothing here asks PortAudio anything.
//
// Thread safety: construct, listen and read from one thread; the process callback is JACK's.
// Throws std::runtime_error when the client cannot open or connect.

#include <jack/jack.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace loaxa::test {

class OnsetRecorder {
 public:
  OnsetRecorder(const std::string& server, float threshold);
  ~OnsetRecorder();
  OnsetRecorder(const OnsetRecorder&) = delete;
  OnsetRecorder& operator=(const OnsetRecorder&) = delete;

  // Connects the recorder's input to every port now connected to `sink`, and reads the
  // sink's playback latency. Returns how many ports it connected to.
  int listen_to_sources_of(const std::string& sink);
  // The sink's playback latency in frames, as read by listen_to_sources_of().
  std::uint32_t sink_latency_frames() const noexcept { return latency_.load(); }
  // When the first sample above the threshold reached the sink; none yet: nullopt.
  std::optional<std::chrono::steady_clock::time_point> onset() const noexcept;

 private:
  static int process(jack_nframes_t frames, void* self) noexcept;

  jack_client_t* client_ = nullptr;
  jack_port_t* input_ = nullptr;
  float threshold_;
  std::atomic<std::uint32_t> latency_{0};
  std::atomic<bool> found_{false};
  std::atomic<std::uint64_t> onset_usecs_{0};  // JACK time (jack_get_time's microseconds)
  std::int64_t steady_minus_jack_ns_ = 0;
};

}  // namespace loaxa::test
