#pragma once
// Capture from a JACK server, natively: a client "loaxa-in" (or the name given) with one
// input port per channel, connected from the ports whose names contain PORTS (none: the
// server's physical capture ports), up to two. The process callback interleaves the ports
// into a CaptureRing with the instant the cycle's first frame was captured: the cycle's
// frame time minus our ports' capture latency, from JACK's clock to steady_clock.
//
// Thread safety: as Input. Throws InputError as open() says.

#include "audio/capture_ring.hpp"
#include "audio/input.hpp"

#include <memory>
#include <optional>
#include <string>

namespace loaxa::audio {

class JackInput final : public Input {
 public:
  explicit JackInput(std::optional<std::string> ports = std::nullopt, std::string client_name = "loaxa-in");
  ~JackInput() override;
  JackInput(const JackInput&) = delete;
  JackInput& operator=(const JackInput&) = delete;

  // Throws InputError: open_failed (no server, no port to connect from), bad_format (the
  // server runs at another rate).
  void open(int sample_rate) override;
  void close() noexcept override;
  int channels() const noexcept override;
  std::size_t read(std::span<float> out) noexcept override;
  std::size_t readable_frames() const noexcept override;
  void skip_to_newest(std::size_t keep) noexcept override;
  Clock::time_point next_frame_time() const noexcept override;
  bool lost() const noexcept override;
  std::string target() const override;

  struct Client;  // shared with JACK's callbacks

 private:
  std::optional<std::string> ports_;
  std::string client_name_;
  std::unique_ptr<Client> client_;
};

}  // namespace loaxa::audio
