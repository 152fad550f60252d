#pragma once
// What the scheduler's tests share: a station's slots, segments and as-run log in a line each.

#include "../station/station_fixture.hpp"
#include "store/play_store.hpp"
#include "support/wav_writer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::test {

// Slots of `programme` at `times` ("05:30,05:40"), every day or on `weekdays`.
void add_slot(StationFixture& s, const std::string& programme, const std::string& times,
              std::optional<std::string> weekdays = std::nullopt);
// A tone imported as category CDS under `name`, approved or not.
std::int64_t add_segment_with(StationFixture& s, const ToneSpec& tone, const std::string& name, bool approve);
// Every play row, in the order they were opened.
std::vector<store::Play> plays(StationFixture& s);
// A programme item naming segment `id`.
std::string seg(std::int64_t id);

}  // namespace loaxa::test
