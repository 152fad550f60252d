#include "sync/beast_transport.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <stdexcept>
#include <variant>

namespace loaxa::sync {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::size_t kMaxResponseBytes = 1 << 20;

// One request and its answer. Kept alive by its own handlers; `finish` runs once.
template <class Stream>
class Exchange : public std::enable_shared_from_this<Exchange<Stream>> {
 public:
  Exchange(asio::io_context& io, Stream stream, const HubUrl& url, HubRequest request, ResponseHandler done,
           std::chrono::seconds timeout)
      : resolver_(io), deadline_(io), stream_(std::move(stream)), url_(url), done_(std::move(done)), timeout_(timeout) {
    request_.method(http::verb::post);
    request_.target(request.path);
    request_.version(11);
    request_.set(http::field::host, url.host + ":" + url.port);
    request_.set(http::field::user_agent, "loaxad/" LOAXA_VERSION);
    request_.set(http::field::content_type, "application/json");
    request_.set(http::field::connection, "close");
    for (const auto& [name, value] : request.headers) request_.set(name, value);
    request_.body() = std::move(request.body);
    request_.prepare_payload();
    parser_.body_limit(kMaxResponseBytes);
  }

  void run() {
    auto self = this->shared_from_this();
    deadline_.expires_after(timeout_);
    deadline_.async_wait([self](const beast::error_code& ec) {
      if (!ec) self->abort("no answer within the deadline");
    });
    resolver_.async_resolve(url_.host, url_.port,
                            [self](const beast::error_code& ec, const tcp::resolver::results_type& results) {
                              if (ec)
                                return self->finish_error("cannot resolve " + self->url_.host + ": " + ec.message());
                              self->connect(results);
                            });
  }

  void abort(const std::string& why) {
    resolver_.cancel();
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().close(ignored);
    finish_error(why);
  }

 private:
  void connect(const tcp::resolver::results_type& results) {
    auto self = this->shared_from_this();
    beast::get_lowest_layer(stream_).async_connect(results, [self](const beast::error_code& ec, const tcp::endpoint&) {
      if (ec) return self->finish_error("cannot connect to " + self->url_.text + ": " + ec.message());
      self->handshake();
    });
  }

  void handshake() {
    if constexpr (std::is_same_v<Stream, beast::ssl_stream<beast::tcp_stream>>) {
      auto self = this->shared_from_this();
      stream_.async_handshake(asio::ssl::stream_base::client, [self](const beast::error_code& ec) {
        if (ec) return self->finish_error("TLS with " + self->url_.text + " failed: " + ec.message());
        self->write();
      });
    } else {
      write();
    }
  }

  void write() {
    auto self = this->shared_from_this();
    http::async_write(stream_, request_, [self](const beast::error_code& ec, std::size_t) {
      if (ec) return self->finish_error("sending to " + self->url_.text + " failed: " + ec.message());
      self->read();
    });
  }

  void read() {
    auto self = this->shared_from_this();
    http::async_read(stream_, buffer_, parser_, [self](const beast::error_code& ec, std::size_t) {
      if (ec) return self->finish_error("reading the hub's answer failed: " + ec.message());
      const auto& response = self->parser_.get();
      HubResponse answer{static_cast<int>(response.result_int()), response.body(), {}};
      for (const auto& field : response) {
        answer.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
      self->finish(std::move(answer));
    });
  }

  void finish(HubResponse response) {
    if (!done_) return;
    deadline_.cancel();
    auto done = std::move(done_);
    done_ = nullptr;
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    done(std::move(response), {});
  }

  void finish_error(const std::string& why) {
    if (!done_) return;
    deadline_.cancel();
    auto done = std::move(done_);
    done_ = nullptr;
    done(std::nullopt, why);
  }

  tcp::resolver resolver_;
  asio::steady_timer deadline_;
  Stream stream_;
  HubUrl url_;
  ResponseHandler done_;
  std::chrono::seconds timeout_;
  http::request<http::string_body> request_;
  beast::flat_buffer buffer_;
  http::response_parser<http::string_body> parser_;
};

using PlainExchange = Exchange<beast::tcp_stream>;
using TlsExchange = Exchange<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace

struct BeastTransport::State {
  State(asio::io_context& io_context, HubUrl hub, std::chrono::seconds t)
      : io(io_context), url(std::move(hub)), timeout(t), tls(asio::ssl::context::tls_client) {}
  asio::io_context& io;
  HubUrl url;
  std::chrono::seconds timeout;
  asio::ssl::context tls;
  std::variant<std::monostate, std::weak_ptr<PlainExchange>, std::weak_ptr<TlsExchange>> current;
};

BeastTransport::BeastTransport(asio::io_context& io, HubUrl url, const std::string& ca_file,
                               std::chrono::seconds timeout)
    : state_(std::make_unique<State>(io, std::move(url), timeout)) {
  auto& tls = state_->tls;
  tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
  tls.set_verify_mode(asio::ssl::verify_peer);
  beast::error_code ec;
  if (ca_file.empty()) {
    tls.set_default_verify_paths(ec);
  } else {
    tls.load_verify_file(ca_file, ec);
  }
  if (ec) throw std::runtime_error("cannot read the hub's CA certificate " + ca_file + ": " + ec.message());
}

BeastTransport::~BeastTransport() {
  cancel();
}

void BeastTransport::post(HubRequest request, ResponseHandler done) {
  State& s = *state_;
  if (!s.url.tls) {
    auto exchange = std::make_shared<PlainExchange>(s.io, beast::tcp_stream(s.io), s.url, std::move(request),
                                                    std::move(done), s.timeout);
    s.current = std::weak_ptr<PlainExchange>(exchange);
    exchange->run();
    return;
  }
  beast::ssl_stream<beast::tcp_stream> stream(s.io, s.tls);
  // SNI, and the certificate must name the host we asked for.
  if (!SSL_set_tlsext_host_name(stream.native_handle(), s.url.host.c_str())) {
    done(std::nullopt, "cannot set the TLS server name " + s.url.host);
    return;
  }
  stream.set_verify_callback(asio::ssl::host_name_verification(s.url.host));
  auto exchange =
      std::make_shared<TlsExchange>(s.io, std::move(stream), s.url, std::move(request), std::move(done), s.timeout);
  s.current = std::weak_ptr<TlsExchange>(exchange);
  exchange->run();
}

void BeastTransport::cancel() noexcept {
  try {
    std::visit(
        [](auto& weak) {
          if constexpr (!std::is_same_v<std::decay_t<decltype(weak)>, std::monostate>) {
            if (auto exchange = weak.lock()) exchange->abort("cancelled");
          }
        },
        state_->current);
  } catch (...) {
    // Nothing to undo: the exchange is dropped with its socket.
  }
  state_->current = std::monostate{};
}

}  // namespace loaxa::sync
