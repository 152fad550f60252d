#include "web/listener.hpp"

#include "web/listen_address.hpp"

#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>

namespace loaxa::web {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

bool start_listening(tcp::acceptor& acceptor, asio::ssl::context& ssl, const ListenSettings& settings) {
  const auto parts = split_listen(settings.listen);
  if (!parts) {
    throw ServerError(ServerError::Kind::bad_address,
                      "'" + settings.listen + "' is not ADDRESS:PORT (e.g. " + settings.example + ")");
  }
  const auto& [address_text, port] = *parts;
  const bool use_tls = settings.tls_cert.has_value() || settings.tls_key.has_value();
  if (use_tls) {
    if (!settings.tls_cert || !settings.tls_key) {
      throw ServerError(ServerError::Kind::tls, "TLS needs both a certificate and its key");
    }
    error_code ec;
    ssl.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                        asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1,
                    ec);
    if (!ec) ssl.use_certificate_chain_file(settings.tls_cert->string(), ec);
    if (ec) throw ServerError(ServerError::Kind::tls, settings.tls_cert->string() + ": " + ec.message());
    ssl.use_private_key_file(settings.tls_key->string(), asio::ssl::context::pem, ec);
    if (ec) throw ServerError(ServerError::Kind::tls, settings.tls_key->string() + ": " + ec.message());
  } else if (!is_loopback_address(address_text) && !settings.allow_plain) {
    throw ServerError(ServerError::Kind::plain_not_loopback,
                      "plain HTTP on " + settings.listen + " would send " + settings.in_clear + " in clear");
  }
  const tcp::endpoint endpoint(asio::ip::make_address(address_text), port);
  error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw ServerError(ServerError::Kind::io, "cannot listen on " + settings.listen + ": " + ec.message());
  return use_tls;
}

void accept_connections(tcp::acceptor& acceptor, std::function<bool()> stopped, std::function<void(tcp::socket)> take) {
  acceptor.async_accept([&acceptor, stopped = std::move(stopped), take = std::move(take)](const error_code& ec,
                                                                                          tcp::socket socket) mutable {
    if (stopped()) return;
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      // Out of descriptors or similar: try again shortly rather than spin.
      auto timer = std::make_shared<asio::steady_timer>(acceptor.get_executor(), std::chrono::milliseconds(200));
      timer->async_wait(
          [&acceptor, stopped = std::move(stopped), take = std::move(take), timer](const error_code&) mutable {
            if (!stopped()) accept_connections(acceptor, std::move(stopped), std::move(take));
          });
      return;
    }
    take(std::move(socket));
    accept_connections(acceptor, std::move(stopped), std::move(take));
  });
}

}  // namespace loaxa::web
