#include "control/server.hpp"

#include "control/protocol.hpp"

#include <fmt/format.h>
#include <boost/asio/buffers_iterator.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <pwd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <string>
#include <vector>

namespace loaxa::control {
namespace {

namespace asio = boost::asio;
using stream = asio::local::stream_protocol;
using boost::system::error_code;

// Whether a process accepts connections on the socket file `path`.
bool someone_answers(const std::filesystem::path& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return false;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
  // EAGAIN: the listener's backlog is full, so there is a listener.
  bool answers = rc == 0 || errno == EAGAIN || errno == EINPROGRESS;
  ::close(fd);
  return answers;
}

void prepare_path(const std::filesystem::path& path) {
  if (path.native().size() >= sizeof(sockaddr_un::sun_path)) {
    throw ServerError(ServerError::Kind::path_too_long, path,
                      fmt::format("the control socket path {} is longer than {} bytes", path.string(),
                                  sizeof(sockaddr_un::sun_path) - 1));
  }
  std::error_code ec;
  auto status = std::filesystem::symlink_status(path, ec);
  if (ec || !std::filesystem::exists(status)) return;
  if (!std::filesystem::is_socket(status)) {
    throw ServerError(ServerError::Kind::not_a_socket, path,
                      fmt::format("{} exists and is not a socket; it was left alone", path.string()));
  }
  if (someone_answers(path)) {
    throw ServerError(ServerError::Kind::in_use, path,
                      fmt::format("another loaxad already answers on {}", path.string()));
  }
  std::filesystem::remove(path, ec);
}

// The user on the other end of a Unix socket, from the kernel's credentials (SO_PEERCRED):
// what the as-run log names as who asked for an emergency. "uid N" when the user has no
// name; empty when the kernel will not say.
std::string peer_user(int fd) {
  ucred credentials{};
  socklen_t size = sizeof credentials;
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &size) != 0) return {};
  std::vector<char> buffer(4096);
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwuid_r(credentials.uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr) {
    return found->pw_name;
  }
  return "uid " + std::to_string(credentials.uid);
}

}  // namespace

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(std::shared_ptr<Server::Impl> server, stream::socket socket);
  void start() { read(); }
  // Called by close(): a connection waiting for a request is closed, one writing finishes.
  void close_when_idle() noexcept;
  void close() noexcept;

 private:
  void read();
  void on_read(const error_code& ec, std::size_t length);
  void write(std::string line, bool then_close);
  void arm_deadline();

  std::shared_ptr<Server::Impl> server_;
  stream::socket socket_;
  asio::steady_timer deadline_;
  asio::streambuf buffer_{kMaxLineBytes + 1};
  std::string out_;
  bool reading_ = false;
  std::uint64_t generation_ = 0;
  std::string peer_user_;  // read once, at accept
};

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(asio::io_context& io_context, std::filesystem::path socket_path, Handler& h, Options o)
      : io(io_context), path(std::move(socket_path)), handler(&h), options(o), acceptor(io_context) {}

  void listen() {
    prepare_path(path);
    error_code ec;
    acceptor.open(stream(), ec);
    if (!ec) acceptor.bind(stream::endpoint(path.string()), ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      throw ServerError(ServerError::Kind::io, path,
                        fmt::format("cannot listen on {}: {}", path.string(), ec.message()));
    }
    std::error_code fs_ec;
    std::filesystem::permissions(path,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                     std::filesystem::perms::group_read | std::filesystem::perms::group_write,
                                 fs_ec);
    if (fs_ec) {
      acceptor.close(ec);
      std::filesystem::remove(path, fs_ec);
      throw ServerError(ServerError::Kind::io, path, fmt::format("cannot set the mode of {}", path.string()));
    }
    accept();
  }

  void accept() {
    acceptor.async_accept([self = shared_from_this()](const error_code& ec, stream::socket socket) {
      if (self->closed) return;
      if (ec) {
        if (ec == asio::error::operation_aborted) return;
        // Out of descriptors or similar: try again shortly rather than spin.
        auto timer = std::make_shared<asio::steady_timer>(self->io, std::chrono::milliseconds(200));
        timer->async_wait([self, timer](const error_code&) {
          if (!self->closed) self->accept();
        });
        return;
      }
      if (self->connections.size() >= self->options.max_connections) {
        error_code ignored;
        socket.close(ignored);
      } else {
        auto connection = std::make_shared<Connection>(self, std::move(socket));
        self->connections.insert(connection.get());
        connection->start();
      }
      self->accept();
    });
  }

  void close() noexcept {
    if (closed) return;
    closed = true;
    error_code ec;
    acceptor.close(ec);
    std::error_code fs_ec;
    std::filesystem::remove(path, fs_ec);
    // Copy: closing may end a connection, which removes itself from the set.
    auto open = connections;
    for (auto* connection : open) connection->close_when_idle();
  }

  asio::io_context& io;
  std::filesystem::path path;
  Handler* handler;  // null once the Server is gone
  Options options;
  stream::acceptor acceptor;
  std::set<Connection*> connections;
  bool closed = false;
};

