#pragma once
// A JACK server for the end-to-end tests: `jackd -n NAME -r -d dummy -r RATE -p PERIOD`,
// Debian's jackd2 with its dummy driver, which consumes audio in real time without a sound
// card, and without realtime scheduling unless asked (the benchmark asks: it is jackd's
// default, and what a station's server runs with; a test cannot count on being allowed it). Each server has its own
// name, so tests running in parallel never share one. The constructor returns once the server accepts clients; the
// destructor stops it (and the kernel stops it if the test process dies first).
//
// Thread safety: one thread. Throws std::runtime_error when jackd cannot start.

#include <sys/types.h>
#include <string>

namespace loaxa::test {

class JackServer {
 public:
  explicit JackServer(int period_frames, int sample_rate = 48000, bool realtime = false);
  ~JackServer();
  JackServer(const JackServer&) = delete;
  JackServer& operator=(const JackServer&) = delete;

  // The server name, for JACK_DEFAULT_SERVER or jack_client_open's JackServerName.
  const std::string& name() const noexcept { return name_; }
  int period_frames() const noexcept { return period_; }
  int sample_rate() const noexcept { return rate_; }
  // Stops the server now (SIGTERM, then SIGKILL after 5 s), as a crash or an operator would.
  void stop() noexcept;
  // Starts it again under the same name (after stop(): a server restarted); returns once it
  // accepts clients.
  void start();

 private:
  std::string name_;
  int period_;
  int rate_;
  bool realtime_;
  pid_t pid_ = -1;
};

}  // namespace loaxa::test
