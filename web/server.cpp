#include "web/server.hpp"

#include "web/listener.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <cctype>
#include <deque>
#include <limits>
#include <set>

namespace loaxa::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr std::size_t kDefaultBodyLimit = 64 * 1024;

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

class Connection {
 public:
  virtual ~Connection() = default;
  virtual void close_if_idle() noexcept = 0;
  // An event stream only: queues `text`; false when the connection is not a stream.
  virtual bool send_event(const std::string& text) = 0;
};

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(asio::io_context& io_context, ServerOptions o)
      : io(io_context),
        options(std::move(o)),
        acceptor(io_context),
        ssl(asio::ssl::context::tls_server),
        heartbeat(io_context) {}

  void listen();
  void accept();
  void beat();

  std::size_t body_limit(std::string_view method, std::string_view target) const {
    return options.body_limit ? options.body_limit(method, target) : kDefaultBodyLimit;
  }

  void close() noexcept {
    if (closed) return;
    closed = true;
    error_code ec;
    acceptor.close(ec);
    heartbeat.cancel();
    auto open = connections;
    for (auto* connection : open) connection->close_if_idle();
  }

  asio::io_context& io;
  ServerOptions options;
  tcp::acceptor acceptor;
  asio::ssl::context ssl;
  asio::steady_timer heartbeat;
  bool use_tls = false;
  std::set<Connection*> connections;
  std::set<Connection*> streams;
  bool closed = false;
};

namespace {

// One connection: requests in turn (keep-alive), each with its own deadlines; or, after an
// answer that opens an event stream, that stream until it ends.
template <class Stream>
class Session : public Connection, public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(std::shared_ptr<Server::Impl> server, Stream stream)
      : server_(std::move(server)), stream_(std::move(stream)) {
    server_->connections.insert(this);
  }
  ~Session() override {
    server_->connections.erase(this);
    server_->streams.erase(this);
  }

  void start() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      read_header();
    } else {
      lowest().expires_after(server_->options.request_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server, [self = this->shared_from_this()](const error_code& ec) {
        if (ec) return self->close();
        self->read_header();
      });
    }
  }

  void close_if_idle() noexcept override {
    if (reading_header_ || streaming_) close();
  }

  bool send_event(const std::string& text) override {
    if (!streaming_) return false;
    backlog_ += text.size();
    if (backlog_ > server_->options.max_stream_backlog) {
      close();
      return true;
    }
    outbox_.push_back(text);
    if (!writing_) write_next();
    return true;
  }

 private:
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  void read_header() {
    if (server_->closed) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_->options.max_header_bytes));
    // The route's limit is set once the target is known (on_header); until then Beast's own
    // default (8 MiB) must not answer for it.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    reading_header_ = true;
    lowest().expires_after(server_->options.request_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](const error_code& ec, std::size_t) {
                              self->reading_header_ = false;
                              self->on_header(ec);
                            });
  }

  void on_header(const error_code& ec) {
    if (ended(ec)) return close();
    if (ec == http::error::body_limit) return refuse(413, "the body is over the limit");
    if (ec) return refuse(400, "the request is not valid HTTP/1.1: " + ec.message());
    const auto& header = parser_->get();
    const auto limit =
        server_->body_limit(std::string_view(header.method_string().data(), header.method_string().size()),
                            std::string_view(header.target().data(), header.target().size()));
    const auto length = parser_->content_length();
    if (length && *length > limit) return refuse(413, "the body is over " + std::to_string(limit) + " bytes");
    parser_->body_limit(limit);
    lowest().expires_after(server_->options.body_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](const error_code& e, std::size_t) { self->on_body(e); });
  }

  void on_body(const error_code& ec) {
    if (ec == http::error::body_limit) return refuse(413, "the body is over the limit");
    if (ended(ec)) return close();
    if (ec) return refuse(400, "the request is not valid HTTP/1.1: " + ec.message());
    auto request = parser_->release();
    const bool keep_alive = request.keep_alive();
    WebRequest web;
    web.method = std::string(request.method_string());
    web.target = std::string(request.target());
    web.host = std::string(request[http::field::host]);
    web.origin = std::string(request[http::field::origin]);
    web.cookie = std::string(request[http::field::cookie]);
    web.content_type = std::string(request[http::field::content_type]);
    for (const auto& field : request) {
      const auto name = field.name_string();
      web.headers.emplace_back(lower(std::string_view(name.data(), name.size())), std::string(field.value()));
    }
    web.body = std::move(request.body());
    error_code peer_ec;
    const auto peer = lowest().socket().remote_endpoint(peer_ec);
    if (!peer_ec) web.client_address = peer.address().to_string();
    web.tls = !std::is_same_v<Stream, beast::tcp_stream>;
    auto method = web.method;
    auto target = web.target;
    lowest().expires_never();  // the handler may answer later (a password check, an import)
    server_->options.handler(std::move(web),
                             [self = this->shared_from_this(), keep_alive, method, target](WebResponse response) {
                               if (self->server_->options.on_request)
                                 self->server_->options.on_request(method, target, response.status);
                               if (response.event_stream && response.status == 200) {
                                 self->open_stream(std::move(response));
                               } else {
                                 self->respond(std::move(response), keep_alive && !self->server_->closed);
                               }
                             });
  }

  static bool ended(const error_code& ec) {
    return ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
           ec == asio::error::eof || ec == asio::error::connection_reset;
  }

  // A request that cannot be read on: answered in plain text, then the connection closes,
  // since the rest of the stream cannot be trusted to start a request.
  void refuse(int status, const std::string& text) {
    WebResponse response;
    response.status = status;
    response.content_type = "text/plain; charset=utf-8";
    response.body = text + "\n";
    if (server_->options.on_request) server_->options.on_request("", "", status);
    respond(std::move(response), false);
  }

  void respond(WebResponse response, bool keep_alive) {
    response_ = {};
    response_.version(11);
    response_.result(static_cast<http::status>(response.status));
    response_.set(http::field::server, server_->options.name);
    response_.set(http::field::content_type, response.content_type);
    response_.set(http::field::cache_control, "no-store");
    for (const auto& [name, value] : response.headers) {
      if (beast::iequals(name, "Cache-Control")) {
        response_.set(http::field::cache_control, value);
      } else {
        response_.insert(name, value);
      }
    }
    response_.body() = std::move(response.body);
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    lowest().expires_after(server_->options.body_timeout);
    http::async_write(stream_, response_,
                      [self = this->shared_from_this(), keep_alive](const error_code& ec, std::size_t) {
                        if (ec || !keep_alive) return self->shutdown();
                        self->read_header();
                      });
  }

  // The answer's headers, written by hand: an event stream has no length and ends with the
  // connection, which Beast's serializer would not write for a string body.
  void open_stream(WebResponse response) {
    std::string head = "HTTP/1.1 200 OK\r\nServer: " + server_->options.name +
                       "\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n"
                       "Connection: close\r\n";
    for (const auto& [name, value] : response.headers) {
      if (beast::iequals(name, "Cache-Control") || beast::iequals(name, "Content-Type")) continue;
      head += name + ": " + value + "\r\n";
    }
    head += "\r\n";
    streaming_ = true;
    server_->streams.insert(this);
    // The browser reconnects one second after the stream ends.
    send_event(head + "retry: 1000\n\n" + response.body);
    auto self = this->shared_from_this();
    lifetime_ = std::make_unique<asio::steady_timer>(server_->io, server_->options.event_stream_lifetime);
    lifetime_->async_wait([self](const error_code& ec) {
      if (!ec) self->close();
    });
    // A read that completes only when the peer goes away (or sends what it should not).
    http::async_read_header(stream_, buffer_, parser_.emplace(),
                            [self](const error_code&, std::size_t) { self->close(); });
  }

  void write_next() {
    writing_ = true;
    lowest().expires_after(server_->options.request_timeout);
    asio::async_write(stream_, asio::buffer(outbox_.front()),
                      [self = this->shared_from_this()](const error_code& ec, std::size_t written) {
                        self->writing_ = false;
                        if (ec) return self->close();
                        self->backlog_ -= written;
                        self->outbox_.pop_front();
                        if (!self->outbox_.empty()) {
                          self->write_next();
                        } else {
                          self->lowest().expires_never();
                        }
                      });
  }

  // After an answer that ends the connection: close the TLS session, then the socket.
  void shutdown() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      close();
    } else {
      lowest().expires_after(std::chrono::seconds(2));
      stream_.async_shutdown([self = this->shared_from_this()](const error_code&) { self->close(); });
    }
  }

  void close() noexcept {
    if (streaming_) {
      streaming_ = false;
      server_->streams.erase(this);
      if (lifetime_) lifetime_->cancel();
    }
    error_code ec;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
    lowest().close();
  }

  std::shared_ptr<Server::Impl> server_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  bool reading_header_ = false;
  bool streaming_ = false;
  bool writing_ = false;
  std::deque<std::string> outbox_;
  std::size_t backlog_ = 0;
  std::unique_ptr<asio::steady_timer> lifetime_;
};

}  // namespace

