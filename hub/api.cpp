#include "hub/api.hpp"

#include "schedules/civil_time.hpp"
#include "store/utc_text.hpp"
#include "wire/json_fields.hpp"
#include "wire/mandate_json.hpp"
#include "wire/plan_json.hpp"
#include "wire/signing.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace loaxa::hub {

// Protocol v1's shared parts (signing, the play's JSON), as the station uses them.
using namespace loaxa::wire;
namespace {

using nlohmann::json;

constexpr const char* kPlaysPath = "/api/v1/plays";
constexpr const char* kHeartbeatPath = "/api/v1/heartbeat";
constexpr const char* kPlanPath = "/api/v1/plan";
constexpr const char* kMandatesPath = "/api/v1/mandates";
constexpr const char* kMandateAudioPath = "/api/v1/mandate-audio";

// A mandate stays in a station's poll answer until this long after its last day, so a
// station off-line for a few days still learns of its end or its cancel.
constexpr std::chrono::days kMandateKeptAfterUntil{7};

ApiResponse refuse(int status, const std::string& kind, const std::string& detail) {
  return {status, Api::error_body(kind, detail)};
}

ApiResponse station_mismatch(const std::string& body_station, const std::string& station) {
  return refuse(401, "station_mismatch",
                "the body's station_id '" + body_station + "' is not the signer's '" + station + "'");
}

// The body's object and its station_id, which must be the signer's.
json parse_body(const std::string& body) {
  json value = json::parse(body, nullptr, false);
  if (value.is_discarded()) throw BodyError("malformed", "the body is not JSON");
  if (!value.is_object()) throw BodyError("wrong_type", "the body is not a JSON object");
  return value;
}

}  // namespace

Api::Api(HubStore& store, const KeyVault& vault, const Clock& clock, ApiLimits limits, MandateSetup mandates)
    : store_(store),
      vault_(vault),
      clock_(clock),
      limits_(limits),
      mandate_audio_(std::move(mandates.audio_dir)),
      zone_(mandates.time_zone) {}

