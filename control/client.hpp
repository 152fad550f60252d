#pragma once
// A blocking client of loaxad's control socket, for the CLI and tests.
// Any thread; each call opens its own connection.

#include "control/protocol.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>

namespace loaxa::control {

class ClientError : public std::runtime_error {
 public:
  enum class Kind {
    not_running,    // no socket file, or nothing listening on it: loaxad is not running
    not_permitted,  // the socket is there but this user may not use it (not in group loaxa)
    timeout,        // no full answer within the timeout
    protocol,       // the answer is not a response, or the connection broke
  };
  ClientError(Kind kind, std::filesystem::path path, const std::string& what)
      : std::runtime_error(what), kind_(kind), path_(std::move(path)) {}
  Kind kind() const noexcept { return kind_; }
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  Kind kind_;
  std::filesystem::path path_;
};

inline constexpr std::chrono::milliseconds kDefaultTimeout{std::chrono::seconds(5)};

// Sends one request and waits for its answer, all within `timeout`. A daemon's refusal is a
// Response with an error, not an exception. Throws ClientError.
Response request(const std::filesystem::path& socket_path, const Request& request,
                 std::chrono::milliseconds timeout = kDefaultTimeout);

// The daemon's status; nullopt when loaxad is not running. Throws ClientError for the other
// failures (not permitted, timeout, protocol) and when the daemon answers with an error.
std::optional<DaemonStatus> query_status(const std::filesystem::path& socket_path,
                                         std::chrono::milliseconds timeout = kDefaultTimeout);

}  // namespace loaxa::control