void Server::Impl::listen() {
  use_tls = start_listening(
      acceptor, ssl,
      {options.listen, options.tls_cert, options.tls_key, options.allow_plain, "127.0.0.1:8080", "passwords"});
  accept();
  beat();
}

void Server::Impl::accept() {
  accept_connections(
      acceptor, [self = shared_from_this()] { return self->closed; },
      [self = shared_from_this()](tcp::socket socket) {
        if (self->connections.size() >= self->options.max_connections) {
          error_code ignored;
          socket.close(ignored);
          return;
        }
        start_session<Session>(self, std::move(socket), self->use_tls ? &self->ssl : nullptr);
      });
}

// A comment line on every stream: a peer that went away without a word is found by the
// failed write, and proxies see traffic.
void Server::Impl::beat() {
  heartbeat.expires_after(options.heartbeat);
  heartbeat.async_wait([self = shared_from_this()](const error_code& ec) {
    if (ec || self->closed) return;
    auto open = self->streams;
    for (auto* stream : open) stream->send_event(": keep-alive\n\n");
    self->beat();
  });
}

std::string event_text(std::string_view event, std::string_view data) {
  std::string text;
  text.reserve(event.size() + data.size() + 16);
  text.append("event: ").append(event).append("\ndata: ").append(data).append("\n\n");
  return text;
}

Server::Server(asio::io_context& io, ServerOptions options) : impl_(std::make_shared<Impl>(io, std::move(options))) {
  impl_->listen();
}

Server::~Server() {
  close();
}

unsigned short Server::port() const noexcept {
  error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

bool Server::tls() const noexcept {
  return impl_->use_tls;
}

std::size_t Server::connections() const noexcept {
  return impl_->connections.size();
}

std::size_t Server::event_streams() const noexcept {
  return impl_->streams.size();
}

bool Server::publish(std::string_view event, std::string_view data) {
  if (event.find_first_of("\r\n") != std::string_view::npos || data.find_first_of("\r\n") != std::string_view::npos) {
    return false;
  }
  const auto text = event_text(event, data);
  auto open = impl_->streams;
  for (auto* stream : open) stream->send_event(text);
  return true;
}

void Server::close() noexcept {
  impl_->close();
}

}  // namespace loaxa::web
