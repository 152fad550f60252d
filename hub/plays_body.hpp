#pragma once
// A POST /api/v1/plays body read into plain structs, without the store: the server reads it
// on its event-loop thread while its writer thread stores the previous group (server.cpp).
// It holds exactly what Api::handle_plays answers from the body, refusals included, in the
// order the API checks them: the body's form and its station_id first; then, once the API
// has compared that station with the signer's, the plays. Pure; any thread.
//
// nlohmann stays out of this header: the body arrives as text.

#include "store/play_store.hpp"
#include "wire/play_json.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::hub {

struct PlaysBody {
  // The body is not an object of exactly "station_id" (text) and "plays".
  std::optional<wire::BodyError> bad_body;
  std::string station_id;
  // "plays" is not an array of at most max_plays valid rows in increasing seq order.
  std::optional<wire::BodyError> bad_plays;
  std::vector<store::Play> rows;
  // chained[i] (i ≥ 1): rows[i]'s chain hash computed after rows[i - 1]'s hash, ahead of the
  // store (chain_rules.hpp uses it when rows[i - 1] is the row before rows[i] in the chain).
  std::vector<std::string> chained;
};

PlaysBody read_plays_body(std::string_view body, std::size_t max_plays);

}  // namespace loaxa::hub
