#pragma once
// An HTTP/1.1 server for web pages (Boost.Beast on Asio), TLS through OpenSSL when given a
// certificate and key: the station console's (console/console.hpp). It moves bytes only:
// each complete request goes to the WebHandler, whose answer it writes back.
//
// Against slow or hostile clients: a request's headers must arrive within
// `request_timeout`, its body within `body_timeout` (an upload is large), headers are at most
// `max_header_bytes`, a body over `body_limit(method, target)` is answered 413 without being
// read (a 2 GB upload costs the station nothing), and connections beyond `max_connections`
// are closed at once.
//
// Server-Sent Events: an answer with `event_stream` set keeps its connection open as an
// event stream; publish() writes an event to every open stream. A stream ends after
// `event_stream_lifetime` (the browser reconnects at once, and its session is checked
// again) and a comment every `heartbeat` finds dead peers. A stream whose peer reads too
// slowly (over `max_stream_backlog` bytes waiting) is closed rather than buffered without end.
//
// Threads: construction, close(), publish() and every handler call happen on the thread
// running the io_context. Beast and OpenSSL stay inside server.cpp.

#include "web/exchange.hpp"
#include "web/server_error.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace boost::asio {
class io_context;
}

namespace loaxa::web {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // ADDR:PORT; [v6]:PORT; port 0 picks a free one
  std::optional<std::filesystem::path> tls_cert;
  std::optional<std::filesystem::path> tls_key;
  bool allow_plain = false;  // plain HTTP on an address other than loopback
  std::string name = "loaxa";
  std::size_t max_header_bytes = 8 * 1024;
  // The largest body a request may carry, by method and target; default 64 KiB for all.
  std::function<std::size_t(std::string_view method, std::string_view target)> body_limit;
  std::chrono::milliseconds request_timeout{std::chrono::seconds(15)};
  std::chrono::milliseconds body_timeout{std::chrono::minutes(10)};
  std::size_t max_connections = 64;
  std::chrono::milliseconds event_stream_lifetime{std::chrono::minutes(5)};
  std::chrono::milliseconds heartbeat{std::chrono::seconds(15)};
  std::size_t max_stream_backlog = 1024 * 1024;
  WebHandler handler;
  // After each answer: method, target, status (for the log).
  std::function<void(const std::string&, const std::string&, int)> on_request;
};

class Server {
 public:
  // Listens at once. Throws ServerError.
  Server(boost::asio::io_context& io, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  unsigned short port() const noexcept;
  bool tls() const noexcept;
  std::size_t connections() const noexcept;
  std::size_t event_streams() const noexcept;

  // Writes "event: NAME\ndata: DATA\n\n" to every open event stream. `data` is one line
  // (JSON); a line break in it would end the event early, so it is refused (false).
  bool publish(std::string_view event, std::string_view data);

  // Stops accepting, ends the event streams and closes connections waiting for a request;
  // an answer being written finishes. Idempotent.
  void close() noexcept;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

// The text of one Server-Sent Event.
std::string event_text(std::string_view event, std::string_view data);

}  // namespace loaxa::web