Connection::Connection(std::shared_ptr<Server::Impl> server, stream::socket socket)
    : server_(std::move(server)),
      socket_(std::move(socket)),
      deadline_(server_->io),
      peer_user_(peer_user(socket_.native_handle())) {}

void Connection::arm_deadline() {
  auto generation = ++generation_;
  deadline_.expires_after(server_->options.idle_timeout);
  deadline_.async_wait([self = shared_from_this(), generation](const error_code& ec) {
    if (!ec && generation == self->generation_) self->close();
  });
}

void Connection::read() {
  if (server_->closed || !socket_.is_open()) {
    close();
    return;
  }
  reading_ = true;
  arm_deadline();
  asio::async_read_until(socket_, buffer_, '\n', [self = shared_from_this()](const error_code& ec, std::size_t length) {
    self->on_read(ec, length);
  });
}

void Connection::on_read(const error_code& ec, std::size_t length) {
  reading_ = false;
  ++generation_;
  deadline_.cancel();
  if (ec == asio::error::not_found) {
    // The buffer filled without a newline: answer, then close, as the rest of the line
    // cannot be told from the next request.
    Response response;
    response.error = Error{ErrorKind::too_long, fmt::format("the line is longer than {} bytes", kMaxLineBytes)};
    write(encode_response(response), true);
    return;
  }
  if (ec) {
    close();
    return;
  }
  auto begin = asio::buffers_begin(buffer_.data());
  std::string line(begin, begin + static_cast<std::ptrdiff_t>(length - 1));
  buffer_.consume(length);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) {
    read();
    return;
  }
  if (server_->closed || server_->handler == nullptr) {
    Response response;
    response.error = Error{ErrorKind::refused, "loaxad is shutting down"};
    auto parsed = parse_request(line);
    response.id = parsed.id;
    write(encode_response(response), true);
    return;
  }
  std::string reply;
  try {
    reply = answer(line, *server_->handler, peer_user_);
  } catch (const std::exception&) {
    close();  // out of memory: drop this client, keep the daemon
    return;
  }
  write(std::move(reply), false);
}

void Connection::write(std::string line, bool then_close) {
  out_ = std::move(line);
  out_ += '\n';
  arm_deadline();
  asio::async_write(socket_, asio::buffer(out_),
                    [self = shared_from_this(), then_close](const error_code& ec, std::size_t) {
                      ++self->generation_;
                      self->deadline_.cancel();
                      if (ec || then_close) {
                        self->close();
                      } else {
                        self->read();
                      }
                    });
}

void Connection::close_when_idle() noexcept {
  if (reading_) close();
}

void Connection::close() noexcept {
  ++generation_;
  error_code ec;
  deadline_.cancel();
  socket_.shutdown(asio::socket_base::shutdown_both, ec);
  socket_.close(ec);
  server_->connections.erase(this);
}

Server::Server(asio::io_context& io, std::filesystem::path path, Handler& handler)
    : Server(io, std::move(path), handler, Options{}) {}

Server::Server(asio::io_context& io, std::filesystem::path path, Handler& handler, Options options)
    : impl_(std::make_shared<Impl>(io, std::move(path), handler, options)) {
  impl_->listen();
}

Server::~Server() {
  close();
  impl_->handler = nullptr;
}

void Server::close() noexcept {
  impl_->close();
}

const std::filesystem::path& Server::path() const noexcept {
  return impl_->path;
}

std::size_t Server::connections() const noexcept {
  return impl_->connections.size();
}

}  // namespace loaxa::control
