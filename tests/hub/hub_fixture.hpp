#pragma once
// Plays for the hub's tests, made by the station's own store::PlayStore (so the seq and the
// hash chain are the real ones), and the JSON a station sends them as.

#include "store/play_store.hpp"

#include <string>
#include <vector>

namespace loaxa::hub::test {

// `count` final plays of a station's log, seq 1..count: completed, skipped, failed,
// interrupted in turn, starting on 2026-11-30 at 22:30 UTC, category CDS or CCHC.
std::vector<store::Play> station_plays(int count);

// {"station_id": station, "plays": [...]} for plays[first, first + count).
std::string plays_body(const std::string& station, const std::vector<store::Play>& plays, std::size_t first = 0,
                       std::size_t count = static_cast<std::size_t>(-1));

}  // namespace loaxa::hub::test
