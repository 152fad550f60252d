#include "hub_fixture.hpp"

#include "store/database.hpp"
#include "store/utc_text.hpp"
#include "wire/play_json.hpp"

#include <algorithm>

namespace loaxa::hub::test {

// Protocol v1's shared parts (signing, the play's JSON), as the station uses them.
using namespace loaxa::wire;

std::vector<store::Play> station_plays(int count) {
  using namespace std::chrono;
  auto db = store::Database::in_memory();
  store::PlayStore plays(db);
  const auto base = store::parse_utc_text("2026-11-30T22:30:00.000Z");
  for (int i = 0; i < count; ++i) {
    store::PlayItem item;
    item.occurrence = store::OccurrenceKey::of_slot(3, base + hours(24 * (i / 4)));
    item.programme_id = 1;
    item.programme_name = "Bản tin sáng";
    item.position = i % 4;
    item.segment_id = 7 + i;
    item.segment_sha256 = std::string(64, 'a');
    item.category = i % 2 == 0 ? "CDS" : "CCHC";
    item.title = "Định danh điện tử\nsố " + std::to_string(i);
    item.scheduled_start = base + minutes(i);
    const auto start = base + minutes(i);
    switch (i % 4) {
      case 0: {
        const auto id = plays.open_play(item, start);
        plays.finalise(id, store::PlayStatus::completed, "", start + seconds(30), 48000 * 30, 0);
        break;
      }
      case 1:
        plays.record_skipped(item, store::PlayStatus::missed, "", start);
        break;
      case 2: {
        const auto id = plays.open_play(item, start);
        plays.finalise(id, store::PlayStatus::failed, store::play_reason::device_lost, start + seconds(10), 48000 * 10,
                       2);
        break;
      }
      default: {
        const auto id = plays.open_play(item, start);
        plays.finalise(id, store::PlayStatus::interrupted, "emergency", start + seconds(20), 48000 * 20, 0);
        break;
      }
    }
  }
  auto out = plays.list();
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return *a.seq < *b.seq; });
  return out;
}

std::string plays_body(const std::string& station, const std::vector<store::Play>& plays, std::size_t first,
                       std::size_t count) {
  std::string body = "{\"station_id\":\"" + station + "\",\"plays\":[";
  const std::size_t end = std::min(plays.size(), count == static_cast<std::size_t>(-1) ? plays.size() : first + count);
  for (std::size_t i = first; i < end; ++i) {
    if (i != first) body += ",";
    body += play_to_json(plays[i]);
  }
  return body + "]}";
}

}  // namespace loaxa::hub::test
