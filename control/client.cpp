#include "control/client.hpp"

#include "common/fd.hpp"

#include <fmt/format.h>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace loaxa::control {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(ClientError::Kind kind, const std::filesystem::path& path, const std::string& what) {
  throw ClientError(kind, path, what);
}

// Waits until `fd` is ready for `events` or the deadline passes.
void wait_for(int fd, short events, Clock::time_point deadline, const std::filesystem::path& path) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) fail(ClientError::Kind::timeout, path, "loaxad did not answer in time");
    pollfd p{fd, events, 0};
    int rc = ::poll(&p, 1, static_cast<int>(left.count()));
    if (rc > 0) return;
    if (rc < 0 && errno != EINTR) fail(ClientError::Kind::protocol, path, std::strerror(errno));
  }
}

}  // namespace

Response request(const std::filesystem::path& socket_path, const Request& request, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  sockaddr_un address{};
  if (socket_path.native().size() >= sizeof(address.sun_path)) {
    fail(ClientError::Kind::not_running, socket_path, "the socket path is too long");
  }
  Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) fail(ClientError::Kind::protocol, socket_path, std::strerror(errno));
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_path.c_str(), sizeof(address.sun_path) - 1);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    int e = errno;
    if (e == EACCES || e == EPERM) fail(ClientError::Kind::not_permitted, socket_path, std::strerror(e));
    if (e == ENOENT || e == ECONNREFUSED || e == ENOTDIR) {
      fail(ClientError::Kind::not_running, socket_path, std::strerror(e));
    }
    fail(ClientError::Kind::protocol, socket_path, std::strerror(e));
  }

  std::string line = encode_request(request) + '\n';
  std::size_t sent = 0;
  while (sent < line.size()) {
    wait_for(fd.get(), POLLOUT, deadline, socket_path);
    auto n = ::send(fd.get(), line.data() + sent, line.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      fail(ClientError::Kind::protocol, socket_path, std::strerror(errno));
    }
    sent += static_cast<std::size_t>(n);
  }

  std::string answer;
  char chunk[4096];
  for (;;) {
    auto newline = answer.find('\n');
    if (newline != std::string::npos) {
      answer.resize(newline);
      break;
    }
    if (answer.size() > kMaxLineBytes) fail(ClientError::Kind::protocol, socket_path, "the answer is too long");
    wait_for(fd.get(), POLLIN, deadline, socket_path);
    auto n = ::recv(fd.get(), chunk, sizeof(chunk), MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      fail(ClientError::Kind::protocol, socket_path, std::strerror(errno));
    }
    if (n == 0) fail(ClientError::Kind::protocol, socket_path, "loaxad closed the connection without answering");
    answer.append(chunk, static_cast<std::size_t>(n));
  }
  auto parsed = parse_response(answer);
  if (auto* e = std::get_if<Error>(&parsed)) fail(ClientError::Kind::protocol, socket_path, e->detail);
  return std::get<Response>(std::move(parsed));
}

std::optional<DaemonStatus> query_status(const std::filesystem::path& socket_path, std::chrono::milliseconds timeout) {
  Response response;
  try {
    response = request(socket_path, Request{Command::status, 0, std::nullopt}, timeout);
  } catch (const ClientError& e) {
    if (e.kind() == ClientError::Kind::not_running) return std::nullopt;
    throw;
  }
  if (response.error) {
    throw ClientError(ClientError::Kind::protocol, socket_path,
                      fmt::format("loaxad refused status: {}", response.error->detail));
  }
  if (!response.status) throw ClientError(ClientError::Kind::protocol, socket_path, "the answer has no status");
  return std::move(response.status);
}

}  // namespace loaxa::control
