// The district bulletins' API without sockets (docs/MANDATES.md): a station's poll records
// its reports and heard %, and is answered with its mandates under the hub's signature for
// that request's nonce; a mandate's audio comes in pieces from an offset, only to a station
// it is addressed to.

#include "hub/api.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "mandate_fixture.hpp"
#include "store/utc_text.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"
#include "wire/mandate_json.hpp"
#include "wire/signing.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>

using namespace loaxa;
using namespace loaxa::hub;
using namespace loaxa::hub::test;
using namespace loaxa::wire;
using namespace std::chrono;

namespace {

const schedules::TimeZone kVietnam{schedules::TimeZone::default_name};

// 2.5 MiB of noise: three pieces (1 MiB, 1 MiB, 0.5 MiB).
std::string audio_bytes() {
  std::mt19937 random(7);
  std::string bytes(kAudioPieceBytes * 5 / 2, '\0');
  for (auto& byte : bytes) byte = static_cast<char>(random() & 0xff);
  return bytes;
}

struct Hub {
  loaxa::test::TempDir dir;
  SqliteHubStore store{dir / "hub.db"};
  KeyVault vault{random_bytes(32)};
  // 10 January 2027, 10:00 in Vietnam.
  ManualClock clock{store::parse_utc_text("2027-01-10T03:00:00.000Z")};
  Api api{store, vault, clock, ApiLimits{}, MandateSetup{dir / "mandates"}};
  std::map<std::string, std::vector<std::uint8_t>> keys;
  std::string audio = audio_bytes();
  std::string sha256 = sha256_hex(audio);

  Hub() {
    add("xa-moi");
    add("xa-khac");
    std::filesystem::create_directories(dir / "mandates");
    loaxa::test::write_bytes(dir / "mandates" / sha256, audio);
  }

  void add(const std::string& id) {
    Station s;
    s.id = id;
    s.name = id;
    s.created_at = clock.now();
    keys[id] = random_bytes(32);
    s.sealed_key = vault.seal(id, keys[id]);
    store.add_station(s);
  }

  ApiRequest request(const std::string& station, const std::string& path, const std::string& body) {
    ApiRequest r;
    r.method = "POST";
    r.target = path;
    r.station = station;
    r.timestamp = std::to_string(duration_cast<seconds>(clock.now().time_since_epoch()).count());
    r.nonce = to_hex(random_bytes(16));
    r.body = body;
    r.signature = sign_request(keys.at(station), r.method, r.target, r.timestamp, r.nonce, r.body);
    return r;
  }

