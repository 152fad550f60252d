// wire::read_plays, the hub's fast reader of a plays body, against the strict DOM path it
// stands in for (nlohmann + play_from_value): it may give up on a body the DOM takes (the DOM
// then reads it), but it must never take a body the DOM refuses, and what it takes must be
// the same rows. Checked on hand-made variants and on many random edits of a real body.

#include "wire/plays_reader.hpp"
#include "hub/plays_body.hpp"
#include "hub_fixture.hpp"
#include "wire/json_fields.hpp"
#include "wire/play_json.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>

using namespace loaxa;
using namespace loaxa::wire;

namespace {

constexpr std::size_t kMaxPlays = 5000;

// The body as the API read it before the fast reader: nullopt where it refused it.
std::optional<PlaysRead> through_dom(const std::string& body, std::size_t max_plays = kMaxPlays) {
  try {
    const auto value = nlohmann::json::parse(body, nullptr, false);
    if (value.is_discarded() || !value.is_object()) return std::nullopt;
    Fields fields(value, "body");
    fields.only({"station_id", "plays"});
    PlaysRead out;
    out.station_id = fields.text("station_id");
    const auto& list = fields.at("plays");
    if (!list.is_array() || list.size() > max_plays) return std::nullopt;
    std::int64_t previous = 0;
    for (const auto& item : list) {
      out.rows.push_back(play_from_value(item));
      if (*out.rows.back().seq <= previous) return std::nullopt;
      previous = *out.rows.back().seq;
    }
    return out;
  } catch (const BodyError&) {
    return std::nullopt;
  }
}

std::string as_text(const std::optional<PlaysRead>& read) {
  if (!read) return "(refused)";
  std::string out = read->station_id + "\n";
  for (const auto& row : read->rows) out += play_to_json(row) + "\n";
  return out;
}

// Checks the rule for one body; true when the fast reader took it.
bool agrees(const std::string& body, std::size_t max_plays = kMaxPlays) {
  const auto fast = read_plays(body, max_plays);
  if (!fast) return false;
  INFO(body);
  CHECK(as_text(fast) == as_text(through_dom(body, max_plays)));
  return true;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the fast plays reader takes a station's body as the same rows as the DOM", "[hub][json]") {
  const auto plays = hub::test::station_plays(12);
  const auto body = hub::test::plays_body("xa-moi", plays);
  REQUIRE(through_dom(body));
  CHECK(agrees(body));
  const auto read = read_plays(body, kMaxPlays);
  REQUIRE(read);
  REQUIRE(read->rows.size() == plays.size());
  for (std::size_t i = 0; i < plays.size(); ++i) CHECK(read->rows[i].hash == plays[i].hash);

  // The other forms JSON allows, which it reads too.
  CHECK(agrees(R"({"plays":[],"station_id":"xa-moi"})"));
  CHECK(agrees(" \n{ \"station_id\" : \"xa-moi\" ,\t\"plays\" : [ ] }\r\n"));
  auto spaced = body;
  for (const char* token : {"\":", "\",\"", "],", "},{"}) {
    for (auto at = spaced.find(token); at != std::string::npos; at = spaced.find(token, at + 4)) {
      spaced.insert(at + 1, " ");
    }
  }
  CHECK(agrees(spaced));
  CHECK(agrees(replaced(body, "\"title\":\"", "\"title\":\"\\\"\\/\\b\\f\\t\\r")));  // short escapes

  // And where it gives up, for the DOM to answer (a refusal, or a form it does not read).
  const std::vector<std::string> variants{
      "",
      "[]",
      "{}",
      "{\"station_id\":\"xa-moi\"}",
      replaced(body, "\"station_id\"", "\"station\""),
      replaced(body, "{\"station_id\":\"xa-moi\",", "{\"station_id\":\"xa-moi\",\"station_id\":\"xa-moi\","),
      replaced(body, "\"xa-moi\"", "null"),
      replaced(body, "\"title\":\"", "\"title\":\"\\u0041"),  // read by the DOM, not here
      replaced(body, "\"title\":\"", "\"title\":\"\\x"),
      replaced(body, "\"title\":\"", "\"title\":\"\x01"),
      replaced(body, "\"title\":\"", "\"title\":\"\xC3\x28"),          // not UTF-8
      replaced(body, "\"title\":\"", "\"title\":\"\xED\xA0\x80"),      // a surrogate
      replaced(body, "\"title\":\"", "\"title\":\"\xF4\x90\x80\x80"),  // past U+10FFFF
      replaced(body, "\"title\":\"", "\"title\":\"\xC0\xAF"),          // overlong
      replaced(body, "\"frames\":", "\"frames\":-"),
      replaced(body, "\"frames\":", "\"frames\":0"),
      replaced(body, "\"underruns\":0", "\"underruns\":0.0"),
      replaced(body, "\"underruns\":0", "\"underruns\":0e0"),
      replaced(body, "\"underruns\":0", "\"underruns\":1234567890123456789"),
      replaced(body, "\"underruns\":0", "\"underruns\":\"0\""),
      replaced(body, "\"underruns\":0", "\"underruns\":null"),
      replaced(body, "\"underruns\":0", "\"underruns\":true"),
      replaced(body, "\"seq\":1", "\"seq\":0"),
      replaced(body, "\"seq\":2", "\"seq\":1"),
      replaced(body, "\"position\":0", "\"position\":1000001"),
      replaced(body, "\"level\":\"normal\"", "\"level\":\"loud\""),
      replaced(body, "\"status\":\"completed\"", "\"status\":\"playing\""),
      replaced(body, "\"category\":", "\"colour\":\"red\",\"category\":"),
      replaced(body, "\"hash\":\"", "\"hash\":\"A"),
      replaced(body, "T22:30:00.000Z", "T22:30:00Z"),
      replaced(body, "\"ended_at\":\"", "\"ended_at\":null,\"x\":\""),
      body + "x",
      body + "{}",
      body.substr(0, body.size() - 1),
  };
  for (const auto& variant : variants) {
    INFO(variant);
    CHECK_FALSE(read_plays(variant, kMaxPlays));
  }
  CHECK(through_dom(replaced(body, "\"title\":\"", "\"title\":\"\\u0041")));  // the DOM takes what was left to it
  // No more rows than the API takes in a batch.
  CHECK_FALSE(read_plays(body, plays.size() - 1));
  CHECK(agrees(body, plays.size()));
  // Every prefix of a body is refused.
  for (std::size_t n = 0; n < body.size(); ++n) CHECK_FALSE(read_plays(body.substr(0, n), kMaxPlays));
}

TEST_CASE("random edits of a body: the fast reader never takes what the DOM refuses", "[hub][json]") {
  const auto body = hub::test::plays_body("xa-moi", hub::test::station_plays(3));
  const std::string alphabet = "{}[]\",:\\ 019-.eEnulltrueZT\x01\x7f\xc3\xa1\xed\xa0\xf0\x9f";
  std::mt19937_64 random(8);
  std::size_t taken = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string edited = body;
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = random() % edited.size();
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0:
          edited[at] = c;
          break;
        case 1:
          edited.insert(edited.begin() + static_cast<std::ptrdiff_t>(at), c);
          break;
        default:
          edited.erase(at, 1);
          break;
      }
    }
    const auto fast = read_plays(edited, kMaxPlays);
    if (!fast) continue;
    ++taken;
    const auto dom = through_dom(edited);
    INFO(edited);
    REQUIRE(dom);
    REQUIRE(as_text(fast) == as_text(dom));
  }
  CHECK(taken > 100);  // edits inside text values and digits keep a body valid
}

