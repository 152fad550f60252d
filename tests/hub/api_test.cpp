// The API without sockets: authentication refusals, ingest answers, heartbeats; nothing is
// stored from a refused request.

#include "hub/api.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "hub_fixture.hpp"
#include "store/utc_text.hpp"
#include "support/temp_dir.hpp"
#include "wire/plan_json.hpp"
#include "wire/signing.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace loaxa;
using namespace loaxa::hub;
using namespace loaxa::wire;
using namespace std::chrono;

namespace {

struct Hub {
  loaxa::test::TempDir dir;
  SqliteHubStore store{dir / "hub.db"};
  KeyVault vault{random_bytes(32)};
  ManualClock clock{store::parse_utc_text("2026-12-01T03:00:00.000Z")};
  Api api{store, vault, clock};
  std::map<std::string, std::vector<std::uint8_t>> keys;

  Hub() {
    add("xa-moi");
    add("xa-khac");
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

  std::int64_t unix_now() const { return duration_cast<seconds>(clock.now().time_since_epoch()).count(); }

  ApiRequest request(const std::string& station, const std::string& path, const std::string& body,
                     std::optional<std::int64_t> timestamp = std::nullopt) {
    ApiRequest r;
    r.method = "POST";
    r.target = path;
    r.station = station;
    r.timestamp = std::to_string(timestamp.value_or(unix_now()));
    r.nonce = to_hex(random_bytes(16));
    r.body = body;
    r.signature = sign_request(keys.at(station), r.method, r.target, r.timestamp, r.nonce, r.body);
    return r;
  }
};

nlohmann::json body_of(const ApiResponse& response) {
  return nlohmann::json::parse(response.body);
}

std::string kind_of(const ApiResponse& response) {
  return body_of(response)["error"]["kind"];
}

std::string heartbeat(const std::string& station, const std::string& clock_utc) {
  return nlohmann::json{{"station_id", station},      {"version", "0.1.0"},     {"uptime_s", 120},  {"device", "null"},
                        {"next_occurrence", nullptr}, {"clock_utc", clock_utc}, {"outbox_depth", 0}}
      .dump();
}

}  // namespace

TEST_CASE("signed plays are stored and acknowledged by seq", "[hub][api]") {
  Hub hub;
  const auto plays = hub::test::station_plays(5);
  auto response = hub.api.handle(hub.request("xa-moi", "/api/v1/plays", hub::test::plays_body("xa-moi", plays, 0, 3)));
  CHECK(response.status == 200);
  CHECK(body_of(response)["acked_seq"] == 3);
  response = hub.api.handle(hub.request("xa-moi", "/api/v1/plays", hub::test::plays_body("xa-moi", plays, 0, 3)));
  CHECK(response.status == 200);  // the same batch again: acknowledged, not stored twice
  CHECK(body_of(response)["acked_seq"] == 3);
  CHECK(hub.store.plays("xa-moi").size() == 3);

  response = hub.api.handle(hub.request("xa-moi", "/api/v1/plays", hub::test::plays_body("xa-moi", plays, 4, 1)));
  CHECK(response.status == 409);
  CHECK(kind_of(response) == "gap");
  CHECK(body_of(response)["expected_seq"] == 4);

  auto edited = plays;
  edited[1].frames = 1;
  response = hub.api.handle(hub.request("xa-moi", "/api/v1/plays", hub::test::plays_body("xa-moi", edited, 1, 1)));
  CHECK(response.status == 409);
  CHECK(kind_of(response) == "conflict");
  CHECK(hub.store.find_station("xa-moi")->flag);
  CHECK_FALSE(hub.store.find_station("xa-khac")->flag);
  CHECK(hub.store.find_station("xa-moi")->last_contact == hub.clock.now());
}

TEST_CASE("requests that are not the station's own are refused with 401 and store nothing", "[hub][api]") {
  Hub hub;
  const auto plays = hub::test::station_plays(2);
  const auto body = hub::test::plays_body("xa-moi", plays);

  SECTION("a forged signature") {
    auto r = hub.request("xa-moi", "/api/v1/plays", body);
    r.signature[0] = r.signature[0] == 'a' ? 'b' : 'a';
    CHECK(kind_of(hub.api.handle(r)) == "bad_signature");
  }
  SECTION("signed with another station's key") {
    auto r = hub.request("xa-khac", "/api/v1/plays", body);
    r.station = "xa-moi";
    CHECK(kind_of(hub.api.handle(r)) == "bad_signature");
  }
  SECTION("a body altered after signing") {
    auto r = hub.request("xa-moi", "/api/v1/plays", body);
    r.body = hub::test::plays_body("xa-moi", plays, 0, 1);
    CHECK(kind_of(hub.api.handle(r)) == "bad_signature");
  }
  SECTION("signed for another path") {
    auto r = hub.request("xa-moi", "/api/v1/heartbeat", body);
    r.target = "/api/v1/plays";
    CHECK(kind_of(hub.api.handle(r)) == "bad_signature");
  }
  SECTION("a station writing as another (its own key, the other's id in the body)") {
    const auto r = hub.request("xa-khac", "/api/v1/plays", body);
    const auto response = hub.api.handle(r);
    CHECK(response.status == 401);
    CHECK(kind_of(response) == "station_mismatch");
    CHECK(hub.store.plays("xa-khac").empty());
  }
  SECTION("an unknown station") {
    auto r = hub.request("xa-moi", "/api/v1/plays", body);
    r.station = "xa-ma";
    CHECK(kind_of(hub.api.handle(r)) == "unknown_station");
  }
  SECTION("a disabled station") {
    hub.store.set_enabled("xa-moi", false);
    CHECK(kind_of(hub.api.handle(hub.request("xa-moi", "/api/v1/plays", body))) == "station_disabled");
  }
  SECTION("a timestamp outside ±300 s") {
    CHECK(kind_of(hub.api.handle(hub.request("xa-moi", "/api/v1/plays", body, hub.unix_now() - 301))) ==
          "stale_timestamp");
    CHECK(kind_of(hub.api.handle(hub.request("xa-moi", "/api/v1/plays", body, hub.unix_now() + 301))) ==
          "stale_timestamp");
  }
  SECTION("missing or malformed headers") {
    auto r = hub.request("xa-moi", "/api/v1/plays", body);
    r.nonce.clear();
    CHECK(kind_of(hub.api.handle(r)) == "unauthenticated");
    r = hub.request("xa-moi", "/api/v1/plays", body);
    r.nonce = "ABCDEF0123456789ABCDEF0123456789";
    CHECK(kind_of(hub.api.handle(r)) == "bad_nonce");
    r = hub.request("xa-moi", "/api/v1/plays", body);
    r.timestamp = "soon";
    CHECK(kind_of(hub.api.handle(r)) == "bad_timestamp");
  }
  CHECK(hub.store.plays("xa-moi").empty());
  CHECK_FALSE(hub.store.find_station("xa-moi")->last_contact);
}

TEST_CASE(
    "requests answered together: each answer as alone, a refused one keeps nothing of its own, all kept at one commit",
    "[hub][api]") {
  Hub hub;
  const auto plays = hub::test::station_plays(6);
  const auto first = hub.request("xa-moi", "/api/v1/plays", hub::test::plays_body("xa-moi", plays, 0, 3));
  const auto answers = hub.api.handle_together({
      first,
      hub.request("xa-khac", "/api/v1/plays", hub::test::plays_body("xa-khac", plays, 0, 2)),
      first,  // the same nonce again, in the same group: a replay
      hub.request("xa-moi", "/api/v1/plays", hub::test::plays_body("xa-moi", plays, 3, 2)),  // follows the first
      hub.request("xa-khac", "/api/v1/plays", "{not json"),
      hub.request("xa-moi", "/api/v1/heartbeat", heartbeat("xa-moi", "2026-12-01T03:00:01.000Z")),
  });
  REQUIRE(answers.size() == 6);
  CHECK(answers[0].status == 200);
  CHECK(body_of(answers[0])["acked_seq"] == 3);
  CHECK(body_of(answers[1])["acked_seq"] == 2);
  CHECK(kind_of(answers[2]) == "replayed_nonce");
  CHECK(body_of(answers[3])["acked_seq"] == 5);
  CHECK(kind_of(answers[4]) == "malformed");
  CHECK(answers[5].status == 200);
  CHECK(body_of(answers[5])["acked_seq"] == 5);  // the group's earlier rows are seen
  SqliteHubStore reopened(hub.dir / "hub.db");   // committed: another connection sees it all
  CHECK(reopened.plays("xa-moi").size() == 5);
  CHECK(reopened.plays("xa-khac").size() == 2);
  CHECK(reopened.find_station("xa-moi")->heartbeat);

  // A conflict in a group refuses its batch and flags its station; the others are kept.
  auto edited = plays;
  edited[1].frames = 1;
  const auto more = hub.api.handle_together({
      hub.request("xa-moi", "/api/v1/plays", hub::test::plays_body("xa-moi", edited, 1, 1)),
      hub.request("xa-khac", "/api/v1/plays", hub::test::plays_body("xa-khac", plays, 2, 1)),
  });
  CHECK(kind_of(more[0]) == "conflict");
  CHECK(body_of(more[1])["acked_seq"] == 3);
  CHECK(reopened.find_station("xa-moi")->flag);
  CHECK(reopened.plays("xa-moi").size() == 5);
  CHECK(reopened.plays("xa-khac").size() == 3);
}

TEST_CASE("a replayed request is refused, within the window and after a restart", "[hub][api]") {
  Hub hub;
  const auto r = hub.request("xa-moi", "/api/v1/plays", hub::test::plays_body("xa-moi", hub::test::station_plays(1)));
  CHECK(hub.api.handle(r).status == 200);
  hub.clock.advance(seconds(200));
  const auto again = hub.api.handle(r);
  CHECK(again.status == 401);
  CHECK(kind_of(again) == "replayed_nonce");
  SqliteHubStore reopened(hub.dir / "hub.db");
  Api restarted(reopened, hub.vault, hub.clock);
  CHECK(kind_of(restarted.handle(r)) == "replayed_nonce");
  hub.clock.advance(seconds(200));  // past the window: refused by its timestamp
  CHECK(kind_of(restarted.handle(r)) == "stale_timestamp");
}

TEST_CASE("bad bodies are 400 with the kind, and store nothing", "[hub][api]") {
  Hub hub;
  const auto send = [&](const std::string& body) {
    return hub.api.handle(hub.request("xa-moi", "/api/v1/plays", body));
  };
  CHECK(kind_of(send("{\"station_id\":")) == "malformed");
  CHECK(send("{\"station_id\":").status == 400);
  CHECK(kind_of(send("[]")) == "wrong_type");
  CHECK(kind_of(send(R"({"station_id":"xa-moi","plays":{}})")) == "wrong_type");
  CHECK(kind_of(send(R"({"station_id":"xa-moi","plays":[],"more":1})")) == "unknown_field");
  CHECK(kind_of(send(R"({"station_id":"xa-moi"})")) == "missing_field");
  auto play = nlohmann::json::parse(hub::test::plays_body("xa-moi", hub::test::station_plays(1)));
  play["plays"][0]["frames"] = -48000;
  CHECK(kind_of(send(play.dump())) == "bad_value");
  const auto plays = hub::test::station_plays(2);
  std::vector<store::Play> reversed{plays[1], plays[0]};
  CHECK(kind_of(send(hub::test::plays_body("xa-moi", reversed))) == "bad_value");
  CHECK(hub.store.plays("xa-moi").empty());
  CHECK(send(R"({"station_id":"xa-moi","plays":[]})").status == 200);
}

TEST_CASE("paths, methods and sizes", "[hub][api]") {
  Hub hub;
  CHECK(hub.api.handle(hub.request("xa-moi", "/api/v1/other", "{}")).status == 404);
  auto r = hub.request("xa-moi", "/api/v1/plays", "{}");
  r.method = "GET";
  CHECK(hub.api.handle(r).status == 405);
  const auto big = hub.request("xa-moi", "/api/v1/plays", std::string(1024 * 1024 + 1, ' '));
  CHECK(hub.api.handle(big).status == 413);
}

TEST_CASE("a heartbeat records the station's clock offset and answers the acked seq", "[hub][api]") {
  Hub hub;
  hub.api.handle(hub.request("xa-moi", "/api/v1/plays", hub::test::plays_body("xa-moi", hub::test::station_plays(2))));
  auto response =
      hub.api.handle(hub.request("xa-moi", "/api/v1/heartbeat", heartbeat("xa-moi", "2026-12-01T02:59:58Z")));
  REQUIRE(response.status == 200);
  CHECK(body_of(response)["acked_seq"] == 2);
  CHECK(body_of(response)["hub_time"] == "2026-12-01T03:00:00.000Z");
  const auto s = hub.store.find_station("xa-moi");
  REQUIRE(s->heartbeat);
  CHECK(s->heartbeat->clock_offset() == seconds(-2));
  CHECK(s->heartbeat->version == "0.1.0");
  response = hub.api.handle(hub.request("xa-khac", "/api/v1/heartbeat", heartbeat("xa-moi", "2026-12-01T03:00:00Z")));
  CHECK(kind_of(response) == "station_mismatch");
  response = hub.api.handle(hub.request("xa-moi", "/api/v1/heartbeat", heartbeat("xa-moi", "yesterday")));
  CHECK(kind_of(response) == "bad_value");
}

namespace {

store::StationPlan week_plan(const std::string& from, const std::string& to,
                             const std::vector<std::pair<std::string, std::string>>& items) {
  store::StationPlan plan{store::parse_utc_text(from), store::parse_utc_text(to), {}};
  std::int64_t position = 0;
  for (const auto& [category, at] : items) {
    plan.items.push_back(
        {"slot:1@" + store::utc_text(store::parse_utc_text(at)), position++, category, store::parse_utc_text(at)});
  }
  return plan;
}

}  // namespace

TEST_CASE("a station's plan is stored, replaces the one before it over its span, and counts as plays scheduled",
          "[hub][api][plan]") {
  Hub hub;
  const auto first =
      week_plan("2026-12-01T00:00:00Z", "2026-12-08T00:00:00Z",
                {{"CDS", "2026-12-01T22:30:00Z"}, {"CDS", "2026-12-02T22:30:00Z"}, {"CCHC", "2026-12-03T22:30:00Z"}});
  auto response = hub.api.handle(hub.request("xa-moi", "/api/v1/plan", plan_to_json("xa-moi", first)));
  REQUIRE(response.status == 200);
  CHECK(body_of(response)["items"] == 3);
  const auto month_from = store::parse_utc_text("2026-11-30T17:00:00Z");
  const auto month_to = store::parse_utc_text("2026-12-31T17:00:00Z");
  auto counts = hub.store.planned(month_from, month_to);
  CHECK(counts.stations == std::set<std::string>{"xa-moi"});
  REQUIRE(counts.counts.size() == 2);
  CHECK(counts.counts[0].category == "CCHC");
  CHECK(counts.counts[0].planned == 1);
  CHECK(counts.counts[1].planned == 2);

  // The schedule was edited: the next plan, from the 2nd on, has one CDS item only. What
  // was planned before the 2nd stays; the span grows to the 9th.
  const auto second = week_plan("2026-12-02T00:00:00Z", "2026-12-09T00:00:00Z", {{"CDS", "2026-12-04T22:30:00Z"}});
  response = hub.api.handle(hub.request("xa-moi", "/api/v1/plan", plan_to_json("xa-moi", second)));
  REQUIRE(response.status == 200);
  counts = hub.store.planned(month_from, month_to);
  REQUIRE(counts.counts.size() == 1);
  CHECK(counts.counts[0].category == "CDS");
  CHECK(counts.counts[0].planned == 2);  // the 1st's, and the 4th's
  // An empty plan is a real "nothing planned": the station still has a plan for the days.
  response = hub.api.handle(hub.request(
      "xa-moi", "/api/v1/plan", plan_to_json("xa-moi", week_plan("2026-12-01T00:00:00Z", "2026-12-09T00:00:00Z", {}))));
  REQUIRE(response.status == 200);
  counts = hub.store.planned(month_from, month_to);
  CHECK(counts.stations == std::set<std::string>{"xa-moi"});
  CHECK(counts.counts.empty());
}

TEST_CASE("bad plans are refused with what is wrong, and store nothing", "[hub][api][plan]") {
  Hub hub;
  const auto good = week_plan("2026-12-01T00:00:00Z", "2026-12-08T00:00:00Z", {{"CDS", "2026-12-01T22:30:00Z"}});
  auto body = nlohmann::json::parse(plan_to_json("xa-moi", good));
  auto refused = [&](const nlohmann::json& bad, const std::string& station = "xa-moi") {
    const auto response = hub.api.handle(hub.request(station, "/api/v1/plan", bad.dump()));
    INFO(response.body);
    CHECK(response.status != 200);
    return kind_of(response);
  };
  auto with = [&](const std::string& field, nlohmann::json value) {
    auto copy = body;
    copy[field] = std::move(value);
    return copy;
  };
  auto item_with = [&](const std::string& field, nlohmann::json value) {
    auto copy = body;
    copy["items"][0][field] = std::move(value);
    return copy;
  };
  CHECK(refused(with("to", "2026-11-30T00:00:00Z")) == "bad_value");  // reversed
  CHECK(refused(with("to", "2027-03-01T00:00:00Z")) == "bad_value");  // three months
  CHECK(refused(with("extra", 1)) == "unknown_field");
  CHECK(refused(with("items", "none")) == "wrong_type");
  CHECK(refused(item_with("occurrence", "manual:play@x")) == "bad_value");              // not a slot's
  CHECK(refused(item_with("scheduled_start", "2026-12-09T00:00:00Z")) == "bad_value");  // outside the span
  CHECK(refused(item_with("position", -1)) == "bad_value");
  CHECK(refused(item_with("category", "")) == "bad_value");
  CHECK(refused(body, "xa-khac") == "station_mismatch");
  const auto response = hub.api.handle(hub.request("xa-moi", "/api/v1/plan", "{\"station_id\":"));
  CHECK(response.status == 400);
  CHECK(kind_of(response) == "malformed");
  const auto counts =
      hub.store.planned(store::parse_utc_text("2026-11-01T00:00:00Z"), store::parse_utc_text("2027-01-01T00:00:00Z"));
  CHECK(counts.stations.empty());
  CHECK(counts.counts.empty());
}
