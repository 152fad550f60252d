// Bodies no station would send: random bytes and random mutations of a good batch go to the
// API (signed, so they reach the parsers). Every one gets an answer from the documented set,
// nothing throws, and nothing but a well-formed chain is ever stored. Bounded and seeded, so
// it runs in every build; the libFuzzer targets (fuzz/, a clang build of their own) search further.

#include "hub/api.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "hub_fixture.hpp"
#include "store/utc_text.hpp"
#include "support/temp_dir.hpp"
#include "wire/play_json.hpp"
#include "wire/signing.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <random>
#include <set>

using namespace loaxa;
using namespace loaxa::hub;
using namespace loaxa::wire;

namespace {

std::string mutate(std::string text, std::mt19937& random) {
  const int edits = 1 + static_cast<int>(random() % 4);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    const auto at = random() % text.size();
    switch (random() % 5) {
      case 0:
        text[at] = static_cast<char>(random() % 256);
        break;
      case 1:
        text.erase(at, 1 + random() % 8);
        break;
      case 2:
        text.insert(at, 1, "{}[]\",:-0123456789enulltrx\\"[random() % 28]);
        break;
      case 3:
        text.resize(at);
        break;
      default:
        text.insert(at, text.substr(random() % text.size(), 1 + random() % 16));
        break;
    }
  }
  return text;
}

}  // namespace

TEST_CASE("random and mutated bodies are answered, never crash, and store only a valid chain", "[hub][robustness]") {
  loaxa::test::TempDir dir;
  SqliteHubStore store(dir / "hub.db");
  const KeyVault vault(random_bytes(32));
  ManualClock clock(store::parse_utc_text("2026-12-01T03:00:00.000Z"));
  Api api(store, vault, clock);
  const auto key = random_bytes(32);
  Station station;
  station.id = "xa-moi";
  station.name = "Xã Mới";
  station.created_at = clock.now();
  station.sealed_key = vault.seal(station.id, key);
  store.add_station(station);

  const auto plays = hub::test::station_plays(6);
  const std::string good = hub::test::plays_body("xa-moi", plays);
  std::mt19937 random(20261130);
  const std::set<int> allowed{200, 400, 401, 409};
  int nonce = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string body;
    if (i % 10 == 0) {
      body.resize(random() % 200);
      for (auto& c : body) c = static_cast<char>(random() % 256);
    } else {
      body = mutate(good, random);
    }
    ApiRequest request;
    request.method = "POST";
    request.target = i % 3 == 0 ? "/api/v1/heartbeat" : "/api/v1/plays";
    request.station = "xa-moi";
    request.timestamp =
        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count());
    request.nonce = fmt::format("{:032x}", ++nonce);
    request.body = body;
    request.signature = sign_request(key, request.method, request.target, request.timestamp, request.nonce, body);
    const auto response = api.handle(request);
    INFO(body);
    CHECK(allowed.count(response.status) == 1);
    const auto json = nlohmann::json::parse(response.body, nullptr, false);
    CHECK(json.is_object());
  }
  // Whatever got in is a prefix of the real chain, unaltered.
  const auto held = store.plays("xa-moi");
  REQUIRE(held.size() <= plays.size());
  for (std::size_t i = 0; i < held.size(); ++i) CHECK(held[i].hash == plays[i].hash);
}

TEST_CASE("the play decoder answers every mutation of a row with a play or a BodyError", "[hub][robustness]") {
  const auto row = play_to_json(hub::test::station_plays(3)[2]);
  std::mt19937 random(7);
  for (int i = 0; i < 3000; ++i) {
    const auto text = mutate(row, random);
    try {
      const auto play = play_from_json(text);
      CHECK(play.seq.value_or(0) >= 1);
    } catch (const BodyError& e) {
      CHECK_FALSE(e.kind.empty());
    }
  }
}

TEST_CASE("a path or station id that is not UTF-8 gets its own refusal, not a 500", "[hub][robustness]") {
  // Found by fuzz/fuzz_hub_request: the refusal quoted the bytes, and the strict JSON dump
  // of a non-UTF-8 detail threw, so the answer was 500 "failed".
  loaxa::test::TempDir dir;
  SqliteHubStore store(dir / "hub.db");
  const KeyVault vault(random_bytes(32));
  ManualClock clock(store::parse_utc_text("2026-12-01T03:00:00.000Z"));
  Api api(store, vault, clock);
  ApiRequest request;
  request.method = "POST";
  request.target = "/api\xa8v1/plays";
  auto response = api.handle(request);
  CHECK(response.status == 404);
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  REQUIRE(json.is_object());
  CHECK(json["error"]["kind"] == "not_found");
  CHECK(json["error"]["detail"] == "no such path: /api\xef\xbf\xbdv1/plays");

  request.target = "/api/v1/heartbeat";
  request.station = "xa-\xff";
  request.timestamp = "1796094000";
  request.nonce = std::string(32, 'a');
  request.signature = std::string(64, 'b');
  response = api.handle(request);
  CHECK(response.status == 401);
  json = nlohmann::json::parse(response.body, nullptr, false);
  REQUIRE(json.is_object());
  CHECK(json["error"]["kind"] == "unknown_station");
}