TEST_CASE("a plays body read ahead keeps the API's refusals in its order", "[hub][json]") {
  const auto plays = hub::test::station_plays(3);
  const auto body = hub::test::plays_body("xa-moi", plays);
  const auto good = hub::read_plays_body(body, kMaxPlays);
  CHECK_FALSE(good.bad_body);
  CHECK_FALSE(good.bad_plays);
  CHECK(good.station_id == "xa-moi");
  REQUIRE(good.chained.size() == 3);
  CHECK(good.chained[1] == store::chain_hash(plays[0].hash, plays[1]));
  CHECK(good.chained[2] == plays[2].hash);

  const auto not_json = hub::read_plays_body("{not json", kMaxPlays);
  REQUIRE(not_json.bad_body);
  CHECK(not_json.bad_body->kind == "malformed");
  // A bad row is known only after the station: the API compares that with the signer's first.
  const auto bad_row = hub::read_plays_body(replaced(body, "\"seq\":2", "\"seq\":1"), kMaxPlays);
  CHECK_FALSE(bad_row.bad_body);
  CHECK(bad_row.station_id == "xa-moi");
  REQUIRE(bad_row.bad_plays);
  CHECK(bad_row.bad_plays->kind == "bad_value");
  CHECK(bad_row.rows.empty());
  const auto too_many = hub::read_plays_body(body, 2);
  REQUIRE(too_many.bad_plays);
  CHECK(std::string(too_many.bad_plays->what()) == "more than 2 plays in one batch");
}
