#pragma once
// The station console (console/console.hpp) inside loaxad: a web::Server and the pages on a
// thread of their own, with their own connection to the station's database and a worker
// thread for the slow work (an upload's import, a password check). Neither the audio thread
// nor the event loop ever waits for a browser: what the pages ask of the daemon (what airs,
// an emergency, a re-plan) is posted to the event loop as a control request — the same rules
// as the control socket — and its answer waited for on the console thread.
//
// The console failing to start (the port taken, a missing certificate) is logged and the
// daemon plays on without it.
//
// Thread safety: construct, stop() and destroy on the event-loop thread.

#include "common/home.hpp"
#include "config/config.hpp"
#include "control/protocol.hpp"
#include "daemon/log.hpp"

#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}

namespace loaxa::daemon {

class ConsoleThread {
 public:
  // `loop`: loaxad's event loop, where `handler` runs and `log` is written. Both outlive this.
  ConsoleThread(boost::asio::io_context& loop, control::Handler& handler, Log& log, const Home& home,
                const ConsoleConfig& settings);
  ~ConsoleThread();
  ConsoleThread(const ConsoleThread&) = delete;
  ConsoleThread& operator=(const ConsoleThread&) = delete;

  // "http://127.0.0.1:8080" once it listens; empty while starting or when it could not.
  std::string url() const;

  // Closes the server and joins the threads; the daemon's requests still waiting are refused.
  void stop() noexcept;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace loaxa::daemon
