#pragma once
// The hub's HTTP API, protocol v1 (docs/HUB.md), without sockets: a request in, a status and
// a JSON body out. Authenticates (station, timestamp window, signature, nonce), then
// POST /api/v1/plays, /api/v1/heartbeat and /api/v1/plan. The server (server.hpp) only moves bytes.
//
// Thread safety: the thread that owns the HubStore. handle() never throws: a storage
// failure is a 500 with its detail.

#include "common/clock.hpp"
#include "hub/hub_store.hpp"
#include "hub/key_vault.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace loaxa::hub {

struct ApiRequest {
  std::string method;     // "POST"
  std::string target;     // "/api/v1/plays", signed as sent
  std::string station;    // X-Loaxa-Station
  std::string timestamp;  // X-Loaxa-Timestamp
  std::string nonce;      // X-Loaxa-Nonce
  std::string signature;  // X-Loaxa-Signature
  std::string body;
};

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON
};

struct ApiLimits {
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds clock_window{300};  // a timestamp further than this from the hub's clock is refused
  std::size_t max_plays_per_batch = 5000;
};

class Api {
 public:
  Api(HubStore& store, const KeyVault& vault, const Clock& clock, ApiLimits limits = {});

  ApiResponse handle(const ApiRequest& request);
  // Several requests answered at once (the server's group commit): each answer is the one
  // handle() gives, but the store's changes for all of them are made durable together, in
  // one transaction (HubStore::together) — one fsync instead of a few per request. Nothing is
  // acknowledged before that commit; when it fails, every answer is a 500 and nothing was kept.
  std::vector<ApiResponse> handle_together(const std::vector<ApiRequest>& requests);

  // {"error":{"kind":…,"detail":…}}
  static std::string error_body(const std::string& kind, const std::string& detail);

 private:
  ApiResponse handle_plays(const std::string& station, const std::string& body, Instant now);
  ApiResponse handle_heartbeat(const std::string& station, const std::string& body, Instant now);
  ApiResponse handle_plan(const std::string& station, const std::string& body, Instant now);

  HubStore& store_;
  const KeyVault& vault_;
  const Clock& clock_;
  ApiLimits limits_;
};

}  // namespace loaxa::hub
