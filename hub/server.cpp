#include "hub/server.hpp"

#include "hub/api.hpp"
#include "hub/ingest_writer.hpp"
#include "hub/request_fields.hpp"
#include "web/listen_address.hpp"
#include "web/listener.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <deque>
#include <functional>
#include <set>
#include <vector>

namespace loaxa::hub {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

}  // namespace

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  virtual void close_if_idle() noexcept = 0;
};

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(asio::io_context& io_context, const ServerOptions& o, Api& a)
      : io(io_context), options(o), api(&a), acceptor(io_context), ssl(asio::ssl::context::tls_server) {}

  void listen();
  void accept();

  // Group commit on a writer thread (ingest_writer.hpp): the requests read since the last
  // flush are prepared here (their plays read, their chain hashes computed: no store) and
  // handed over; the writer answers everything handed over since its last commit together,
  // in one transaction (Api::handle_prepared_together), so concurrent stations share an
  // fsync, and meanwhile this thread reads and prepares the next requests. Nothing is
  // answered before the commit that keeps it.
  void submit(ApiRequest request, std::function<void(ApiResponse)> answer) {
    if (api == nullptr) {
      answer({503, Api::error_body("refused", "loaxa-hub is shutting down")});
      return;
    }
    waiting.push_back({std::move(request), std::move(answer)});
    if (flush_posted) return;
    flush_posted = true;
    // Posted, not run: the reads already completed in this turn of the loop join the group.
    asio::post(io, [self = shared_from_this()] { self->flush(); });
  }

  void flush() {
    flush_posted = false;
    auto group = std::move(waiting);
    waiting.clear();
    if (api == nullptr) {
      for (auto& w : group) w.answer({503, Api::error_body("refused", "loaxa-hub is shutting down")});
      return;
    }
    std::vector<PreparedRequest> prepared;
    prepared.reserve(group.size());
    for (auto& w : group) {
      prepared.push_back(api->prepare(std::move(w.request)));
      answering.push_back(std::move(w.answer));
    }
    // The io_context keeps running (io.run() does not return) until these are answered.
    if (!in_flight) in_flight.emplace(io.get_executor());
    writer->hand_over(std::move(prepared));
  }

  // On this thread, the writer's answers for the oldest requests handed over, in order.
  void answer(std::vector<ApiResponse> answers) {
    for (auto& response : answers) {
      auto reply = std::move(answering.front());
      answering.pop_front();
      reply(std::move(response));
    }
    if (answering.empty()) in_flight.reset();
  }

  void close() noexcept {
    if (closed) return;
    closed = true;
    error_code ec;
    acceptor.close(ec);
    auto open = sessions;
    for (auto* session : open) session->close_if_idle();
  }

  asio::io_context& io;
  ServerOptions options;
  Api* api;
  tcp::acceptor acceptor;
  asio::ssl::context ssl;
  bool use_tls = false;
  std::set<SessionBase*> sessions;
  bool closed = false;
  struct Waiting {
    ApiRequest request;
    std::function<void(ApiResponse)> answer;
  };
  std::vector<Waiting> waiting;
  bool flush_posted = false;
  // Handed to the writer, not yet answered: their sessions' replies, oldest first.
  std::deque<std::function<void(ApiResponse)>> answering;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> in_flight;
  std::unique_ptr<IngestWriter> writer;
};

namespace {

// One connection: requests in turn (keep-alive), each with its own deadline.
template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(std::shared_ptr<Server::Impl> server, Stream stream)
      : server_(std::move(server)), stream_(std::move(stream)) {
    server_->sessions.insert(this);
  }
  ~Session() override { server_->sessions.erase(this); }

