// libFuzzer target: bytes → the play decoder of protocol v1 (wire/play_json.hpp), and the
// texts inside a row it reads on its own (an occurrence key, a UTC instant).
//
// What must hold for every input:
//  - play_from_json gives a play or throws BodyError; anything else escaping is a crash.
//  - A play it accepts survives the round trip: encoded again and decoded, it is the same
//    play (same JSON, same chain hash), so a station's row hashes alike at the hub.
//  - parse_occurrence and canonical_instant accept only the exact text they would write.

#include "store/play_store.hpp"
#include "store/utc_text.hpp"
#include "wire/json_fields.hpp"
#include "wire/play_json.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace loaxa;

namespace {

void require(bool holds, const char* what, std::string_view input) {
  if (holds) return;
  std::fprintf(stderr, "fuzz_play_decoder: %s\ninput: %.*s\n", what, static_cast<int>(input.size()), input.data());
  std::abort();
}

void check_row(std::string_view text) {
  store::Play play;
  try {
    play = wire::play_from_json(text);
  } catch (const wire::BodyError& e) {
    require(!e.kind.empty(), "a BodyError without a kind", text);
    return;
  }
  require(play.seq.value_or(0) >= 1, "an accepted play without a positive seq", text);
  require(play.ended_at.has_value(), "an accepted play without an end", text);
  const std::string encoded = wire::play_to_json(play);
  store::Play again;
  try {
    again = wire::play_from_json(encoded);
  } catch (const wire::BodyError&) {
    require(false, "an accepted play, encoded again, is refused", encoded);
  }
  require(wire::play_to_json(again) == encoded, "an accepted play changes in the round trip", text);
  const std::string first(store::kFirstPreviousHash);
  require(store::chain_hash(first, again) == store::chain_hash(first, play),
          "an accepted play hashes differently after the round trip", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_row(text);
  if (const auto key = wire::parse_occurrence(text)) {
    require(key->text() == text, "parse_occurrence accepts a text it would not write", text);
  }
  if (const auto at = wire::canonical_instant(text)) {
    require(store::utc_text(*at) == text, "canonical_instant accepts a text it would not write", text);
  }
  return 0;
}
