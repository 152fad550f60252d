#pragma once
// The hub's HTTP/1.1 server (Boost.Beast on Asio), TLS through OpenSSL when given a
// certificate and key. It moves bytes only: each complete request goes to the Api.
//
// Against slow or hostile clients: the whole request (headers and body) must arrive within
// `request_timeout` (a slow-loris client is cut off), headers are at most 8 KiB, a body over
// `max_body_bytes` is answered 413 without being read, and connections beyond
// `max_connections` are closed at once.
//
// Requests outside /api/ go to `web` when given (the dashboard, dashboard.hpp); without it
// every request goes to the Api as before. /api/ keeps its group commit and never reaches `web`.
//
// Threads: construction, close() and every `web` call happen on the thread running the
// io_context (one thread), and Api::prepare; every other Api call happens on the server's
// writer thread (ingest_writer.hpp), which owns the Api's store: give the Api a store (a
// connection) of its own, not one used elsewhere. Beast and OpenSSL stay inside server.cpp.

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

namespace boost::asio {
class io_context;
}

namespace loaxa::hub {

class Api;

// Why the server cannot listen (shared with the station console's server).
using ServerError = web::ServerError;

struct ServerOptions {
  std::string listen = "127.0.0.1:8443";  // ADDR:PORT; [v6]:PORT; port 0 picks a free one
  std::optional<std::filesystem::path> tls_cert;
  std::optional<std::filesystem::path> tls_key;
  bool allow_plain = false;
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_header_bytes = 8 * 1024;
  std::chrono::milliseconds request_timeout{std::chrono::seconds(10)};
  std::size_t max_connections = 256;
  // Called after each answered request: method, target, station, status (for the log).
  std::function<void(const std::string&, const std::string&, const std::string&, int)> on_request;
  // Requests whose target does not start with /api/ (web pages); none: 404.
  loaxa::web::WebHandler web;
};

class Server {
 public:
  // Listens at once. Throws ServerError. `api` must outlive the Server.
  Server(boost::asio::io_context& io, const ServerOptions& options, Api& api);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port it listens on (the one picked when asked for 0).
  unsigned short port() const noexcept;
  bool tls() const noexcept;
  std::size_t connections() const noexcept;

  // Stops accepting and closes connections waiting for a request; an answer being written
  // finishes. The io_context then runs out of the server's work. Idempotent.
  void close() noexcept;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

// "127.0.0.1:8443" → address, port; "[::1]:8443" too. Throws ServerError{bad_address}.
std::pair<std::string, unsigned short> split_listen(const std::string& listen);

}  // namespace loaxa::hub
