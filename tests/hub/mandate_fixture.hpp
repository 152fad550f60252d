#pragma once
// District bulletins for the hub's tests (docs/MANDATES.md): a mandate's order, and a
// station's log of plays that air mandates, made by the station's own store::PlayStore (so
// the seq, the mandate line of the canonical form and the hash chain are the real ones).

#include "hub/hub_mandates.hpp"
#include "store/play_store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::hub::test {

// "VNeID" (CDS), 2027-01-04 … 2027-01-17 (two periods), 3 a week (required 6), windows
// 05:00-07:00 and 17:00-19:00, normal; to `stations`. Its audio: `sha256`, `size` bytes.
Mandate vneid_mandate(const std::vector<std::string>& stations, const std::string& sha256 = std::string(64, 'b'),
                      std::int64_t size = 1000);

struct Airing {
  std::string start_utc;                                    // "2027-01-05T00:00:00.000Z"
  store::PlayStatus status = store::PlayStatus::completed;  // completed or interrupted
  std::optional<std::int64_t> mandate_id;
};

// A station's final plays, seq 1…, one per airing, 60 s each (20 s when interrupted).
std::vector<store::Play> airings_log(const std::vector<Airing>& airings);

}  // namespace loaxa::hub::test
