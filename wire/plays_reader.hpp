#pragma once
// A plays body ({"station_id": …, "plays": [row, …]}) read straight into store::Play rows,
// without building a JSON document: the hub's ingest reads every byte a station sends through
// here, and nlohmann's DOM cost as much as storing the rows. It reads only the usual form —
// strict JSON, each row's 18 fields once (any order), UTF-8 text with the short escapes,
// plain non-negative integers — and every value as play_from_value checks it. Anything else
// (an error, a \u escape, a number it does not read) gives nullopt, and the caller reads the
// body through the DOM (play_json.hpp), which gives the answer: this reader never accepts what
// that path refuses, and accepts a body as the same rows (tests/hub/plays_reader_test.cpp).
// Pure; any thread.

#include "store/play_store.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::wire {

struct PlaysRead {
  std::string station_id;
  std::vector<store::Play> rows;  // in increasing seq order
};

// nullopt: not the usual form, not valid, or more than `max_plays` rows.
std::optional<PlaysRead> read_plays(std::string_view body, std::size_t max_plays);

}  // namespace loaxa::wire
