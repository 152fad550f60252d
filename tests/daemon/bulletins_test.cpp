// Bulletin levels on the scheduler and player together (ManualClock): `loaxa emergency`
// cuts what is on air and airs at once, then the programme goes on; `loaxa priority` puts a
// segment first in the next programme. What the as-run log says about each.

#include "daemon_sim.hpp"
#include "scheduler_helpers.hpp"

#include "station/error.hpp"
#include "station/programmes.hpp"

#include <catch2/catch.hpp>

using loaxa::test::add_segment_with;
using loaxa::test::add_slot;
using loaxa::test::DaemonSim;
using loaxa::test::plays;
using loaxa::test::seg;
using loaxa::test::StationFixture;
using loaxa::test::utc;
namespace station = loaxa::station;
namespace store = loaxa::store;
using namespace std::chrono_literals;

TEST_CASE("an emergency during a programme: the item on air interrupted, the emergency, then the rest",
          "[daemon][emergency]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 5.0, 1);
  const auto b = s.add_segment("CDS", 1.0, 2);
  const auto c = s.add_segment("CCHC", 1.0, 3);
  const auto alarm = s.add_segment("CDS", 2.0, 4);
  station::add_programme(s.station, "A", {seg(a), seg(b), seg(c)});
  add_slot(s, "A", "05:30");
  DaemonSim sim(s, DaemonSim::default_options(), {"amp", "on"}, {"amp", "off"});
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T22:30:02"));
  REQUIRE(sim.scheduler->on_air()->level == store::PlayLevel::normal);

  const auto start = sim.scheduler->emergency(alarm, 2, "nguyenvana");
  CHECK(start == utc("2027-01-03T22:30:02") + 100ms);  // the amplifier is on: no lead
  sim.play_queued();
  sim.run_until(utc("2027-01-03T22:30:03"));
  REQUIRE(sim.scheduler->on_air().has_value());
  CHECK(sim.scheduler->on_air()->level == store::PlayLevel::emergency);
  sim.run_until(utc("2027-01-03T22:31"));

  const auto rows = plays(s);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].item.segment_id == a);
  CHECK(rows[0].status == store::PlayStatus::interrupted);
  CHECK(rows[0].reason == "preempted");
  CHECK(*rows[0].ended_at == utc("2027-01-03T22:30:02"));
  CHECK(rows[0].frames == 2 * 8000);
  for (int i : {1, 2}) {
    CHECK(rows[i].item.segment_id == alarm);
    CHECK(rows[i].item.level == store::PlayLevel::emergency);
    CHECK(rows[i].item.position == i - 1);
    CHECK(rows[i].status == store::PlayStatus::completed);
    CHECK(rows[i].item.occurrence.text() == "manual:emergency@2027-01-03T22:30:02.000Z by nguyenvana");
    CHECK(rows[i].frames == 2 * 8000);
  }
  CHECK(*rows[1].started_at == start);
  CHECK(*rows[2].started_at == start + 2s);
  // The programme goes on from the item after the one cut, back to back with the emergency.
  CHECK(rows[3].item.segment_id == b);
  CHECK(rows[3].item.position == 1);
  CHECK(rows[3].item.programme_name == "A");
  CHECK(rows[3].status == store::PlayStatus::completed);
  CHECK(*rows[3].started_at == start + 4s);
  CHECK(rows[4].item.segment_id == c);
  CHECK(rows[4].status == store::PlayStatus::completed);
  CHECK(*rows[4].started_at == start + 5s);
  // The amplifier was never switched off in between: on before A, off once after the end.
  REQUIRE(sim.runner.runs.size() == 2);
  CHECK(sim.runner.runs[0] == std::vector<std::string>{"amp", "on"});
  CHECK(sim.runner.runs[1] == std::vector<std::string>{"amp", "off"});
  CHECK_THAT(sim.log_text.str(), Catch::Contains("nguyenvana"));
}

TEST_CASE("an emergency with nothing on air waits for a cold amplifier's lead, then airs", "[daemon][emergency]") {
  StationFixture s;
  const auto alarm = s.add_segment("CDS", 1.0, 1);
  s.clock->set(utc("2027-01-03T10:00"));
  DaemonSim sim(s, DaemonSim::default_options(), {"amp", "on"}, {"amp", "off"});
  sim.scheduler->start();
  const auto start = sim.scheduler->emergency(alarm, 1, "");
  CHECK(start == utc("2027-01-03T10:00:20"));  // amp_lead
  REQUIRE(sim.runner.runs.size() == 1);
  CHECK(sim.runner.runs[0] == std::vector<std::string>{"amp", "on"});
  sim.play_queued();
  sim.run_until(utc("2027-01-03T10:01"));
  const auto rows = plays(s);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].status == store::PlayStatus::completed);
  CHECK(*rows[0].started_at == start);
  CHECK(rows[0].item.occurrence.text() == "manual:emergency@2027-01-03T10:00:00.000Z");
}

