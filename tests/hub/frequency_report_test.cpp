// The frequency report built from what the store returns: which rows appear, plays
// scheduled and aired % only where a station sent a plan, targets and whether they are met,
// silent stations, and totals that add up to the rows, per category and per group.

#include "hub/frequency_report.hpp"
#include "store/utc_text.hpp"

#include <catch2/catch.hpp>

using namespace loaxa;
using namespace loaxa::hub;
using namespace std::chrono;

namespace {

const Instant kNow = store::parse_utc_text("2026-12-02T03:00:00.000Z");

Station station(std::string id, std::string group, std::optional<Instant> last_contact) {
  Station s;
  s.id = std::move(id);
  s.name = "Xã " + s.id;
  s.group = std::move(group);
  s.last_contact = last_contact;
  return s;
}

ReportRow aired(std::string station, std::string category, std::int64_t completed, std::int64_t minutes,
                std::int64_t missed = 0, std::int64_t interrupted = 0) {
  ReportRow row;
  row.station_id = std::move(station);
  row.category = std::move(category);
  row.plays_completed = completed;
  row.frames_aired = minutes * 60 * 48000;
  row.missed = missed;
  row.interrupted = interrupted;
  return row;
}

Target target(Target::Scope scope, std::string name, std::string category, std::int64_t plays) {
  Target t;
  t.scope = scope;
  t.scope_name = std::move(name);
  t.category = std::move(category);
  t.min_plays = plays;
  return t;
}

ReportRequest november() {
  ReportRequest request;
  request.period = month_period(2026, 11);
  request.time_zone = "Asia/Ho_Chi_Minh";
  request.now = kNow;
  return request;
}

const FrequencyRow& row_of(const FrequencyReport& report, const std::string& station, const std::string& category) {
  for (const auto& row : report.rows) {
    if (row.station_id == station && row.category == category) return row;
  }
  FAIL("no row " << station << " " << category);
  throw std::logic_error("unreachable");
}

// Three stations: two in Huyện A (one planned, one not), one without a group that aired
// nothing and has not called for a week.
struct Fixture {
  std::vector<Station> stations{station("xa-moi", "Huyện A", kNow - hours(1)),
                                station("xa-yen", "Huyện A", kNow - hours(71)), station("xa-xa", "", kNow - days(7))};
  std::vector<ReportRow> aggregates{aired("xa-moi", "CDS", 18, 90, 2, 1), aired("xa-moi", "KHAC", 3, 10),
                                    aired("xa-yen", "CDS", 25, 100, 0, 0), ReportRow{"xa-xa", "", 0, 0, 0, 0, {}}};
  PlannedCounts planned{{"xa-moi"}, {{"xa-moi", "CDS", 24}, {"xa-moi", "CCHC", 4}}};
  std::vector<Target> targets{target(Target::Scope::hub, "", "CDS", 20),
                              target(Target::Scope::group, "Huyện A", "CDS", 24)};
};

}  // namespace

TEST_CASE("each station has a row per category it aired, planned or has a target for", "[hub][report][frequency]") {
  Fixture f;
  const auto report = build_frequency_report(november(), f.stations, f.aggregates, f.planned, f.targets);
  REQUIRE(report.rows.size() == 5);
  // By group, then station, then category: the station without a group first.
  CHECK(report.rows[0].station_id == "xa-xa");
  CHECK(report.rows[1].station_id == "xa-moi");
  CHECK(report.rows[1].category == "CCHC");  // planned, never aired
  CHECK(report.rows[2].category == "CDS");
  CHECK(report.rows[3].category == "KHAC");
  CHECK(report.rows[4].station_id == "xa-yen");

  // A commune that aired nothing still shows, with zeros, for the category its target names.
  const auto& silent = row_of(report, "xa-xa", "CDS");
  CHECK(silent.plays_completed == 0);
  CHECK(silent.target->plays == 20);
  CHECK(silent.meets_target == false);
  CHECK(silent.silent);
  CHECK_FALSE(silent.plays_scheduled);
}

TEST_CASE("plays scheduled and aired % come only from a station's plan, never made up", "[hub][report][frequency]") {
  Fixture f;
  const auto report = build_frequency_report(november(), f.stations, f.aggregates, f.planned, f.targets);
  const auto& cds = row_of(report, "xa-moi", "CDS");
  CHECK(cds.plays_scheduled == 24);
  CHECK(*cds.aired_pct == Approx(75.0));
  const auto& khac = row_of(report, "xa-moi", "KHAC");
  CHECK(khac.plays_scheduled == 0);  // the station planned, and planned no KHAC
  CHECK_FALSE(khac.aired_pct);       // 3 of 0 is no percentage
  const auto& cchc = row_of(report, "xa-moi", "CCHC");
  CHECK(cchc.plays_scheduled == 4);
  CHECK(*cchc.aired_pct == Approx(0.0));
  const auto& yen = row_of(report, "xa-yen", "CDS");
  CHECK_FALSE(yen.plays_scheduled);  // no plan sent
  CHECK_FALSE(yen.aired_pct);
  CHECK_FALSE(yen.heard_pct);
}

