#pragma once
// A station's side of protocol v1 for tests: signed requests written byte by byte on a
// plain socket, so a test can also send what no honest client would (a slow request, a
// wrong Content-Length, a body over the limit).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::hub::test {

struct HttpResponse {
  int status = 0;  // 0: the connection closed without an answer
  std::string body;
};

// "POST PATH HTTP/1.1" with the X-Loaxa-* headers signed under `key_hex`, Connection: close.
std::string signed_request(const std::string& station, const std::string& key_hex, const std::string& path,
                           const std::string& body, std::optional<std::int64_t> timestamp = std::nullopt,
                           std::optional<std::string> nonce = std::nullopt);

// A connected TCP socket to 127.0.0.1:port. Throws std::runtime_error.
int connect_local(unsigned short port);

// Sends `raw` (what the peer refuses to read is ignored), then reads until the peer closes
// or `timeout` passes, and parses the answer.
HttpResponse exchange(unsigned short port, const std::string& raw,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10));
// Reads what comes on `fd` until it closes or `timeout`; returns it, or nullopt on timeout.
std::optional<std::string> read_until_closed(int fd, std::chrono::milliseconds timeout);
HttpResponse parse_response(const std::string& raw);

}  // namespace loaxa::hub::test