  void start() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      read();
    } else {
      lowest().expires_after(server_->options.request_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server, [self = this->shared_from_this()](const error_code& ec) {
        if (ec) {
          self->close();
          return;
        }
        self->read();
      });
    }
  }

  void close_if_idle() noexcept override {
    if (reading_) close();
  }

 private:
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  void read() {
    if (server_->closed) {
      close();
      return;
    }
    parser_.emplace();
    parser_->body_limit(server_->options.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(server_->options.max_header_bytes));
    reading_ = true;
    lowest().expires_after(server_->options.request_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](const error_code& ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(const error_code& ec) {
    reading_ = false;
    if (ec == http::error::body_limit) {
      respond(413,
              Api::error_body("too_large",
                              "the body is over " + std::to_string(server_->options.max_body_bytes) + " bytes"),
              false, "", "", "");
      return;
    }
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::eof || ec == asio::error::connection_reset) {
      close();
      return;
    }
    if (ec) {
      // Not HTTP, a bad Content-Length, headers over the limit: answer and close, since the
      // rest of the stream cannot be trusted to start a request.
      respond(400, Api::error_body("bad_request", "the request is not valid HTTP/1.1: " + ec.message()), false, "", "",
              "");
      return;
    }
    auto request = parser_->release();
    if (server_->options.web && !is_api(request.target())) {
      web(std::move(request));
      return;
    }
    ApiRequest api_request = api_request_from(request);
    const bool keep_alive = request.keep_alive();
    auto method = api_request.method;
    auto target = api_request.target;
    auto station = api_request.station;
    server_->submit(std::move(api_request),
                    [self = this->shared_from_this(), keep_alive, method = std::move(method),
                     target = std::move(target), station = std::move(station)](ApiResponse response) {
                      self->respond(response.status, std::move(response.body), keep_alive && !self->server_->closed,
                                    method, target, station, response.content_type, response.headers);
                    });
  }

  static bool is_api(beast::string_view target) { return target.starts_with("/api/"); }

  // A web page's request (outside /api/): handed to the options' `web` handler, which may
  // answer later (a login's password check runs off this thread and is posted back).
  void web(http::request<http::string_body> request) {
    const bool keep_alive = request.keep_alive();
    std::string method(request.method_string());
    std::string target(request.target());
    web::WebRequest web_request;
    web_request.method = method;
    web_request.target = target;
    web_request.host = std::string(request[http::field::host]);
    web_request.origin = std::string(request[http::field::origin]);
    web_request.cookie = std::string(request[http::field::cookie]);
    web_request.content_type = std::string(request[http::field::content_type]);
    web_request.body = std::move(request.body());
    error_code ec;
    const auto peer = lowest().socket().remote_endpoint(ec);
    if (!ec) web_request.client_address = peer.address().to_string();
    web_request.tls = !std::is_same_v<Stream, beast::tcp_stream>;
    server_->options.web(std::move(web_request), [self = this->shared_from_this(), keep_alive, method,
                                                  target](web::WebResponse response) {
      self->respond(response.status, std::move(response.body), keep_alive && !self->server_->closed, method, target, "",
                    response.content_type, response.headers);
    });
  }

  void respond(int status, std::string body, bool keep_alive, const std::string& method, const std::string& target,
               const std::string& station, const std::string& content_type = "application/json",
               const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    if (server_->options.on_request) server_->options.on_request(method, target, station, status);
    response_ = {};
    response_.version(11);
    response_.result(static_cast<http::status>(status));
    response_.set(http::field::server, "loaxa-hub");
    response_.set(http::field::content_type, content_type);
    response_.set(http::field::cache_control, "no-store");
    for (const auto& [name, value] : headers) {
      if (beast::iequals(name, "Cache-Control")) {
        response_.set(http::field::cache_control, value);
      } else {
        response_.insert(name, value);
      }
    }
    response_.body() = std::move(body);
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    lowest().expires_after(server_->options.request_timeout);
    http::async_write(stream_, response_,
                      [self = this->shared_from_this(), keep_alive](const error_code& ec, std::size_t) {
                        if (ec || !keep_alive) {
                          self->shutdown();
                          return;
                        }
                        self->read();
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
    error_code ec;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
    lowest().close();
  }

  std::shared_ptr<Server::Impl> server_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  bool reading_ = false;
};

}  // namespace

std::pair<std::string, unsigned short> split_listen(const std::string& listen) {
  auto parts = web::split_listen(listen);
  if (!parts) {
    throw ServerError(ServerError::Kind::bad_address, "'" + listen + "' is not ADDRESS:PORT (e.g. 0.0.0.0:8443)");
  }
  return *parts;
}

void Server::Impl::listen() {
  use_tls = web::start_listening(acceptor, ssl,
                                 {options.listen, options.tls_cert, options.tls_key, options.allow_plain,
                                  "0.0.0.0:8443", "keys' signatures and logs"});
  accept();
}

void Server::Impl::accept() {
  web::accept_connections(
      acceptor, [self = shared_from_this()] { return self->closed; },
      [self = shared_from_this()](tcp::socket socket) {
        if (self->sessions.size() >= self->options.max_connections) {
          error_code ignored;
          socket.close(ignored);
          return;
        }
        web::start_session<Session>(self, std::move(socket), self->use_tls ? &self->ssl : nullptr);
      });
}

Server::Server(asio::io_context& io, const ServerOptions& options, Api& api)
    : impl_(std::make_shared<Impl>(io, options, api)) {
  impl_->listen();
  // The writer's answers come back to this io_context; Impl outlives the writer (joined in
  // ~Server, before impl_ goes), and answers only arrive while requests are in flight, which
  // hold Impl through their sessions.
  Impl* impl = impl_.get();
  impl_->writer = std::make_unique<IngestWriter>(api, [impl](std::vector<ApiResponse> answers) {
    asio::post(impl->io, [impl, answers = std::move(answers)]() mutable { impl->answer(std::move(answers)); });
  });
}

Server::~Server() {
  close();
  impl_->writer.reset();  // finishes what it was handed, then joins
  impl_->api = nullptr;
}

unsigned short Server::port() const noexcept {
  error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

bool Server::tls() const noexcept {
  return impl_->use_tls;
}

std::size_t Server::connections() const noexcept {
  return impl_->sessions.size();
}

void Server::close() noexcept {
  impl_->close();
}

}  // namespace loaxa::hub
