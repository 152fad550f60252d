#pragma once
// An independent witness of when audio reaches a JACK sink: its own JACK client (own
// process thread, JACK's own clock), whose input is connected to whatever feeds the sink
// (`system:playback_1`), so each cycle it sees the very buffer the sink receives. The first
// sample above the threshold is timed as the JACK graph places it:
//   jack_frames_to_time(jack_last_frame_time + offset in the buffer + the sink's playback latency)
// and that JACK microsecond instant is mapped to steady_clock by reading both clocks
// side by side. Nothing here asks PortAudio anything.
//
// With `quiet_frames`, it records every onset: after one, the next sample above the
// threshold that follows at least that many frames at or below it (a programme after the
// silence between programmes). follow_sources_of() keeps connecting to new feeders of the
// sink (a player that opens its output for each programme is a new JACK client each time).
//
// Thread safety: construct, listen and read from one thread; the process callback is JACK's,
// the follower is a thread of its own. Throws std::runtime_error when the client cannot
// open or connect.

#include <jack/jack.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace loaxa::test {

class OnsetRecorder {
 public:
  OnsetRecorder(const std::string& server, float threshold, std::uint32_t quiet_frames = 0);
  ~OnsetRecorder();
  OnsetRecorder(const OnsetRecorder&) = delete;
  OnsetRecorder& operator=(const OnsetRecorder&) = delete;

  // Connects the recorder's input to every port now connected to `sink`, and reads the
  // sink's playback latency. Returns how many ports it connected to.
  int listen_to_sources_of(const std::string& sink);
  // From now on, every few milliseconds, connects to the ports newly connected to `sink`.
  void follow_sources_of(const std::string& sink);
  // The sink's playback latency in frames, as read by listen_to_sources_of().
  std::uint32_t sink_latency_frames() const noexcept { return latency_.load(); }
  // When the first sample above the threshold reached the sink; none yet: nullopt.
  std::optional<std::chrono::steady_clock::time_point> onset() const noexcept;
  // Every onset so far, in order (only the first without quiet_frames).
  std::vector<std::chrono::steady_clock::time_point> onsets() const;

 private:
  static constexpr std::size_t kMaxOnsets = 1024;
  static int process(jack_nframes_t frames, void* self) noexcept;
  int connect_sources(const std::string& sink, bool strict);

  jack_client_t* client_ = nullptr;
  jack_port_t* input_ = nullptr;
  float threshold_;
  std::uint32_t quiet_frames_;
  std::atomic<std::uint32_t> latency_{0};
  std::uint64_t quiet_run_ = 0;  // process thread only: frames at or below the threshold since the last loud one
  std::atomic<std::size_t> count_{0};
  // Each onset's steady_clock instant in nanoseconds, from the JACK instant and the clock
  // offset current when it was found (re-read by the follower, so hours of drift between
  // JACK's clock and steady_clock do not add up).
  std::array<std::atomic<std::int64_t>, kMaxOnsets> onset_ns_{};
  std::atomic<std::int64_t> steady_minus_jack_ns_{0};
  std::atomic<bool> server_gone_{false};  // its server shut down (a test stopped it)
  std::jthread follower_;
};

}  // namespace loaxa::test
