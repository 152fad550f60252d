#pragma once
// The daemon's control socket: a Unix stream socket answering protocol lines (protocol.hpp).
//
// Threads: everything — construction, close(), destruction and every Handler call — happens
// on the thread running the io_context given to the constructor (the daemon's event loop);
// constructing before that thread runs it is fine.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace boost::asio {
class io_context;
}

namespace loaxa::control {

class Handler;

class ServerError : public std::runtime_error {
 public:
  enum class Kind {
    in_use,         // another process answers on the socket: a second loaxad
    not_a_socket,   // something else has the socket's name; it is left alone
    path_too_long,  // a Unix socket path is at most 107 bytes
    io,             // bind/listen/chmod failed (e.g. the folder is missing or not writable)
  };
  ServerError(Kind kind, std::filesystem::path path, const std::string& what)
      : std::runtime_error(what), kind_(kind), path_(std::move(path)) {}
  Kind kind() const noexcept { return kind_; }
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  Kind kind_;
  std::filesystem::path path_;
};

class Server {
 public:
  struct Options {
    // A connection that sends no complete line, or does not read its answer, for this long
    // is closed.
    std::chrono::milliseconds idle_timeout{std::chrono::seconds(30)};
    // Connections beyond this are closed at once.
    std::size_t max_connections = 32;
  };

  // Listens on `path`, mode 0660. A socket file left by a dead daemon (nothing answers) is
  // replaced; a live one, or a file that is not a socket, is not. Throws ServerError.
  // `handler` must outlive the Server.
  Server(boost::asio::io_context& io, std::filesystem::path path, Handler& handler);
  Server(boost::asio::io_context& io, std::filesystem::path path, Handler& handler, Options options);
  // close()s.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Stops accepting, removes the socket file, closes connections waiting for a request and
  // lets answers being written finish; then the server holds no work on the io_context, so
  // io_context::run() returns once the daemon's other work is done. No Handler call is made
  // after close(). Idempotent.
  void close() noexcept;

  const std::filesystem::path& path() const noexcept;
  // Open connections, for tests and the status page.
  std::size_t connections() const noexcept;

  struct Impl;  // in server.cpp; shared with its connections, which may outlive the Server

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace loaxa::control
