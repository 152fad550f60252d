// A play row's JSON: the canonical fields exactly, strictly typed; what it cannot hold is refused.

#include "wire/play_json.hpp"
#include "hub_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace loaxa;
using namespace loaxa::hub;
using namespace loaxa::wire;

namespace {

std::string kind_of(const std::string& text) {
  try {
    play_from_json(text);
  } catch (const BodyError& e) {
    return e.kind;
  }
  return "accepted";
}

std::string with(const store::Play& play, const std::string& field, const nlohmann::json& value) {
  auto object = nlohmann::json::parse(play_to_json(play));
  object[field] = value;
  return object.dump();
}

}  // namespace

TEST_CASE("a play goes to JSON and back with the same canonical form", "[hub][json]") {
  for (const auto& play : hub::test::station_plays(4)) {
    const auto back = play_from_json(play_to_json(play));
    CHECK(store::canonical_form(back) == store::canonical_form(play));
    CHECK(back.hash == play.hash);
  }
  const auto object = nlohmann::json::parse(play_to_json(hub::test::station_plays(2)[1]));
  CHECK(object.size() == 18);
  CHECK(object["started_at"].is_null());  // a missed play never started
  CHECK(object["reason"].is_null());
  CHECK(object["ended_at"] == "2026-11-30T22:31:00.000Z");
}

TEST_CASE("occurrences are read exactly as the station writes them", "[hub][json]") {
  CHECK(parse_occurrence("slot:3@2026-11-30T22:30:00.000Z")->text() == "slot:3@2026-11-30T22:30:00.000Z");
  CHECK(parse_occurrence("manual:khan-cap-1")->manual == "khan-cap-1");
  CHECK_FALSE(parse_occurrence("manual:"));
  CHECK_FALSE(parse_occurrence("slot:03@2026-11-30T22:30:00.000Z"));
  CHECK_FALSE(parse_occurrence("slot:3@2026-11-30T22:30:00Z"));
  CHECK_FALSE(parse_occurrence("slot:x@2026-11-30T22:30:00.000Z"));
  CHECK_FALSE(parse_occurrence("slot:3"));
  CHECK_FALSE(parse_occurrence("other"));
}

TEST_CASE("a row with a field too many, too few or of the wrong type is refused", "[hub][json]") {
  const auto play = hub::test::station_plays(1)[0];
  CHECK(kind_of("{") == "malformed");
  CHECK(kind_of("[]") == "wrong_type");
  CHECK(kind_of(with(play, "extra", 1)) == "unknown_field");
  auto object = nlohmann::json::parse(play_to_json(play));
  object.erase("reason");
  CHECK(kind_of(object.dump()) == "missing_field");
  CHECK(kind_of(with(play, "seq", "1")) == "wrong_type");
  CHECK(kind_of(with(play, "seq", 1.5)) == "wrong_type");
  CHECK(kind_of(with(play, "frames", true)) == "wrong_type");
  CHECK(kind_of(with(play, "title", 5)) == "wrong_type");
  CHECK(kind_of(with(play, "programme_name", nullptr)) == "wrong_type");
}

TEST_CASE("impossible values are refused", "[hub][json]") {
  const auto plays = hub::test::station_plays(2);
  const auto& play = plays[0];
  CHECK(kind_of(with(play, "seq", 0)) == "bad_value");
  CHECK(kind_of(with(play, "frames", -1)) == "bad_value");
  CHECK(kind_of(with(play, "underruns", -5)) == "bad_value");
  CHECK(kind_of(with(play, "seq", 18446744073709551615ULL)) == "bad_value");
  CHECK(kind_of(with(play, "frames", 18446744073709551615ULL)) == "bad_value");
  CHECK(kind_of(with(play, "ended_at", "2026-11-30T22:29:59.000Z")) == "bad_value");  // before its start
  CHECK(kind_of(with(play, "started_at", "2026-11-30 22:30")) == "bad_value");
  CHECK(kind_of(with(play, "started_at", "2026-11-30T22:30:00Z")) == "bad_value");  // not the canonical text
  CHECK(kind_of(with(play, "started_at", "2026-13-30T22:30:00.000Z")) == "bad_value");
  CHECK(kind_of(with(play, "started_at", nullptr)) == "bad_value");                         // completed without a start
  CHECK(kind_of(with(plays[1], "started_at", "2026-11-30T22:31:00.000Z")) == "bad_value");  // missed with one
  CHECK(kind_of(with(play, "ended_at", nullptr)) == "bad_value");
  CHECK(kind_of(with(play, "status", "playing")) == "bad_value");
  CHECK(kind_of(with(play, "status", "aired")) == "bad_value");
  CHECK(kind_of(with(play, "level", "urgent")) == "bad_value");
  CHECK(kind_of(with(play, "hash", "ABC")) == "bad_value");
  CHECK(kind_of(with(play, "segment_sha256", "xyz")) == "bad_value");
  CHECK(kind_of(with(play, "occurrence", "slot:1")) == "bad_value");
  CHECK(kind_of(with(play, "category", "KHAC")) == "accepted");  // a category the hub does not know is kept
}