  ApiResponse piece(const std::string& station, std::int64_t offset, const std::string& sha = "") {
    AudioRequest a;
    a.station_id = station;
    a.sha256 = sha.empty() ? sha256 : sha;
    a.offset = offset;
    return api.handle(request(station, "/api/v1/mandate-audio", audio_request_to_json(a)));
  }
};

std::string kind_of(const ApiResponse& response) {
  return nlohmann::json::parse(response.body)["error"]["kind"];
}

std::optional<std::string> header(const ApiResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

MandatePoll poll_of(const std::string& station) {
  MandatePoll poll;
  poll.station_id = station;
  return poll;
}

}  // namespace

TEST_CASE("a station's poll records its reports and heard %, and its answer is signed for the request's nonce",
          "[hub][mandate][api]") {
  Hub hub;
  auto ending = vneid_mandate({"xa-moi"});
  ending.order.terms.from = schedules::parse_date("2026-12-20");
  ending.order.terms.until = schedules::parse_date("2027-01-03");  // a week before today: still sent
  auto ended = ending;
  ended.order.terms.until = schedules::parse_date("2027-01-02");  // more than a week ago: no longer sent
  const auto id = hub.store.add_mandate(vneid_mandate({"xa-moi", "xa-khac"}, hub.sha256, 100));
  const auto cancelled = hub.store.add_mandate(vneid_mandate({"xa-moi"}));
  hub.store.cancel_mandate(cancelled, hub.clock.now());
  const auto still_sent = hub.store.add_mandate(ending);
  hub.store.add_mandate(ended);
  const auto others = hub.store.add_mandate(vneid_mandate({"xa-khac"}));
  REQUIRE(hub.store
              .append_plays("xa-moi",
                            airings_log({{"2027-01-05T00:00:00.000Z", store::PlayStatus::completed, id},
                                         {"2027-01-06T00:00:00.000Z", store::PlayStatus::completed, {}}}),
                            hub.clock.now())
              .acked_seq == 2);

  auto poll = poll_of("xa-moi");
  MandateReport received;
  received.mandate_id = id;
  received.state = MandateState::received;
  received.at = store::parse_utc_text("2027-01-04T01:02:03.000Z");
  received.planned = 6;
  MandateReport not_mine = received;
  not_mine.mandate_id = others;
  poll.reports = {received, not_mine};
  poll.heard = {{1, 97.5}, {2, 40.0}};
  const auto request = hub.request("xa-moi", "/api/v1/mandates", poll_to_json(poll));
  const auto response = hub.api.handle(request);
  INFO(response.body);
  REQUIRE(response.status == 200);
  CHECK(response.content_type == "application/json");

  // Signed for this request's nonce under the station's key, and for nothing else.
  const auto signature = header(response, "X-Loaxa-Response-Signature");
  REQUIRE(signature);
  CHECK(*signature == response_signature(hub.keys["xa-moi"], request.nonce, response.body));
  CHECK(response_signature_matches(hub.keys["xa-moi"], request.nonce, response.body, *signature));
  CHECK_FALSE(response_signature_matches(hub.keys["xa-moi"], to_hex(random_bytes(16)), response.body, *signature));
  CHECK_FALSE(response_signature_matches(hub.keys["xa-khac"], request.nonce, response.body, *signature));
  CHECK_FALSE(response_signature_matches(hub.keys["xa-moi"], request.nonce, response.body + " ", *signature));

  const auto orders = orders_from_json(response.body);
  REQUIRE(orders.size() == 3);
  CHECK(orders[0].id == id);
  CHECK(orders[0].sha256 == hub.sha256);
  CHECK(orders[0].size == 100);
  CHECK(orders[0].title == "Định danh điện tử VNeID");
  CHECK(orders[0].terms.times_per_week == 3);
  CHECK_FALSE(orders[0].cancelled);
  CHECK(orders[1].id == cancelled);
  CHECK(orders[1].cancelled);
  CHECK(orders[2].id == still_sent);

  const auto view = hub.store.mandate_view(id, kVietnam);
  REQUIRE(view->stations.size() == 2);
  CHECK(view->stations[1].station_id == "xa-moi");
  CHECK(view->stations[1].state == MandateState::received);
  CHECK(view->stations[1].planned == 6);
  CHECK(view->stations[1].aired == 1);
  REQUIRE(view->stations[1].heard_pct);
  CHECK(*view->stations[1].heard_pct == Approx(97.5));  // seq 2 carries no mandate: its heard % is not kept
  CHECK_FALSE(hub.store.mandate_view(others, kVietnam)->stations[0].state);  // not addressed to xa-moi
  CHECK(hub.store.find_station("xa-moi")->last_contact == hub.clock.now());

  // Another station gets its own list, signed with its own key.
  const auto khac_request = hub.request("xa-khac", "/api/v1/mandates", poll_to_json(poll_of("xa-khac")));
  const auto khac = hub.api.handle(khac_request);
  REQUIRE(khac.status == 200);
  const auto khac_orders = orders_from_json(khac.body);
  REQUIRE(khac_orders.size() == 2);
  CHECK(khac_orders[0].id == id);
  CHECK(khac_orders[1].id == others);
  CHECK(response_signature_matches(hub.keys["xa-khac"], khac_request.nonce, khac.body,
                                   header(khac, "X-Loaxa-Response-Signature").value_or("")));
}

TEST_CASE("a poll that is not the signer's, not well formed, replayed or unsigned is refused with nothing recorded",
          "[hub][mandate][api]") {
  Hub hub;
  const auto id = hub.store.add_mandate(vneid_mandate({"xa-moi", "xa-khac"}));
  auto poll = poll_of("xa-khac");
  MandateReport declined;
  declined.mandate_id = id;
  declined.state = MandateState::declined;
  declined.at = hub.clock.now();
  declined.reason = "Loa hỏng";
  poll.reports = {declined};

  const auto as_other = hub.api.handle(hub.request("xa-moi", "/api/v1/mandates", poll_to_json(poll)));
  CHECK(as_other.status == 401);
  CHECK(kind_of(as_other) == "station_mismatch");
  CHECK(as_other.headers.empty());

  const auto malformed = hub.api.handle(hub.request("xa-moi", "/api/v1/mandates", "{\"station_id\":"));
  CHECK(malformed.status == 400);
  CHECK(kind_of(malformed) == "malformed");
  const auto unknown = hub.api.handle(hub.request("xa-moi", "/api/v1/mandates", R"({"station_id":"xa-moi","x":1})"));
  CHECK(unknown.status == 400);

  auto tampered = hub.request("xa-khac", "/api/v1/mandates", poll_to_json(poll));
  tampered.body += " ";
  CHECK(hub.api.handle(tampered).status == 401);
  CHECK(kind_of(hub.api.handle(tampered)) == "bad_signature");
  const auto good = hub.request("xa-khac", "/api/v1/mandates", poll_to_json(poll_of("xa-khac")));
  CHECK(hub.api.handle(good).status == 200);
  const auto replay = hub.api.handle(good);
  CHECK(replay.status == 401);
  CHECK(kind_of(replay) == "replayed_nonce");

  const auto view = hub.store.mandate_view(id, kVietnam);
  for (const auto& line : view->stations) CHECK_FALSE(line.state);
}

TEST_CASE("a mandate's audio comes in pieces from an offset, only to a station it is addressed to",
          "[hub][mandate][api]") {
  Hub hub;
  hub.store.add_mandate(vneid_mandate({"xa-moi"}, hub.sha256, static_cast<std::int64_t>(hub.audio.size())));
  std::string fetched;
  int pieces = 0;
  while (fetched.size() < hub.audio.size()) {
    const auto piece = hub.piece("xa-moi", static_cast<std::int64_t>(fetched.size()));
    REQUIRE(piece.status == 200);
    CHECK(piece.content_type == "application/octet-stream");
    CHECK(piece.body.size() <= kAudioPieceBytes);
    REQUIRE_FALSE(piece.body.empty());
    fetched += piece.body;
    ++pieces;
  }
  CHECK(pieces == 3);
  CHECK(fetched == hub.audio);

  // Resumed where a cut download stopped: the bytes from there on.
  const auto resumed = hub.piece("xa-moi", 1500000);
  REQUIRE(resumed.status == 200);
  CHECK(resumed.body == hub.audio.substr(1500000, kAudioPieceBytes));
  const auto at_end = hub.piece("xa-moi", static_cast<std::int64_t>(hub.audio.size()));
  CHECK(at_end.status == 200);
  CHECK(at_end.body.empty());
  const auto past = hub.piece("xa-moi", static_cast<std::int64_t>(hub.audio.size()) + 1);
  CHECK(past.status == 416);
  CHECK(kind_of(past) == "bad_offset");

  // Another station, another hash, the right hash asked as another station: none of it.
  const auto other_station = hub.piece("xa-khac", 0);
  CHECK(other_station.status == 404);
  CHECK(kind_of(other_station) == "no_such_audio");
  const auto other_sha = hub.piece("xa-moi", 0, std::string(64, 'c'));
  CHECK(other_sha.status == 404);
  CHECK(kind_of(other_sha) == "no_such_audio");
  AudioRequest as_other;
  as_other.station_id = "xa-moi";
  as_other.sha256 = hub.sha256;
  const auto mismatch =
      hub.api.handle(hub.request("xa-khac", "/api/v1/mandate-audio", audio_request_to_json(as_other)));
  CHECK(mismatch.status == 401);
  CHECK(kind_of(mismatch) == "station_mismatch");
  const auto bad_body = hub.api.handle(
      hub.request("xa-moi", "/api/v1/mandate-audio", R"({"station_id":"xa-moi","sha256":"../hub.db","offset":0})"));
  CHECK(bad_body.status == 400);
  auto unsigned_request = hub.request("xa-moi", "/api/v1/mandate-audio", audio_request_to_json(as_other));
  unsigned_request.signature = std::string(64, '0');
  CHECK(hub.api.handle(unsigned_request).status == 401);
}

TEST_CASE("a hub without a mandates folder answers no audio, not a failure", "[hub][mandate][api]") {
  loaxa::test::TempDir dir;
  SqliteHubStore store{dir / "hub.db"};
  KeyVault vault{random_bytes(32)};
  ManualClock clock{store::parse_utc_text("2027-01-10T03:00:00.000Z")};
  Api api{store, vault, clock};
  const auto key = random_bytes(32);
  Station s;
  s.id = "xa-moi";
  s.name = "xa-moi";
  s.created_at = clock.now();
  s.sealed_key = vault.seal(s.id, key);
  store.add_station(s);
  store.add_mandate(vneid_mandate({"xa-moi"}));
  AudioRequest a;
  a.station_id = "xa-moi";
  a.sha256 = std::string(64, 'b');
  ApiRequest r;
  r.method = "POST";
  r.target = "/api/v1/mandate-audio";
  r.station = "xa-moi";
  r.timestamp = std::to_string(duration_cast<seconds>(clock.now().time_since_epoch()).count());
  r.nonce = to_hex(random_bytes(16));
  r.body = audio_request_to_json(a);
  r.signature = sign_request(key, r.method, r.target, r.timestamp, r.nonce, r.body);
  const auto response = api.handle(r);
  CHECK(response.status == 404);
  CHECK(kind_of(response) == "no_such_audio");
}
