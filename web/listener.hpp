#pragma once
// How the hub's server and the station console's server start listening and take
// connections: the same TLS settings, the same refusal of plain HTTP beyond this machine, the
// same bind, the same accept loop. For those two server.cpp files only: Asio's headers come
// with it (keep it out of widely included headers).
//
// Threads: the io_context's, as the servers that call it.

#include "web/server_error.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace loaxa::web {

struct ListenSettings {
  std::string listen;  // ADDRESS:PORT
  std::optional<std::filesystem::path> tls_cert;
  std::optional<std::filesystem::path> tls_key;
  bool allow_plain = false;  // plain HTTP on an address other than loopback
  std::string example;       // a listen text to show when it is not ADDRESS:PORT
  std::string in_clear;      // what plain HTTP would send in clear ("passwords")
};

// Loads the certificate and key into `ssl` when either is given (TLS 1.2 and later), refuses
// plain HTTP beyond loopback unless allowed, then opens, binds and listens. Returns whether
// TLS is used. Throws ServerError (bad_address, tls, plain_not_loopback, io).
bool start_listening(boost::asio::ip::tcp::acceptor& acceptor, boost::asio::ssl::context& ssl,
                     const ListenSettings& settings);

// Accepts one connection after another and gives each socket to `take`, until the acceptor
// is closed or `stopped()` says so. A failure to accept (out of descriptors) is retried after
// 200 ms rather than spun on. `stopped` and `take` keep the server alive (they hold it), and
// with it the acceptor.
void accept_connections(boost::asio::ip::tcp::acceptor& acceptor, std::function<bool()> stopped,
                        std::function<void(boost::asio::ip::tcp::socket)> take);

// Starts a Session<Stream> (constructed from the server and the stream) on `socket`: over TLS
// when `tls` is given, else plain.
template <template <class> class Session, class Server>
void start_session(std::shared_ptr<Server> server, boost::asio::ip::tcp::socket socket,
                   boost::asio::ssl::context* tls) {
  namespace beast = boost::beast;
  if (tls != nullptr) {
    using Stream = beast::ssl_stream<beast::tcp_stream>;
    std::make_shared<Session<Stream>>(std::move(server), Stream(beast::tcp_stream(std::move(socket)), *tls))->start();
  } else {
    std::make_shared<Session<beast::tcp_stream>>(std::move(server), beast::tcp_stream(std::move(socket)))->start();
  }
}

}  // namespace loaxa::web
