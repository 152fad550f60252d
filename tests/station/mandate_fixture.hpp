#pragma once
// A station that receives district bulletins: the order the tests start from and the audio the
// hub would send (station/mandates, station/mandate_catch_up).

#include "station_fixture.hpp"
#include "store/mandate_store.hpp"
#include "store/slot_store.hpp"
#include "support/mandate_example.hpp"
#include "support/wav_writer.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace loaxa::test {

// The fixture's now is Monday 2027-01-04 04:00 local: the mandate starts that day.
inline store::MandateOrder mandate_order(std::int64_t id, const std::string& title = "VNeID trước 31/12") {
  return example_mandate(id, title);
}

struct MandateFixture : test::StationFixture {
  // A 20 s bulletin as the hub would send it; `tone` makes it distinct content.
  std::filesystem::path audio(int tone = 7) {
    const auto file = dir / ("mandate-" + std::to_string(tone) + ".wav");
    test::write_tone_wav(file, {.tone_s = 20.0, .frequency_hz = 200.0 + 31.0 * tone});
    return file;
  }
  schedules::UtcTime now() { return clock->now(); }
  store::MandateStore store() { return store::MandateStore(station.db()); }
  std::vector<store::StoredSlot> slots_of(std::int64_t mandate) {
    std::vector<store::StoredSlot> out;
    for (const auto id : store().slots_of(mandate)) out.push_back(*store::SlotStore(station.db()).find(id));
    return out;
  }
  schedules::TimeOfDay time_of(schedules::LocalDateTime time) {
    return std::chrono::duration_cast<schedules::TimeOfDay>(time - std::chrono::floor<std::chrono::days>(time));
  }
};

}  // namespace loaxa::test
