// The store's side of reports: targets kept, replaced and removed; plays scheduled counted
// only within the spans a station's plan covers; a station's plays over days; and a month's
// plays counted by their local start (23:30 on the 31st is that month's).

#include "hub/frequency_report.hpp"
#include "hub/report_period.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "store/database.hpp"
#include "store/utc_text.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <algorithm>

using namespace loaxa;
using namespace loaxa::hub;
using namespace std::chrono;

namespace {

const Instant kNow = store::parse_utc_text("2027-01-02T03:00:00.000Z");

Station station(const std::string& id, const std::string& group = "") {
  Station s;
  s.id = id;
  s.name = "Xã " + id;
  s.group = group;
  s.sealed_key = {1, 2, 3};
  s.created_at = kNow;
  return s;
}

// A station's log, made by its own PlayStore: a completed CDS play of one minute at each
// start, then a missed one (never started) at `missed_at`.
std::vector<store::Play> log_at(const std::vector<std::string>& starts, const std::string& missed_at) {
  auto db = store::Database::in_memory();
  store::PlayStore plays(db);
  int n = 0;
  for (const auto& text : starts) {
    store::PlayItem item;
    const auto start = store::parse_utc_text(text);
    item.occurrence = store::OccurrenceKey::of_slot(1, start);
    item.programme_name = "Bản tin";
    item.position = n++;
    item.category = "CDS";
    item.title = "Tin " + std::to_string(n);
    item.scheduled_start = start;
    const auto id = plays.open_play(item, start);
    plays.finalise(id, store::PlayStatus::completed, "", start + minutes(1), 48000 * 60, 0);
  }
  store::PlayItem item;
  item.occurrence = store::OccurrenceKey::of_slot(2, store::parse_utc_text(missed_at));
  item.programme_name = "Bản tin";
  item.category = "CDS";
  item.title = "Bỏ lỡ";
  plays.record_skipped(item, store::PlayStatus::missed, "station_off", store::parse_utc_text(missed_at));
  auto out = plays.list();
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return *a.seq < *b.seq; });
  return out;
}

void plan(SQLite::Database& raw, const std::string& station, const std::string& from, const std::string& to,
          const std::vector<std::pair<std::string, std::string>>& items) {
  SQLite::Statement span(raw, "INSERT INTO plan_span VALUES (?, ?, ?, ?)");
  span.bind(1, station);
  span.bind(2, from);
  span.bind(3, to);
  span.bind(4, store::utc_text(kNow));
  span.exec();
  int position = 0;
  for (const auto& [category, start] : items) {
    SQLite::Statement row(raw, "INSERT INTO planned_play VALUES (?, ?, ?, ?, ?, ?)");
    row.bind(1, station);
    row.bind(2, "slot:1@" + start);
    row.bind(3, position++);
    row.bind(4, category);
    row.bind(5, start);
    row.bind(6, store::utc_text(kNow));
    row.exec();
  }
}

}  // namespace

TEST_CASE("targets are kept one per scope and category: set replaces, remove says if there was one",
          "[hub][store][targets]") {
  loaxa::test::TempDir dir;
  SqliteHubStore hub(dir / "hub.db");
  CHECK(hub.targets().empty());
  Target t;
  t.category = "CDS";
  t.min_plays = 20;
  hub.set_target(t);
  t.scope = Target::Scope::station;
  t.scope_name = "xa-moi";
  t.per = Target::Per::week;
  t.min_plays = 6;
  t.min_minutes = 12.5;
  hub.set_target(t);
  t.scope = Target::Scope::group;
  t.scope_name = "Huyện A";
  t.per = Target::Per::month;
  t.min_minutes.reset();
  t.min_plays = 25;
  hub.set_target(t);
  t.min_plays = 26;  // the group's again: replaced, not added
  hub.set_target(t);
  auto targets = hub.targets();
  REQUIRE(targets.size() == 3);
  CHECK(targets[0].scope == Target::Scope::hub);  // hub, group, station
  CHECK(targets[0].min_plays == 20);
  CHECK_FALSE(targets[0].min_minutes);
  CHECK(targets[1].scope_name == "Huyện A");
  CHECK(targets[1].min_plays == 26);
  CHECK(targets[2].per == Target::Per::week);
  CHECK(targets[2].min_minutes == 12.5);

  CHECK(hub.remove_target(Target::Scope::group, "Huyện A", "CDS"));
  CHECK_FALSE(hub.remove_target(Target::Scope::group, "Huyện A", "CDS"));
  CHECK_FALSE(hub.remove_target(Target::Scope::hub, "", "CCHC"));
  CHECK(hub.targets().size() == 2);
}