TEST_CASE("an emergency ending past the programme's grace: the rest is logged skipped, preempted",
          "[daemon][emergency]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 5.0, 1);
  const auto b = s.add_segment("CDS", 1.0, 2);
  const auto alarm = s.add_segment("CDS", 10.0, 3);
  station::add_programme(s.station, "A", {seg(a), seg(b)});
  add_slot(s, "A", "05:30");
  auto options = DaemonSim::default_options();
  options.max_wait = 1s;  // A's planned end 05:30:06 + 1 s; the emergency ends 05:30:12.1
  DaemonSim sim(s, options);
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T22:30:02"));
  sim.scheduler->emergency(alarm, 1, "op");
  sim.play_queued();
  sim.run_until(utc("2027-01-03T22:31"));
  const auto rows = plays(s);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].status == store::PlayStatus::interrupted);
  CHECK(rows[1].item.segment_id == b);
  CHECK(rows[1].status == store::PlayStatus::skipped);
  CHECK(rows[1].reason == "preempted");
  CHECK(rows[2].item.segment_id == alarm);
  CHECK(rows[2].status == store::PlayStatus::completed);
}

TEST_CASE("a second emergency cuts the first, which is not resumed, and the programme follows the second",
          "[daemon][emergency]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 5.0, 1);
  const auto b = s.add_segment("CDS", 1.0, 2);
  const auto first = s.add_segment("CDS", 3.0, 3);
  const auto second = s.add_segment("CDS", 1.0, 4);
  station::add_programme(s.station, "A", {seg(a), seg(b)});
  add_slot(s, "A", "05:30");
  DaemonSim sim(s);
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T22:30:01"));
  sim.scheduler->emergency(first, 2, "op");
  sim.play_queued();
  sim.run_until(utc("2027-01-03T22:30:02"));
  sim.scheduler->emergency(second, 1, "op");
  sim.play_queued();
  sim.run_until(utc("2027-01-03T22:31"));

  const auto rows = plays(s);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].item.segment_id == a);
  CHECK(rows[0].reason == "preempted");
  CHECK(rows[1].item.segment_id == first);
  CHECK(rows[1].status == store::PlayStatus::interrupted);
  CHECK(rows[1].reason == "preempted");
  CHECK(rows[2].item.segment_id == first);  // its repeat never aired
  CHECK(rows[2].status == store::PlayStatus::skipped);
  CHECK(rows[2].reason == "preempted");
  CHECK(rows[3].item.segment_id == second);
  CHECK(rows[3].status == store::PlayStatus::completed);
  CHECK(rows[4].item.segment_id == b);
  CHECK(rows[4].status == store::PlayStatus::completed);
  CHECK(*rows[4].started_at == *rows[3].ended_at);
}

TEST_CASE("an emergency naming no segment cuts nothing", "[daemon][emergency]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 5.0, 1);
  station::add_programme(s.station, "A", {seg(a)});
  add_slot(s, "A", "05:30");
  DaemonSim sim(s);
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T22:30:02"));
  CHECK_THROWS_AS(sim.scheduler->emergency(999, 1, "op"), station::StationError);
  sim.run_until(utc("2027-01-03T22:31"));
  const auto rows = plays(s);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].status == store::PlayStatus::completed);
}

TEST_CASE("loaxa priority: the segment airs first in the next programme, which follows it", "[daemon][priority]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 5.0, 1);
  const auto b = s.add_segment("CCHC", 1.5, 2);
  const auto unapproved = add_segment_with(s, {.sample_rate = 8000, .tone_s = 1.0}, "draft", false);
  station::add_programme(s.station, "A", {seg(a)});
  add_slot(s, "A", "05:30,05:40");
  s.clock->set(utc("2027-01-03T22:00"));
  DaemonSim sim(s);
  sim.scheduler->start();

  try {
    sim.scheduler->prioritise(unapproved, "op");
    FAIL("an unapproved segment was put first");
  } catch (const station::StationError& e) {
    CHECK(e.detail == "not_approved");
  }
  sim.scheduler->prioritise(b, "tranthib");
  CHECK(sim.scheduler->priority_waiting().size() == 1);
  sim.run_until(utc("2027-01-03T22:31"));
  CHECK(sim.scheduler->priority_waiting().empty());
  sim.run_until(utc("2027-01-03T22:41"));

  const auto rows = plays(s);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].item.segment_id == b);
  CHECK(rows[0].item.level == store::PlayLevel::priority);
  CHECK(rows[0].item.programme_name == "A");
  CHECK(rows[0].item.occurrence.text().rfind("manual:priority@2027-01-03T22:30:00.000Z by tranthib", 0) == 0);
  CHECK(*rows[0].started_at == utc("2027-01-03T22:30"));
  CHECK(rows[0].status == store::PlayStatus::completed);
  CHECK(rows[1].item.segment_id == a);
  CHECK(*rows[1].started_at == utc("2027-01-03T22:30:01") + 500ms);
  CHECK(rows[1].status == store::PlayStatus::completed);
  // Only the next programme: the one after airs as planned.
  CHECK(rows[2].item.segment_id == a);
  CHECK(*rows[2].started_at == utc("2027-01-03T22:40"));
}
