#pragma once
// How the sync reaches the hub: one signed POST, one answer. The real transport is HTTP(S)
// over Boost.Beast on the daemon's event loop (beast_transport.hpp); tests give a fake that
// answers as a hub would, or fails like a bad network.
//
// Thread safety: the event-loop thread; the handler is called there, exactly once.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace loaxa::sync {

struct HubRequest {
  std::string path;  // "/api/v1/plays"
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // the signature's headers
};

struct HubResponse {
  int status = 0;
  std::string body;
  // The answer's headers (the hub's signature on an answer that orders the station).
  std::vector<std::pair<std::string, std::string>> headers;
};

// The answer, or nullopt and why not (no route, refused, timed out, TLS trouble).
using ResponseHandler = std::function<void(std::optional<HubResponse> response, std::string error)>;

class Transport {
 public:
  virtual ~Transport() = default;
  virtual void post(HubRequest request, ResponseHandler done) = 0;
  // Abandons the request in flight (its handler is called with an error, or not at all once
  // the loop stops).
  virtual void cancel() noexcept = 0;
};

}  // namespace loaxa::sync
