#include "hub/plays_body.hpp"

#include "wire/json_fields.hpp"
#include "wire/plays_reader.hpp"

#include <nlohmann/json.hpp>

namespace loaxa::hub {
namespace {

using nlohmann::json;
using wire::BodyError;

// The body read through nlohmann's DOM, each refusal where the API meets it.
PlaysBody read_through_dom(std::string_view body, std::size_t max_plays) {
  PlaysBody out;
  try {
    const json value = json::parse(body, nullptr, false);
    if (value.is_discarded()) throw BodyError("malformed", "the body is not JSON");
    if (!value.is_object()) throw BodyError("wrong_type", "the body is not a JSON object");
    wire::Fields fields(value, "body");
    fields.only({"station_id", "plays"});
    out.station_id = fields.text("station_id");
    try {
      const auto& list = fields.at("plays");
      if (!list.is_array()) throw BodyError("wrong_type", "'plays' is not an array");
      if (list.size() > max_plays) {
        throw BodyError("bad_value", "more than " + std::to_string(max_plays) + " plays in one batch");
      }
      out.rows.reserve(list.size());
      std::int64_t previous_seq = 0;
      for (const auto& item : list) {
        out.rows.push_back(wire::play_from_value(item));
        if (*out.rows.back().seq <= previous_seq) throw BodyError("bad_value", "plays are not in increasing seq order");
        previous_seq = *out.rows.back().seq;
      }
    } catch (const BodyError& e) {
      out.rows.clear();
      out.bad_plays = e;
    }
  } catch (const BodyError& e) {
    out.bad_body = e;
  }
  return out;
}

}  // namespace

PlaysBody read_plays_body(std::string_view body, std::size_t max_plays) {
  PlaysBody out;
  // The usual body, read straight into rows; anything it is not sure of (an error, an escape
  // it does not decode) is read again through the DOM, which gives the answer.
  if (auto fast = wire::read_plays(body, max_plays)) {
    out.station_id = std::move(fast->station_id);
    out.rows = std::move(fast->rows);
  } else {
    out = read_through_dom(body, max_plays);
  }
  if (out.bad_body || out.bad_plays) return out;
  out.chained.resize(out.rows.size());
  for (std::size_t i = 1; i < out.rows.size(); ++i)
    out.chained[i] = store::chain_hash(out.rows[i - 1].hash, out.rows[i]);
  return out;
}

}  // namespace loaxa::hub
