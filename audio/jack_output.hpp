#pragma once
// A JACK server, natively (libjack): the output for a station whose sound card a JACK server
// drives. Each open() is a new JACK client "loaxa" with one port per channel, connected to
// the server's physical playback ports in order, so a server that was restarted (or a client
// that was thrown out) is simply found again at the next open — PortAudio keeps its first
// view of JACK until the process restarts. write() hands frames to the shared ring
// (audio/timed_ring.hpp) that the process callback drains; the callback knows, from the JACK
// graph itself, when its buffer's first frame is heard: the cycle's frame time plus the
// playback latency of our ports (the sink's), mapped from JACK's clock to steady_clock.
//
// Thread safety: as Output. The process callback runs on JACK's thread; it never locks or
// allocates. Throws OutputError as each method says.

#include "audio/output.hpp"
#include "audio/timed_ring.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::audio {

class JackOutput final : public Output {
 public:
  // `ports`: connect to the playback ports whose names contain it; none: the physical ones.
  explicit JackOutput(std::optional<std::string> ports = std::nullopt);
  ~JackOutput() override;
  JackOutput(const JackOutput&) = delete;
  JackOutput& operator=(const JackOutput&) = delete;

  // Opens a client on the server (JACK_DEFAULT_SERVER, else "default"; never starts one),
  // registers a port per channel, activates and connects. Throws OutputError: already_open;
  // open_failed (no server, no port to connect to); bad_format (the server runs at another
  // rate: JACK does not resample).
  void open(const OutputFormat& format) override;
  // Throws OutputError: not_open, bad_block, write_failed (the server shut down or took no
  // frame for 2 s).
  void write(std::span<const float> samples) override;
  void drain() override;
  void close() noexcept override;
  std::uint64_t frames_consumed() const noexcept override;
  Pacer::Clock::time_point next_frame_time() const noexcept override;

  struct Client;  // shared with JACK's callbacks

 private:
  void throw_if(TimedRing::Trouble trouble);
  std::string target() const;

  std::optional<std::string> ports_;
  std::unique_ptr<Client> client_;
};

}  // namespace loaxa::audio
