#include "hub_client.hpp"

#include "wire/signing.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace loaxa::hub::test {

// Protocol v1's shared parts (signing, the play's JSON), as the station uses them.
using namespace loaxa::wire;

std::string signed_request(const std::string& station, const std::string& key_hex, const std::string& path,
                           const std::string& body, std::optional<std::int64_t> timestamp,
                           std::optional<std::string> nonce) {
  const auto key = *from_hex(key_hex, 32);
  const auto ts = std::to_string(timestamp.value_or(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count()));
  const auto n = nonce.value_or(to_hex(random_bytes(16)));
  const auto signature = sign_request(key, "POST", path, ts, n, body);
  return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n" +
         "X-Loaxa-Station: " + station + "\r\nX-Loaxa-Timestamp: " + ts + "\r\nX-Loaxa-Nonce: " + n +
         "\r\nX-Loaxa-Signature: " + signature + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         body;
}

int connect_local(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("connect failed");
  }
  return fd;
}

std::optional<std::string> read_until_closed(int fd, std::chrono::milliseconds timeout) {
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buffer[4096];
    const auto got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) return out;  // closed (or reset)
    out.append(buffer, static_cast<std::size_t>(got));
  }
}

HttpResponse parse_response(const std::string& raw) {
  HttpResponse response;
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || raw.size() < 12) return response;
  response.status = std::stoi(raw.substr(9, 3));
  const auto end = raw.find("\r\n\r\n");
  if (end != std::string::npos) response.body = raw.substr(end + 4);
  return response;
}

HttpResponse exchange(unsigned short port, const std::string& raw, std::chrono::milliseconds timeout) {
  const int fd = connect_local(port);
  std::size_t sent = 0;
  while (sent < raw.size()) {
    const auto n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the hub stopped reading (e.g. a body over the limit)
    sent += static_cast<std::size_t>(n);
  }
  const auto answer = read_until_closed(fd, timeout);
  ::close(fd);
  return answer ? parse_response(*answer) : HttpResponse{};
}

}  // namespace loaxa::hub::test
