#include "mandate_fixture.hpp"

#include "schedules/civil_time.hpp"
#include "store/database.hpp"
#include "store/utc_text.hpp"

#include <algorithm>

namespace loaxa::hub::test {

Mandate vneid_mandate(const std::vector<std::string>& stations, const std::string& sha256, std::int64_t size) {
  Mandate m;
  auto& o = m.order;
  o.title = "Định danh điện tử VNeID";
  o.category = "CDS";
  o.terms.from = schedules::parse_date("2027-01-04");
  o.terms.until = schedules::parse_date("2027-01-17");
  o.terms.times_per_week = 3;
  o.terms.windows = schedules::parse_windows("05:00-07:00,17:00-19:00");
  o.sha256 = sha256;
  o.size = size;
  o.file_name = "vneid.mp3";
  o.issued_at = store::parse_utc_text("2027-01-03T01:00:00.000Z");
  m.stations = stations;
  return m;
}

std::vector<store::Play> airings_log(const std::vector<Airing>& airings) {
  using namespace std::chrono;
  auto db = store::Database::in_memory();
  store::PlayStore plays(db);
  int n = 0;
  for (const auto& airing : airings) {
    const auto start = store::parse_utc_text(airing.start_utc);
    store::PlayItem item;
    item.occurrence = store::OccurrenceKey::of_manual("airing-" + std::to_string(++n));
    item.programme_name = "Huyện: VNeID";
    item.segment_id = 7;
    item.segment_sha256 = std::string(64, 'b');
    item.category = "CDS";
    item.title = "Định danh điện tử VNeID";
    item.scheduled_start = start;
    item.mandate_id = airing.mandate_id;
    const auto id = plays.open_play(item, start);
    const bool completed = airing.status == store::PlayStatus::completed;
    plays.finalise(id, airing.status, completed ? "" : "emergency", start + seconds(completed ? 60 : 20),
                   48000 * (completed ? 60 : 20), 0);
  }
  auto out = plays.list();
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return *a.seq < *b.seq; });
  return out;
}

}  // namespace loaxa::hub::test