std::string Api::error_body(const std::string& kind, const std::string& detail) {
  // The detail may quote what the client sent (a path, a station id), which need not be
  // UTF-8: such bytes are written as U+FFFD. A strict dump() threw there, and the request
  // was answered 500 "failed" instead of its 404 or 401 (found by fuzz/fuzz_hub_request).
  return json{{"error", {{"kind", kind}, {"detail", detail}}}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

PreparedRequest Api::prepare(ApiRequest request) const {
  PreparedRequest prepared;
  prepared.request = std::move(request);
  const auto& r = prepared.request;
  // Only a request whose headers are well formed: the rest is answered before its body is
  // read. The station and its signature are checked later, on the writer thread (they need
  // the store), so a stranger with well-formed headers can make the hub read a body it then
  // refuses 401 — about 12 µs per KiB here (rows and their chain hashes), within the body
  // limit and the connection limit; receiving the body already cost a part of that.
  if (r.method != "POST" || r.body.size() > limits_.max_body_bytes || r.station.empty() ||
      !parse_timestamp(r.timestamp) || !is_lower_hex(r.nonce, 32) || !is_lower_hex(r.signature, 64)) {
    return prepared;
  }
  prepared.body_sha256 = sha256_hex(r.body);
  if (r.target != kPlaysPath) return prepared;
  try {
    prepared.plays = read_plays_body(r.body, limits_.max_plays_per_batch);
  } catch (const std::exception&) {
    prepared.plays.reset();  // read again when handled, which answers as it always did
  }
  return prepared;
}

ApiResponse Api::handle(const ApiRequest& r) {
  PreparedRequest prepared;
  prepared.request = r;
  return handle(prepared);
}

ApiResponse Api::handle(const PreparedRequest& prepared) {
  const ApiRequest& r = prepared.request;
  try {
    const bool plays = r.target == kPlaysPath;
    const bool heartbeat = r.target == kHeartbeatPath;
    const bool plan = r.target == kPlanPath;
    const bool mandates = r.target == kMandatesPath;
    const bool mandate_audio = r.target == kMandateAudioPath;
    if (!plays && !heartbeat && !plan && !mandates && !mandate_audio) {
      return refuse(404, "not_found", "no such path: " + r.target);
    }
    if (r.method != "POST") return refuse(405, "method_not_allowed", r.target + " takes POST");
    if (r.body.size() > limits_.max_body_bytes) {
      return refuse(413, "too_large", "the body is over " + std::to_string(limits_.max_body_bytes) + " bytes");
    }

    // Authentication, cheapest first; the nonce is remembered only under a good signature,
    // so nobody can use up a station's nonces.
    if (r.station.empty() || r.timestamp.empty() || r.nonce.empty() || r.signature.empty()) {
      return refuse(401, "unauthenticated",
                    "X-Loaxa-Station, X-Loaxa-Timestamp, X-Loaxa-Nonce and X-Loaxa-Signature are required");
    }
    const auto timestamp = parse_timestamp(r.timestamp);
    if (!timestamp) return refuse(401, "bad_timestamp", "X-Loaxa-Timestamp is not Unix seconds");
    if (!is_lower_hex(r.nonce, 32)) return refuse(401, "bad_nonce", "X-Loaxa-Nonce is not 32 lowercase hex characters");
    if (!is_lower_hex(r.signature, 64)) {
      return refuse(401, "bad_signature", "X-Loaxa-Signature is not 64 lowercase hex characters");
    }
    const auto station = store_.find_station(r.station);
    if (!station) return refuse(401, "unknown_station", "no station '" + r.station + "' on this hub");
    if (!station->enabled) return refuse(401, "station_disabled", "station '" + r.station + "' is disabled");
    const Instant now = clock_.now();
    const auto sent = Instant{std::chrono::seconds(*timestamp)};
    const auto skew = sent > now ? sent - now : now - sent;
    if (skew > limits_.clock_window) {
      return refuse(401, "stale_timestamp",
                    "X-Loaxa-Timestamp is " +
                        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(skew).count()) +
                        " s from the hub's clock " + store::utc_text(now) + "; at most " +
                        std::to_string(limits_.clock_window.count()) + " s is taken");
    }
    const auto key = vault_.open_key(station->id, station->sealed_key);
    if (!key) return refuse(500, "failed", "the station's key cannot be opened with this hub's master key");
    const bool signed_right =
        prepared.body_sha256.empty()
            ? signature_matches(*key, r.method, r.target, r.timestamp, r.nonce, r.body, r.signature)
            : signature_matches_digest(*key, r.method, r.target, r.timestamp, r.nonce, prepared.body_sha256,
                                       r.signature);
    if (!signed_right) {
      return refuse(401, "bad_signature", "the signature does not match the request and the station's key");
    }
    // A nonce is kept for twice the window: a request older than the window is refused by
    // its timestamp, so an older nonce can no longer be replayed.
    if (!store_.remember_nonce(station->id, r.nonce, now, now - 2 * limits_.clock_window)) {
      return refuse(401, "replayed_nonce", "this nonce was already used");
    }
    if (plan) return handle_plan(station->id, r.body, now);
    if (mandates) return handle_mandates(station->id, *key, r, now);
    if (mandate_audio) return handle_mandate_audio(station->id, r.body, now);
    return plays ? handle_plays(station->id, prepared, now) : handle_heartbeat(station->id, r.body, now);
  } catch (const BodyError& e) {
    return refuse(400, e.kind, e.what());
  } catch (const std::exception& e) {
    return refuse(500, "failed", e.what());
  }
}

std::vector<ApiResponse> Api::handle_together(const std::vector<ApiRequest>& requests) {
  std::vector<PreparedRequest> prepared;
  prepared.reserve(requests.size());
  for (const auto& request : requests) prepared.push_back(prepare(request));
  return handle_prepared_together(prepared);
}

std::vector<ApiResponse> Api::handle_prepared_together(const std::vector<PreparedRequest>& requests) {
  std::vector<ApiResponse> answers;
  answers.reserve(requests.size());
  try {
    store_.together([&] {
      answers.clear();
      for (const auto& request : requests) answers.push_back(handle(request));
    });
  } catch (const std::exception& e) {
    answers.assign(requests.size(), refuse(500, "failed", std::string("the hub could not store it: ") + e.what()));
  }
  return answers;
}

ApiResponse Api::handle_plays(const std::string& station, const PreparedRequest& request, Instant now) {
  std::optional<PlaysBody> read_now;
  const PlaysBody& body = request.plays
                              ? *request.plays
                              : read_now.emplace(read_plays_body(request.request.body, limits_.max_plays_per_batch));
  if (body.bad_body) throw *body.bad_body;
  if (body.station_id != station) return station_mismatch(body.station_id, station);
  if (body.bad_plays) throw *body.bad_plays;
  const auto& rows = body.rows;
  store_.record_contact(station, now);
  const auto outcome = store_.append_plays(station, rows, now, body.chained);
  switch (outcome.kind) {
    case IngestOutcome::Kind::acked:
      return {200, json{{"acked_seq", outcome.acked_seq}}.dump()};
    case IngestOutcome::Kind::gap:
      return {409, json{{"error", {{"kind", "gap"}, {"detail", outcome.detail}}},
                        {"expected_seq", outcome.expected_seq},
                        {"acked_seq", outcome.acked_seq}}
                       .dump()};
    case IngestOutcome::Kind::conflict:
      return {409, json{{"error", {{"kind", "conflict"}, {"detail", outcome.detail}}},
                        {"seq", outcome.bad_seq},
                        {"acked_seq", outcome.acked_seq}}
                       .dump()};
  }
  return refuse(500, "failed", "unknown outcome");
}

ApiResponse Api::handle_heartbeat(const std::string& station, const std::string& body, Instant now) {
  const json value = parse_body(body);
  Fields fields(value, "body");
  fields.only({"station_id", "version", "uptime_s", "device", "next_occurrence", "clock_utc", "outbox_depth"});
  const std::string body_station = fields.text("station_id");
  if (body_station != station) return station_mismatch(body_station, station);
  Heartbeat h;
  h.version = fields.text("version");
  h.uptime_s = fields.integer("uptime_s", 0);
  h.device = fields.text("device");
  if (!fields.at("next_occurrence").is_null()) h.next_occurrence = fields.instant("next_occurrence");
  h.clock_utc = fields.instant("clock_utc");
  h.outbox_depth = fields.integer("outbox_depth", 0);
  h.received_at = now;
  store_.record_heartbeat(station, h);
  const auto held = store_.find_station(station);
  return {200, json{{"acked_seq", held ? held->acked_seq : 0}, {"hub_time", store::utc_text(now)}}.dump()};
}

ApiResponse Api::handle_plan(const std::string& station, const std::string& body, Instant now) {
  const PlanBody parsed = plan_from_json(body);
  if (parsed.station_id != station) return station_mismatch(parsed.station_id, station);
  store_.record_contact(station, now);
  store_.store_plan(station, parsed.plan, now);
  return {200, json{{"items", parsed.plan.items.size()}, {"hub_time", store::utc_text(now)}}.dump()};
}

ApiResponse Api::handle_mandates(const std::string& station, const std::vector<std::uint8_t>& key,
                                 const ApiRequest& request, Instant now) {
  const auto poll = poll_from_json(request.body);
  if (poll.station_id != station) return station_mismatch(poll.station_id, station);
  store_.record_contact(station, now);
  store_.record_mandate_reports(station, poll.reports);
  store_.record_heard(station, poll.heard);
  ApiResponse answer;
  answer.body = orders_to_json(store_.mandates_for_station(station, oldest_until_kept(now)));
  // Signed for this request's nonce: a forged or replayed list can neither add nor cancel.
  answer.headers.emplace_back("X-Loaxa-Response-Signature", response_signature(key, request.nonce, answer.body));
  return answer;
}

ApiResponse Api::handle_mandate_audio(const std::string& station, const std::string& body, Instant now) {
  const auto request = audio_request_from_json(body);
  if (request.station_id != station) return station_mismatch(request.station_id, station);
  const auto orders = store_.mandates_for_station(station, oldest_until_kept(now));
  const bool addressed = std::any_of(orders.begin(), orders.end(),
                                     [&](const store::MandateOrder& order) { return order.sha256 == request.sha256; });
  if (!addressed || mandate_audio_.empty()) {
    return refuse(404, "no_such_audio", "no mandate addressed to '" + station + "' has the audio " + request.sha256);
  }
  const auto file = mandate_audio_ / request.sha256;
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (!in || ec) return refuse(500, "failed", "the hub's copy of the audio " + request.sha256 + " cannot be read");
  const auto offset = static_cast<std::uintmax_t>(request.offset);
  if (offset > size) {
    return refuse(
        416, "bad_offset",
        "offset " + std::to_string(offset) + " is past the end of the audio (" + std::to_string(size) + " bytes)");
  }
  ApiResponse answer;
  answer.content_type = "application/octet-stream";
  answer.body.resize(static_cast<std::size_t>(std::min<std::uintmax_t>(size - offset, kAudioPieceBytes)));
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(answer.body.data(), static_cast<std::streamsize>(answer.body.size()));
  if (in.gcount() != static_cast<std::streamsize>(answer.body.size())) {
    return refuse(500, "failed", "the hub's copy of the audio " + request.sha256 + " ended early");
  }
  return answer;
}

schedules::LocalDate Api::oldest_until_kept(Instant now) const {
  const auto today = std::chrono::floor<std::chrono::days>(zone_.to_local(now));
  return schedules::LocalDate{std::chrono::sys_days{today.time_since_epoch()} - kMandateKeptAfterUntil};
}

}  // namespace loaxa::hub