TEST_CASE("plays scheduled are counted inside the spans a station's plan covers, unknown without one",
          "[hub][store][report]") {
  loaxa::test::TempDir dir;
  SqliteHubStore hub(dir / "hub.db");
  hub.add_station(station("xa-moi"));
  hub.add_station(station("xa-yen"));
  hub.add_station(station("xa-xa"));
  {
    SQLite::Database raw((dir / "hub.db").string(), SQLite::OPEN_READWRITE);
    plan(raw, "xa-moi", "2026-11-25T17:00:00.000Z", "2026-12-08T17:00:00.000Z",
         {{"CDS", "2026-11-30T22:30:00.000Z"},
          {"CDS", "2026-12-01T22:30:00.000Z"},
          {"CCHC", "2026-12-01T23:00:00.000Z"},
          {"CDS", "2026-11-29T22:30:00.000Z"}});  // November's
    // xa-yen's rows lie outside any span it declared: not a whole plan, not counted.
    plan(raw, "xa-yen", "2026-10-01T17:00:00.000Z", "2026-10-08T17:00:00.000Z", {});
    SQLite::Statement stray(raw, "INSERT INTO planned_play VALUES ('xa-yen', 'slot:9@x', 0, 'CDS', ?, ?)");
    stray.bind(1, "2026-12-03T00:00:00.000Z");
    stray.bind(2, store::utc_text(kNow));
    stray.exec();
  }
  const auto [from, to] = period_window(month_period(2026, 12), schedules::TimeZone("Asia/Ho_Chi_Minh"));
  const auto planned = hub.planned(from, to);
  CHECK(planned.stations == std::set<std::string>{"xa-moi"});
  REQUIRE(planned.counts.size() == 2);
  CHECK(planned.counts[0].category == "CCHC");
  CHECK(planned.counts[0].planned == 1);
  CHECK(planned.counts[1].category == "CDS");
  CHECK(planned.counts[1].planned == 2);

  ReportRequest request;
  request.period = month_period(2026, 12);
  request.from = from;
  request.to = to;
  request.now = kNow;
  const auto report = build_frequency_report(request, hub.stations(), hub.report(from, to), planned, hub.targets());
  for (const auto& row : report.rows) {
    INFO(row.station_id << " " << row.category);
    CHECK(row.plays_scheduled.has_value() == (row.station_id == "xa-moi"));
  }
}

TEST_CASE("a play at 23:30 on the 31st, local time, is that month's, at midnight the next month's",
          "[hub][store][report]") {
  loaxa::test::TempDir dir;
  SqliteHubStore hub(dir / "hub.db");
  hub.add_station(station("xa-moi"));
  const auto plays = log_at({"2026-11-30T16:59:00.000Z",   // 23:59 on 30 Nov: November
                             "2026-11-30T17:00:00.000Z",   // 00:00 on 1 Dec: December
                             "2026-12-31T16:30:00.000Z",   // 23:30 on 31 Dec: December
                             "2026-12-31T17:00:00.000Z"},  // 00:00 on 1 Jan: January
                            "2026-12-31T16:59:59.000Z");   // missed, never started: by its end
  REQUIRE(hub.append_plays("xa-moi", plays, kNow).acked_seq == 5);
  const schedules::TimeZone zone("Asia/Ho_Chi_Minh");
  const auto count = [&](const Period& period) {
    const auto [from, to] = period_window(period, zone);
    const auto rows = hub.report(from, to);
    REQUIRE(rows.size() == 1);
    return std::pair{rows[0].plays_completed, rows[0].missed};
  };
  CHECK(count(month_period(2026, 11)) == std::pair<std::int64_t, std::int64_t>{1, 0});
  CHECK(count(month_period(2026, 12)) == std::pair<std::int64_t, std::int64_t>{2, 1});
  CHECK(count(month_period(2027, 1)) == std::pair<std::int64_t, std::int64_t>{1, 0});
  CHECK(count(*parse_quarter("2026-Q4")) == std::pair<std::int64_t, std::int64_t>{3, 1});
  CHECK(count(*parse_year("2026")) == std::pair<std::int64_t, std::int64_t>{3, 1});

  // The station's plays over days, by their local day.
  const auto [from, to] = days_window(2026y / 12 / 31, 2026y / 12 / 31, zone);
  const auto listed = hub.plays_between("xa-moi", from, to);
  REQUIRE(listed.size() == 2);
  CHECK(*listed[0].seq == 3);
  CHECK(*listed[1].seq == 5);
  CHECK(hub.plays_between("xa-yen", from, to).empty());
}
