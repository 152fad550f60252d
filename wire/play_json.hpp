#pragma once
// The JSON form of a play row in protocol v1 (docs/HUB.md): exactly the fields of the
// canonical form (docs/ASRUN.md) plus "hash". Strict: an unknown or missing field, a wrong
// type, a number out of range, an instant not in the canonical UTC text, a play ending
// before it started — each is refused with what was wrong. Pure; any thread.
//
// nlohmann::json stays out of this header: rows travel as text.

#include "store/play_store.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::wire {

// A request body the hub cannot take: kind is "malformed" (not JSON), "wrong_type",
// "missing_field", "unknown_field" or "bad_value".
class BodyError : public std::runtime_error {
 public:
  BodyError(std::string kind_, const std::string& detail) : std::runtime_error(detail), kind(std::move(kind_)) {}
  std::string kind;
};

// "slot:3@2026-11-30T22:30:00.000Z" or "manual:KEY" (KEY not empty), exactly as
// OccurrenceKey::text() writes it; else nullopt.
std::optional<store::OccurrenceKey> parse_occurrence(std::string_view text);

// A final play from its JSON object text. Throws BodyError.
store::Play play_from_json(std::string_view object_text);
// The JSON object for a final play (seq and hash set).
std::string play_to_json(const store::Play& play);

}  // namespace loaxa::wire
