#pragma once
// A TCP proxy on 127.0.0.1 that stands for a poor network between a station and its hub in
// the process tests: the station's [hub] url points at it, it forwards to a real
// `loaxa-hub serve`. loaxad opens one connection per request (sync/beast_transport.hpp), so
// each connection is one request, and the proxy decides its fate when it accepts it, from a
// seeded RNG:
//
//   relayed        forwarded both ways (the answer after `answer_delay`)
//   lost request   read from the station, closed; the hub never sees it
//   lost answer    forwarded to the hub; when the hub's answer begins (it has decided, and
//                  stored what it stores) both sides are closed: the station never learns
//   refused        the network is down: closed as soon as accepted
//
// It runs on its own thread (Boost.Asio). Every public member may be called from any thread.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace loaxa::sync::test {

class FaultyProxy {
 public:
  struct Counts {
    std::uint64_t accepted = 0;
    std::uint64_t refused = 0;  // the network was down
    std::uint64_t lost_requests = 0;
    std::uint64_t lost_answers = 0;
    std::uint64_t at_hub = 0;           // requests whose first bytes reached the hub
    std::uint64_t answers_begun = 0;    // answers whose first bytes came back from the hub
    std::uint64_t answers_relayed = 0;  // answers passed on to the station in full
    std::uint64_t tampered = 0;         // answers with a byte of their body changed
  };

  // Forwards to 127.0.0.1:upstream_port; starts with the network up and nothing lost.
  FaultyProxy(unsigned short upstream_port, std::uint64_t seed);
  ~FaultyProxy();
  FaultyProxy(const FaultyProxy&) = delete;
  FaultyProxy& operator=(const FaultyProxy&) = delete;

  unsigned short port() const noexcept { return port_; }
  // "http://127.0.0.1:PORT", for the station's [hub] url.
  std::string url() const;

  // New connections go there (a hub restarted on another port).
  void set_upstream(unsigned short port);
  // Down: every connection is closed as soon as it is accepted.
  void set_network_up(bool up);
  // The chance that a connection loses its request or its answer (half each). No more than
  // `max_in_a_row` connections in a row are lost, so the station's backoff, which doubles
  // from 5 s at each failure in a row, stays short enough for a test.
  void set_loss(double fraction, int max_in_a_row = 1);
  // The next `answers` answers to requests for `target` ("/api/v1/mandate-audio") reach the
  // station with the last byte of their first piece of body flipped: content altered on the way.
  void tamper_with_answers(const std::string& target, int answers);
  // How long the hub's answer is held before it is passed on: requests stay in flight.
  void set_answer_delay(std::chrono::milliseconds delay);

  Counts counts() const;
  // The bytes of the last request to `target` ("/api/v1/plays") that the hub answered, as the
  // station sent them: for replaying or altering on the wire. Empty if none.
  std::string last_request(const std::string& target) const;
  // Waits until `which` of counts() is above `above`; false after `limit`.
  bool wait_until_above(std::uint64_t Counts::*which, std::uint64_t above, std::chrono::milliseconds limit) const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
  unsigned short port_ = 0;
};

}  // namespace loaxa::sync::test