TEST_CASE("the group's target applies over the hub's, and is met or not", "[hub][report][frequency]") {
  Fixture f;
  const auto report = build_frequency_report(november(), f.stations, f.aggregates, f.planned, f.targets);
  const auto& moi = row_of(report, "xa-moi", "CDS");
  CHECK(moi.target_rule->scope == Target::Scope::group);
  CHECK(moi.target->plays == 24);
  CHECK(moi.meets_target == false);                             // 18 of 24
  CHECK(row_of(report, "xa-yen", "CDS").meets_target == true);  // 25 of 24
  CHECK_FALSE(row_of(report, "xa-moi", "KHAC").meets_target);   // no target: neither yes nor no
  CHECK_FALSE(row_of(report, "xa-moi", "KHAC").target);
}

TEST_CASE("a station is silent after the time allowed without contact", "[hub][report][frequency]") {
  Fixture f;
  f.stations.push_back(station("xa-chua", "", std::nullopt));
  auto request = november();
  auto report = build_frequency_report(request, f.stations, f.aggregates, f.planned, f.targets);
  CHECK_FALSE(row_of(report, "xa-moi", "CDS").silent);
  CHECK_FALSE(row_of(report, "xa-yen", "CDS").silent);  // 71 h: within the default 72 h
  CHECK(row_of(report, "xa-xa", "CDS").silent);
  CHECK(row_of(report, "xa-chua", "CDS").silent);  // never called
  request.silent_after = hours(12);
  report = build_frequency_report(request, f.stations, f.aggregates, f.planned, f.targets);
  CHECK(row_of(report, "xa-yen", "CDS").silent);
  CHECK_FALSE(row_of(report, "xa-moi", "CDS").silent);
}

TEST_CASE("totals per category and per group add up the rows", "[hub][report][frequency]") {
  Fixture f;
  const auto report = build_frequency_report(november(), f.stations, f.aggregates, f.planned, f.targets);
  REQUIRE(report.category_totals.size() == 3);  // CCHC, CDS, KHAC
  const auto& cds = report.category_totals[1];
  CHECK(cds.category == "CDS");
  CHECK(cds.all_groups);
  CHECK(cds.stations == 3);
  CHECK(cds.plays_completed == 18 + 25 + 0);
  CHECK(cds.minutes_aired() == Approx(190.0));
  CHECK(cds.missed == 2);
  CHECK(cds.interrupted == 1);
  CHECK(cds.plays_scheduled == 24);       // only xa-moi planned
  CHECK(*cds.aired_pct == Approx(75.0));  // and only its plays count against it
  CHECK(cds.with_target == 3);
  CHECK(cds.meeting == 1);
  CHECK(cds.silent == 1);

  // Groups: the stations without one, then Huyện A.
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& total : report.group_totals) keys.emplace_back(total.group, total.category);
  CHECK(keys == std::vector<std::pair<std::string, std::string>>{
                    {"", "CDS"}, {"Huyện A", "CCHC"}, {"Huyện A", "CDS"}, {"Huyện A", "KHAC"}});
  const auto& group_cds = report.group_totals[2];
  CHECK_FALSE(group_cds.all_groups);
  CHECK(group_cds.stations == 2);
  CHECK(group_cds.plays_completed == 43);
  CHECK(group_cds.meeting == 1);
  CHECK(group_cds.plays_scheduled == 24);
  std::int64_t sum = 0;
  for (const auto& total : report.group_totals)
    if (total.category == "CDS") sum += total.plays_completed;
  CHECK(sum == cds.plays_completed);
}

TEST_CASE("a group or a category asked narrows the rows, and a category always has its row",
          "[hub][report][frequency]") {
  Fixture f;
  auto request = november();
  request.group = "Huyện A";
  auto report = build_frequency_report(request, f.stations, f.aggregates, f.planned, f.targets);
  for (const auto& row : report.rows) CHECK(row.group == "Huyện A");
  CHECK(report.rows.size() == 4);

  request = november();
  request.category = "CCHC";
  report = build_frequency_report(request, f.stations, f.aggregates, f.planned, f.targets);
  REQUIRE(report.rows.size() == 3);  // every station, zeros where it aired none
  for (const auto& row : report.rows) CHECK(row.category == "CCHC");
  CHECK(row_of(report, "xa-yen", "CCHC").plays_completed == 0);
  CHECK(row_of(report, "xa-moi", "CCHC").plays_scheduled == 4);
}

TEST_CASE("a station with nothing to report keeps one row without a category, and no groups means no group totals",
          "[hub][report][frequency]") {
  const std::vector<Station> stations{station("xa-xa", "", std::nullopt)};
  const auto report = build_frequency_report(november(), stations, {ReportRow{"xa-xa", "", 0, 0, 0, 0, {}}}, {}, {});
  REQUIRE(report.rows.size() == 1);
  CHECK(report.rows[0].category.empty());
  CHECK_FALSE(report.rows[0].target);
  CHECK(report.category_totals.empty());
  CHECK(report.group_totals.empty());
}

TEST_CASE("a quarter scales monthly targets by three", "[hub][report][frequency]") {
  Fixture f;
  auto request = november();
  request.period = *parse_quarter("2026-Q4");
  const auto report = build_frequency_report(request, f.stations, f.aggregates, f.planned, f.targets);
  CHECK(row_of(report, "xa-xa", "CDS").target->plays == 60);
  CHECK(row_of(report, "xa-yen", "CDS").target->plays == 72);
  CHECK(row_of(report, "xa-yen", "CDS").meets_target == false);
}
