#pragma once
// The hub's HTTP API, protocol v1 (docs/HUB.md), without sockets: a request in, a status and
// a body out (JSON, or a piece of a mandate's audio). Authenticates (station, timestamp
// window, signature, nonce), then POST /api/v1/plays, /api/v1/heartbeat, /api/v1/plan, and the
// district bulletins' /api/v1/mandates and /api/v1/mandate-audio (docs/MANDATES.md). The
// server (server.hpp) only moves bytes.
//
// Thread safety: handle() and handle_together() on the thread that owns the HubStore (the
// server's writer thread); prepare() on any thread, at the same time (it reads no store).
// handle() never throws: a storage failure is a 500 with its detail.

#include "common/clock.hpp"
#include "hub/hub_store.hpp"
#include "hub/key_vault.hpp"
#include "hub/plays_body.hpp"
#include "schedules/time_zone.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
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
  std::string body;  // JSON, unless content_type says otherwise
  std::string content_type = "application/json";
  // Headers the answer carries besides the server's own (X-Loaxa-Response-Signature).
  std::vector<std::pair<std::string, std::string>> headers = {};
};

// A request with what can be read from it before the store is reached (Api::prepare): the
// server prepares a group on its event-loop thread while its writer thread stores the one
// before. Answers are the same as for the bare request.
struct PreparedRequest {
  ApiRequest request;
  std::optional<PlaysBody> plays;  // a plays request's body, read ahead (none: read when handled)
  std::string body_sha256;         // hex(SHA-256(body)) for the signature (empty: hashed when handled)
};

struct ApiLimits {
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds clock_window{300};  // a timestamp further than this from the hub's clock is refused
  std::size_t max_plays_per_batch = 5000;
};

// The district bulletins' side (docs/MANDATES.md): where their audio lives (HubHome::mandates(),
// mandates/<sha256>) and the zone their dates are counted in.
struct MandateSetup {
  std::filesystem::path audio_dir;  // empty: no audio is served (404 no_such_audio)
  std::string time_zone{schedules::TimeZone::default_name};
};

class Api {
 public:
  // Throws ScheduleError{unknown_time_zone} for a zone zoneinfo does not have.
  Api(HubStore& store, const KeyVault& vault, const Clock& clock, ApiLimits limits = {}, MandateSetup mandates = {});

  ApiResponse handle(const ApiRequest& request);
  ApiResponse handle(const PreparedRequest& request);
  // The work on a request that needs no store: reading a plays body and its rows' chain
  // hashes. Reads only the limits; skipped for a request refused before its body is read.
  PreparedRequest prepare(ApiRequest request) const;
  // Several requests answered at once (the server's group commit): each answer is the one
  // handle() gives, but the store's changes for all of them are made durable together, in
  // one transaction (HubStore::together) — one fsync instead of a few per request. Nothing is
  // acknowledged before that commit; when it fails, every answer is a 500 and nothing was kept.
  std::vector<ApiResponse> handle_together(const std::vector<ApiRequest>& requests);
  std::vector<ApiResponse> handle_prepared_together(const std::vector<PreparedRequest>& requests);

  // {"error":{"kind":…,"detail":…}}
  static std::string error_body(const std::string& kind, const std::string& detail);

 private:
  ApiResponse handle_plays(const std::string& station, const PreparedRequest& request, Instant now);
  ApiResponse handle_heartbeat(const std::string& station, const std::string& body, Instant now);
  ApiResponse handle_plan(const std::string& station, const std::string& body, Instant now);
  // docs/MANDATES.md: the poll (its answer signed with the station's key for the request's
  // nonce) and a piece of a mandate's audio.
  ApiResponse handle_mandates(const std::string& station, const std::vector<std::uint8_t>& key,
                              const ApiRequest& request, Instant now);
  ApiResponse handle_mandate_audio(const std::string& station, const std::string& body, Instant now);
  // The oldest `until` of a mandate still sent to a station: a week before today, in zone_.
  schedules::LocalDate oldest_until_kept(Instant now) const;

  HubStore& store_;
  const KeyVault& vault_;
  const Clock& clock_;
  ApiLimits limits_;
  std::filesystem::path mandate_audio_;
  schedules::TimeZone zone_;
};

}  // namespace loaxa::hub
