// The as-run log as the station reads it: the window and status filter, and the rotation
// that takes what aired from it.

#include "station_fixture.hpp"

#include "station/log.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "station/timeline.hpp"
#include "store/play_store.hpp"

#include <catch2/catch.hpp>

using loaxa::test::StationFixture;
using loaxa::test::utc;
namespace schedules = loaxa::schedules;
namespace station = loaxa::station;
namespace store = loaxa::store;
using namespace std::chrono;

namespace {

store::PlayFilter by_status(store::PlayStatus status) {
  store::PlayFilter filter;
  filter.status = status;
  return filter;
}

store::PlayFilter window_of(loaxa::schedules::UtcTime from, loaxa::schedules::UtcTime to) {
  store::PlayFilter filter;
  filter.from = from;
  filter.to = to;
  return filter;
}

store::PlayItem played(std::int64_t segment_id, loaxa::Instant nominal) {
  store::PlayItem item;
  item.occurrence = store::OccurrenceKey::of_slot(99, nominal);
  item.programme_name = "Bản tin cũ";
  item.segment_id = segment_id;
  item.category = "CDS";
  item.title = "bản tin " + std::to_string(segment_id);
  item.scheduled_start = nominal;
  return item;
}

// A play of `segment_id` that started at `start` and ended with `status` after `frames`.
void log_play(station::Station& s, std::int64_t segment_id, const std::string& start, store::PlayStatus status,
              std::int64_t frames = 441000) {
  store::PlayStore plays(s.db());
  const auto at = utc(start);
  const auto id = plays.open_play(played(segment_id, at), at);
  plays.finalise(id, status, "", at + seconds(10), frames, 0);
}

// Three CDS bulletins; one of them airs each morning from Monday 4 January 2027.
struct MorningStation : StationFixture {
  std::vector<std::int64_t> segments;
  MorningStation() {
    for (int i = 0; i < 3; ++i) segments.push_back(add_segment("CDS", 1.0 + 0.5 * i, i));
    station::add_programme(station, "Sáng", {"rotate:CDS:1"});
    station::SlotRequest morning;
    morning.programme = "Sáng";
    morning.times = {schedules::parse_time_of_day("05:30")};
    morning.valid_from = schedules::LocalDate{std::chrono::year{2027} / 1 / 4};
    station::add_slots(station, morning);
  }
  // The segment each morning picks, Monday to Wednesday.
  std::vector<std::string> picks() {
    std::vector<std::string> out;
    for (const auto& o : station::plan_window(station, utc("2027-01-03T22:00"), utc("2027-01-06T22:00"))) {
      REQUIRE(o.items.size() == 1);
      out.push_back(o.items.front().segment_id);
    }
    return out;
  }
  std::string id(int index) const { return std::to_string(segments.at(index)); }
};

}  // namespace

TEST_CASE("rotation reads the as-run log: a segment aired recently comes after the others",
          "[station][log][rotation]") {
  MorningStation s;
  CHECK(s.picks() == std::vector<std::string>{s.id(0), s.id(1), s.id(2)});

  // Before the history point (a replay starts at most about three weeks back, T10), so the
  // log is the history: the first aired last, the second before it; the third's only play failed, so it is still owed
  // its turn.
  log_play(s.station, s.segments[1], "2026-11-29T22:30", store::PlayStatus::completed);
  log_play(s.station, s.segments[0], "2026-11-30T22:30", store::PlayStatus::completed);
  log_play(s.station, s.segments[2], "2026-12-01T22:30", store::PlayStatus::failed);
  CHECK(s.picks() == std::vector<std::string>{s.id(2), s.id(1), s.id(0)});
}

TEST_CASE("an interrupted play counts as aired once frames went out, a skipped one never", "[station][log][rotation]") {
  MorningStation s;
  log_play(s.station, s.segments[0], "2026-11-30T22:30", store::PlayStatus::interrupted, 4410);
  log_play(s.station, s.segments[1], "2026-11-30T22:31", store::PlayStatus::interrupted, 0);
  store::PlayStore(s.station.db())
      .record_skipped(played(s.segments[2], utc("2026-11-30T22:32")), store::PlayStatus::skipped,
                      store::play_reason::not_approved, utc("2026-11-30T22:32"));
  CHECK(s.picks() == std::vector<std::string>{s.id(1), s.id(2), s.id(0)});
}

TEST_CASE("list_plays filters by window and status, the log verifies", "[station][log]") {
  StationFixture s;
  log_play(s.station, 1, "2027-01-01T22:30", store::PlayStatus::completed);
  log_play(s.station, 2, "2027-01-02T22:30", store::PlayStatus::failed);
  log_play(s.station, 3, "2027-01-03T10:00", store::PlayStatus::completed);
  store::PlayStore(s.station.db()).open_play(played(4, utc("2027-01-03T20:59")), utc("2027-01-03T20:59"));

  CHECK(station::list_plays(s.station, {}).size() == 4);
  auto window = station::list_plays(s.station, window_of(utc("2027-01-02T00:00"), utc("2027-01-03T10:00")));
  REQUIRE(window.size() == 1);
  CHECK(window[0].item.segment_id == 2);
  auto done = station::list_plays(s.station, by_status(store::PlayStatus::completed));
  REQUIRE(done.size() == 2);
  CHECK(done[0].seq == 1);
  CHECK(done[1].seq == 3);
  CHECK(station::list_plays(s.station, by_status(store::PlayStatus::playing)).size() == 1);
  CHECK(station::verify_log(s.station).ok());
  CHECK(station::verify_log(s.station).rows_checked == 3);
}
