// The scheduler and the player together, on a ManualClock: what airs when, and what the
// as-run log says about it.

#include "daemon_sim.hpp"
#include "scheduler_helpers.hpp"

#include "schedules/civil_time.hpp"
#include "station/catalogue.hpp"
#include "station/error.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "store/occurrence_store.hpp"
#include "store/play_store.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using loaxa::Instant;
using loaxa::test::add_segment_with;
using loaxa::test::add_slot;
using loaxa::test::DaemonSim;
using loaxa::test::plays;
using loaxa::test::seg;
using loaxa::test::StationFixture;
using loaxa::test::utc;
namespace ld = loaxa::daemon;
namespace schedules = loaxa::schedules;
namespace station = loaxa::station;
namespace store = loaxa::store;
using namespace std::chrono_literals;

namespace {

const ld::PlayerEvent& first_event(const DaemonSim& sim, ld::PlayerEvent::Kind kind, std::uint64_t job,
                                   std::size_t item = 0) {
  for (const auto& record : sim.events) {
    if (record.event.kind == kind && record.event.job == job && record.event.item == item) return record.event;
  }
  FAIL("no such event");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a week of schedule airs every occurrence once, items back to back", "[daemon][week]") {
  StationFixture s;  // Monday 4 January 2027, 04:00 local
  const auto a = s.add_segment("CDS", 1.0, 1);
  const auto b = s.add_segment("CDS", 1.5, 2);
  station::add_programme(s.station, "Sáng", {seg(a), seg(b)});
  add_slot(s, "Sáng", "05:30,17:00", "T2-T7");
  DaemonSim sim(s);
  sim.scheduler->start();

  // Tuesday noon: the operator adds an evening slot; the running daemon picks it up.
  sim.run_until(utc("2027-01-05T05:00"));
  station::add_programme(s.station, "Tối", {seg(b)});
  add_slot(s, "Tối", "20:00");
  sim.run_until(utc("2027-01-10T17:00"));  // Sunday midnight, local

  const auto rows = plays(s);
  // Mon-Sat: 2 programmes of 2 items; Tue-Sun: "Tối", 1 item.
  REQUIRE(rows.size() == 6 * 2 * 2 + 6);
  int completed = 0;
  for (const auto& row : rows) {
    INFO(row.item.occurrence.text() << " position " << row.item.position);
    CHECK(row.status == store::PlayStatus::completed);
    CHECK(row.reason.empty());
    CHECK(row.started_at.has_value());
    CHECK(row.seq.has_value());
    completed += row.status == store::PlayStatus::completed;
  }
  CHECK(completed == 30);

  // Each "Sáng" airing: item 0 at the slot's instant, item 1 right after its 1.0 s.
  const auto first = rows.at(0);
  CHECK(first.item.programme_name == "Sáng");
  CHECK(first.item.position == 0);
  CHECK(*first.started_at == utc("2027-01-03T22:30"));  // 05:30 local
  CHECK(*first.ended_at == utc("2027-01-03T22:30") + 1000ms);
  CHECK(first.frames == 8000);
  CHECK(first.underruns == 0);
  const auto second = rows.at(1);
  CHECK(second.item.position == 1);
  CHECK(*second.started_at == utc("2027-01-03T22:30:01"));
  CHECK(second.frames == 12000);

  // In time order, with a chain that verifies, and every occurrence frozen once.
  for (std::size_t i = 1; i < rows.size(); ++i) CHECK(*rows[i - 1].started_at < *rows[i].started_at);
  CHECK(store::PlayStore(s.station.db()).verify_chain().ok());
  store::OccurrenceStore occurrences(s.station.db());
  CHECK(occurrences.frozen_since(utc("2027-01-01T00:00")).size() == 6 * 2 + 6);
  CHECK(sim.runner.runs.empty());  // no amplifier configured: nothing run
}

TEST_CASE("trimmed silence is not played", "[daemon]") {
  StationFixture s;
  const auto id =
      add_segment_with(s, {.leading_silence_s = 0.5, .tone_s = 1.0, .trailing_silence_s = 0.75}, "padded", true);
  const auto next = s.add_segment("CDS", 1.0, 3);
  station::add_programme(s.station, "A", {seg(id), seg(next)});
  add_slot(s, "A", "05:30");
  DaemonSim sim(s);
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T23:00"));
  const auto rows = plays(s);
  REQUIRE(rows.size() == 2);
  // About one second of tone (the trim is found to a few milliseconds), then the next item.
  CHECK(std::abs(static_cast<double>(rows[0].frames) - 8000.0) < 8000 * 0.05);
  CHECK(*rows[1].started_at == *rows[0].ended_at);
  CHECK(*rows[1].started_at - *rows[0].started_at < 1050ms);
}

TEST_CASE("the first frame is heard at the scheduled instant, placed by next_frame_time", "[daemon][timing]") {
  StationFixture s;
  const auto id = s.add_segment("CDS", 1.0, 1);
  station::add_programme(s.station, "A", {seg(id)});
  add_slot(s, "A", "05:30");
  auto options = DaemonSim::default_options();
  options.prime_lead = 1337ms;  // an odd lead: the silence before the start is not a round figure
  DaemonSim sim(s, options);
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T23:00"));

  REQUIRE(sim.job_starts.size() == 1);
  REQUIRE(sim.output.sessions.size() == 1);
  const auto& started = first_event(sim, ld::PlayerEvent::Kind::item_started, 1);
  // The job's start is the slot's instant on the steady clock; the frame placed there is due
  // then, to within one frame (125 µs at 8 kHz).
  const auto due = sim.output.due(started.frame);
  CHECK(std::chrono::abs(due - sim.job_starts[0]) <= std::chrono::microseconds(125));
  CHECK(started.frame == 10696);  // 1.337 s at 8 kHz
  const auto& samples = sim.output.sessions[0].samples;
  REQUIRE(samples.size() > started.frame + 800);
  CHECK(std::all_of(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(started.frame),
                    [](float x) { return x == 0.0f; }));
  CHECK(std::any_of(samples.begin() + static_cast<std::ptrdiff_t>(started.frame),
                    samples.begin() + static_cast<std::ptrdiff_t>(started.frame) + 800,
                    [](float x) { return x != 0.0f; }));
  const auto rows = plays(s);
  REQUIRE(rows.size() == 1);
  CHECK(*rows[0].started_at == utc("2027-01-03T22:30"));
}

TEST_CASE("back-to-back programmes follow to the frame, amplifier kept on", "[daemon][amplifier]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 1.0, 1);
  const auto b = s.add_segment("CDS", 1.25, 2);
  station::add_programme(s.station, "A", {seg(a)});
  station::add_programme(s.station, "B", {seg(b)});
  add_slot(s, "A", "05:30");
  add_slot(s, "B", "05:30");  // same time: waits for A to end (rule T4)
  DaemonSim sim(s, DaemonSim::default_options(), {"amp", "on"}, {"amp", "off"});
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T23:00"));

  const auto rows = plays(s);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].item.programme_name == "A");
  CHECK(rows[1].item.programme_name == "B");
  CHECK(*rows[1].started_at == *rows[0].ended_at);
  CHECK(rows[1].status == store::PlayStatus::completed);
  // B continued on the output A opened, its first frame right after A's last.
  REQUIRE(sim.output.sessions.size() == 1);
  const auto& a_end = first_event(sim, ld::PlayerEvent::Kind::job_ended, 1);
  const auto& b_start = first_event(sim, ld::PlayerEvent::Kind::item_started, 2);
  CHECK(b_start.frame == a_end.frame);
  CHECK(b_start.at == a_end.at);
  // One switch on before A, one off after B.
  REQUIRE(sim.runner.runs.size() == 2);
  CHECK(sim.runner.runs[0] == std::vector<std::string>{"amp", "on"});
  CHECK(sim.runner.runs[1] == std::vector<std::string>{"amp", "off"});
}

TEST_CASE("amplifier: on lead before, off tail after, a failing command logged", "[daemon][amplifier]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 1.0, 1);
  station::add_programme(s.station, "A", {seg(a)});
  add_slot(s, "A", "05:30,05:31");  // 59 s apart: lead 20 s + tail 10 s fit between, so off and on again
  DaemonSim sim(s, DaemonSim::default_options(), {"amp", "on"}, {"fail", "off"});
  std::vector<std::pair<std::string, Instant>> when;
  sim.scheduler->start();
  std::size_t seen = 0;
  for (Instant t = utc("2027-01-03T22:29"); t < utc("2027-01-03T22:33"); t += 1s) {
    sim.run_until(t);
    while (seen < sim.runner.runs.size()) when.emplace_back(sim.runner.runs[seen++].back(), s.clock->now());
  }
  REQUIRE(when.size() == 4);
  CHECK(when[0] == std::pair<std::string, Instant>{"on", utc("2027-01-03T22:29:40")});
  CHECK(when[1] == std::pair<std::string, Instant>{"off", utc("2027-01-03T22:30:11")});
  CHECK(when[2] == std::pair<std::string, Instant>{"on", utc("2027-01-03T22:30:40")});
  CHECK(when[3] == std::pair<std::string, Instant>{"off", utc("2027-01-03T22:31:11")});
  CHECK_THAT(sim.log_text.str(), Catch::Contains("amp_off") && Catch::Contains("fail"));
  CHECK(plays(s).size() == 2);
}

TEST_CASE("a missing file fails its item and the next one plays, skips and relays are logged", "[daemon]") {
  StationFixture s;
  const auto gone = s.add_segment("CDS", 1.0, 1);
  const auto next = s.add_segment("CDS", 1.0, 2);
  const auto draft = add_segment_with(s, {.tone_s = 1.0, .frequency_hz = 440}, "draft", false);
  station::add_programme(s.station, "A", {seg(gone), seg(draft), "relay:vov:1m", seg(next)});
  add_slot(s, "A", "05:30");
  std::filesystem::remove(s.station.home().segments() / station::find_segment(s.station, gone).file_name);
  DaemonSim sim(s);
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T23:00"));

  auto rows = plays(s);
  REQUIRE(rows.size() == 4);
  std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x.item.position < y.item.position; });
  CHECK(rows[0].status == store::PlayStatus::failed);
  CHECK(rows[0].reason == "file_missing");
  CHECK(rows[0].frames == 0);
  CHECK(rows[1].status == store::PlayStatus::skipped);
  CHECK(rows[1].reason == "not_approved");
  CHECK_FALSE(rows[1].started_at.has_value());
  CHECK(rows[2].status == store::PlayStatus::failed);
  CHECK(rows[2].reason == "no_input");
  CHECK_FALSE(rows[2].item.segment_id.has_value());
  CHECK(rows[3].status == store::PlayStatus::completed);
  CHECK(*rows[3].started_at == utc("2027-01-03T22:30"));  // nothing aired before it
  CHECK(rows[3].frames == 8000);
  CHECK_THAT(sim.log_text.str(), Catch::Contains("file_missing"));
}

TEST_CASE("a crash: the open row is closed at start-up, the programme goes on from the next item",
          "[daemon][restart]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 3.0, 1);
  const auto b = s.add_segment("CDS", 1.0, 2);
  station::add_programme(s.station, "A", {seg(a), seg(b)});
  add_slot(s, "A", "05:30,17:00");
  {
    DaemonSim first(s);
    first.scheduler->start();
    first.run_until(utc("2027-01-03T22:30:02"));  // item 0 on air, 2 s in
    REQUIRE(plays(s).size() == 1);
    CHECK(plays(s)[0].status == store::PlayStatus::playing);
  }  // the process dies here: no shutdown

  // It comes back 8 s later, within max_wait of the 05:30 start.
  s.clock->set(utc("2027-01-03T22:30:10"));
  DaemonSim second(s);
  second.scheduler->start();
  auto rows = plays(s);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].status == store::PlayStatus::interrupted);
  CHECK(rows[0].reason == "crash");
  second.run_until(utc("2027-01-04T11:00"));
  CHECK_THAT(second.log_text.str(), Catch::Contains("goes on from item 2"));
  rows = plays(s);
  REQUIRE(rows.size() == 4);  // the crashed row, item 1 resumed, then 17:00's two items
  CHECK(rows[1].item.position == 1);
  CHECK(rows[1].status == store::PlayStatus::completed);
  CHECK(*rows[1].started_at == utc("2027-01-03T22:30:10"));
  CHECK(*rows[1].item.scheduled_start == utc("2027-01-03T22:30"));  // its lateness shows
  CHECK(*rows[2].started_at == utc("2027-01-04T10:00"));
  CHECK(rows[2].status == store::PlayStatus::completed);
  CHECK(rows[3].status == store::PlayStatus::completed);
  // Once more, restarting within max_wait of 17:00 and long after: nothing airs twice.
  s.clock->set(utc("2027-01-04T10:01"));
  {
    DaemonSim third(s);
    third.scheduler->start();
    third.run_until(utc("2027-01-04T12:00"));
    CHECK_THAT(third.log_text.str(), Catch::Contains("not aired again"));
  }
  CHECK(plays(s).size() == 4);
}

TEST_CASE("down through occurrences: those past max_wait are logged missed, a later one airs late",
          "[daemon][restart]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 1.0, 1);
  const auto b = s.add_segment("CDS", 1.0, 2);
  station::add_programme(s.station, "A", {seg(a), seg(b)});
  add_slot(s, "A", "05:30,05:40,06:00");
  {
    DaemonSim first(s);
    first.scheduler->start();
    first.run_until(utc("2027-01-03T22:31"));  // 05:30 aired, then the power goes
  }
  s.clock->set(utc("2027-01-03T23:05"));  // back at 06:05: 05:40 is 25 min gone, 06:00 only 5
  DaemonSim second(s);
  second.scheduler->start();
  second.run_until(utc("2027-01-03T23:10"));
  const auto rows = plays(s);
  REQUIRE(rows.size() == 6);
  CHECK(rows[0].status == store::PlayStatus::completed);
  for (int i : {2, 3}) {
    CHECK(rows[i].status == store::PlayStatus::missed);
    CHECK(rows[i].reason == "station_off");
    CHECK(*rows[i].item.scheduled_start == utc("2027-01-03T22:40"));
    CHECK_FALSE(rows[i].started_at.has_value());
  }
  CHECK(rows[4].status == store::PlayStatus::completed);
  CHECK(*rows[4].item.scheduled_start == utc("2027-01-03T23:00"));
  CHECK(*rows[4].started_at == utc("2027-01-03T23:05"));
  CHECK_THAT(second.log_text.str(), Catch::Contains("logged as missed"));
  CHECK_THAT(second.log_text.str(), Catch::Contains("300 s late"));
  // A restart logs nothing twice.
  DaemonSim third(s);
  third.scheduler->start();
  third.run_until(utc("2027-01-03T23:20"));
  CHECK(plays(s).size() == 6);

  // A new station (nothing ever aired) misses nothing from before it started.
  StationFixture fresh;
  const auto c = fresh.add_segment("CDS", 1.0, 1);
  station::add_programme(fresh.station, "A", {seg(c)});
  add_slot(fresh, "A", "05:30");
  fresh.clock->set(utc("2027-01-05T00:00"));
  DaemonSim newcomer(fresh);
  newcomer.scheduler->start();
  CHECK(plays(fresh).empty());
}

TEST_CASE("a step of the wall clock: jumped-over occurrences missed or late, nothing aired twice", "[daemon][clock]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 1.0, 1);
  station::add_programme(s.station, "A", {seg(a)});
  add_slot(s, "A", "05:30,05:40,06:20");
  DaemonSim sim(s);
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T22:31"));
  REQUIRE(plays(s).size() == 1);
  // NTP corrects the clock by +55 min: 05:40 is jumped over by far, 06:20 by 6 min.
  sim.step_wall(std::chrono::minutes(55));
  sim.run_until(utc("2027-01-03T23:30"));
  auto rows = plays(s);
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].status == store::PlayStatus::missed);
  CHECK(*rows[1].item.scheduled_start == utc("2027-01-03T22:40"));
  CHECK(rows[2].status == store::PlayStatus::completed);
  CHECK(*rows[2].started_at == utc("2027-01-03T23:26"));
  CHECK_THAT(sim.log_text.str(), Catch::Contains("the clock moved by 3300 s"));
  // And back by an hour: what aired in that hour does not air again.
  sim.step_wall(-std::chrono::hours(1));
  sim.run_until(utc("2027-01-03T23:10"));
  CHECK(plays(s).size() == 3);
  CHECK_THAT(sim.log_text.str(), Catch::Contains("the clock moved by -3600 s"));
}

TEST_CASE("stopping finalises the play on air as interrupted", "[daemon][stop]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 5.0, 1);
  const auto b = s.add_segment("CDS", 1.0, 2);
  station::add_programme(s.station, "A", {seg(a), seg(b)});
  add_slot(s, "A", "05:30");
  DaemonSim sim(s, DaemonSim::default_options(), {"amp", "on"}, {"amp", "off"});
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T22:30:02"));
  // Progress every 2 s while it plays: what the device consumed by then.
  auto open = plays(s);
  REQUIRE(open.size() == 1);
  CHECK(open[0].status == store::PlayStatus::playing);
  REQUIRE(open[0].progress_at.has_value());
  CHECK(*open[0].progress_at == utc("2027-01-03T22:30:02"));
  CHECK(open[0].frames == 2 * 8000);
  sim.scheduler->shutdown();
  CHECK(sim.player.stopping());
  const auto rows = plays(s);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].status == store::PlayStatus::interrupted);
  CHECK(rows[0].reason == "stopped");
  CHECK(*rows[0].ended_at == utc("2027-01-03T22:30:02"));
  CHECK(rows[0].frames == 2 * 8000);  // what played by then, not what was written ahead
  // The item after it never aired, and the log says why.
  CHECK(rows[1].item.position == 1);
  CHECK(rows[1].status == store::PlayStatus::skipped);
  CHECK(rows[1].reason == "stopped");
  REQUIRE(sim.runner.runs.size() == 2);
  CHECK(sim.runner.runs.back() == std::vector<std::string>{"amp", "off"});
  // Nothing more is written once stopped.
  sim.scheduler->on_time();
  CHECK(plays(s).size() == 2);
}

TEST_CASE("loaxa stop: the programme on air ends where it is, the next occurrence airs as planned", "[daemon][stop]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 5.0, 1);
  const auto b = s.add_segment("CDS", 1.0, 2);
  station::add_programme(s.station, "A", {seg(a), seg(b)});
  add_slot(s, "A", "05:30,05:40");
  DaemonSim sim(s);
  sim.scheduler->start();
  CHECK_FALSE(sim.scheduler->stop_on_air());  // nothing on air: nothing done
  sim.run_until(utc("2027-01-03T22:30:03"));
  REQUIRE(sim.scheduler->stop_on_air());
  CHECK_FALSE(sim.scheduler->playing());
  sim.run_until(utc("2027-01-03T22:41"));
  const auto rows = plays(s);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].status == store::PlayStatus::interrupted);
  CHECK(rows[0].reason == "stopped");
  CHECK(*rows[0].ended_at == utc("2027-01-03T22:30:03"));
  CHECK(rows[0].frames == 3 * 8000);
  CHECK(rows[1].status == store::PlayStatus::skipped);
  CHECK(rows[1].reason == "stopped");
  // The next occurrence is untouched.
  CHECK(rows[2].status == store::PlayStatus::completed);
  CHECK(*rows[2].started_at == utc("2027-01-03T22:40"));
  CHECK(rows[3].status == store::PlayStatus::completed);
  CHECK(rows[3].frames == 8000);
}

TEST_CASE("loaxa play: a segment airs now as a manual play, within the schedule's rules", "[daemon][manual]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 5.0, 1);
  const auto b = s.add_segment("CDS", 1.0, 2);
  const auto unapproved = add_segment_with(s, {.sample_rate = 8000, .tone_s = 1.0}, "draft", false);
  station::add_programme(s.station, "A", {seg(a)});
  add_slot(s, "A", "05:30");
  s.clock->set(utc("2027-01-03T22:00"));
  DaemonSim sim(s);
  sim.scheduler->start();

  CHECK(sim.scheduler->play_now(b) == utc("2027-01-03T22:00") + 500ms);  // no amplifier switch: once its decoder filled
  sim.play_queued();
  CHECK(sim.scheduler->on_air().has_value() == false);  // its audio has not started yet
  sim.run_until(utc("2027-01-03T22:00:05"));
  auto rows = plays(s);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].item.occurrence.is_manual());
  CHECK(rows[0].item.occurrence.text().rfind("manual:play@2027-01-03T22:00:00", 0) == 0);
  CHECK(rows[0].item.segment_id == b);
  CHECK(rows[0].status == store::PlayStatus::completed);
  CHECK(*rows[0].started_at == utc("2027-01-03T22:00") + 500ms);
  CHECK(rows[0].frames == 8000);

  // Not approved: the schedule's own rule refuses it.
  try {
    sim.scheduler->play_now(unapproved);
    FAIL("an unapproved segment was aired");
  } catch (const station::StationError& e) {
    CHECK(e.kind == station::StationError::Kind::segment_not_airable);
    CHECK(e.detail == "not_approved");
  }
  CHECK_THROWS_AS(sim.scheduler->play_now(999), station::StationError);

  // Five seconds of audio (and the priming lead) do not fit before 05:30: refused.
  sim.run_until(utc("2027-01-03T22:29:54"));
  try {
    sim.scheduler->play_now(a);
    FAIL("a manual play ran into the next programme");
  } catch (const ld::ManualPlayRefused& e) {
    CHECK(e.reason == ld::ManualPlayRefused::Reason::next_programme);
    CHECK(e.subject == "A");
  }
  // While A is on air: refused, naming it.
  sim.run_until(utc("2027-01-03T22:30:01"));
  try {
    sim.scheduler->play_now(b);
    FAIL("a manual play was queued behind the programme on air");
  } catch (const ld::ManualPlayRefused& e) {
    CHECK(e.reason == ld::ManualPlayRefused::Reason::on_air);
    CHECK(e.subject == "A");
  }
  sim.run_until(utc("2027-01-03T22:31"));
  rows = plays(s);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].status == store::PlayStatus::completed);
  CHECK(*rows[1].started_at == utc("2027-01-03T22:30"));
}

TEST_CASE("loaxa play with a cold amplifier waits for its lead", "[daemon][manual][amplifier]") {
  StationFixture s;
  const auto b = s.add_segment("CDS", 1.0, 2);
  s.clock->set(utc("2027-01-03T22:00"));
  DaemonSim sim(s, DaemonSim::default_options(), {"amp", "on"}, {"amp", "off"});
  sim.scheduler->start();
  CHECK(sim.scheduler->play_now(b) == utc("2027-01-03T22:00:20"));
  sim.play_queued();
  REQUIRE(sim.runner.runs.size() == 1);  // switched on at once
  sim.run_until(utc("2027-01-03T22:01"));
  const auto rows = plays(s);
  REQUIRE(rows.size() == 1);
  CHECK(*rows[0].started_at == utc("2027-01-03T22:00:20"));
  REQUIRE(sim.runner.runs.size() == 2);  // and off after its tail
  CHECK(sim.runner.runs.back() == std::vector<std::string>{"amp", "off"});
}

TEST_CASE("a job_ended dated before its last item_ended does not overtake it", "[daemon]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 1.0, 1);
  station::add_programme(s.station, "A", {seg(a)});
  add_slot(s, "A", "05:30");
  DaemonSim sim(s);
  sim.hold_events = true;
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T22:29:59"));  // primed and played; its events held back
  REQUIRE(sim.held.size() == 3);              // started, item ended, job ended
  auto events = sim.held;
  // An output that re-anchored between the two dates job_ended 10 ms before item_ended.
  REQUIRE(events[2].kind == ld::PlayerEvent::Kind::job_ended);
  events[2].at = events[1].at - 10ms;
  for (const auto& event : events) sim.scheduler->on_event(event);
  sim.hold_events = false;
  sim.run_until(utc("2027-01-03T22:31"));
  const auto rows = plays(s);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].status == store::PlayStatus::completed);
  CHECK(rows[0].frames == 8000);
}

TEST_CASE("a card unplugged at the start: the programme airs late once it opens, status shows the trouble meanwhile",
          "[daemon][device]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 1.0, 1);
  station::add_programme(s.station, "A", {seg(a)});
  add_slot(s, "A", "05:30");
  DaemonSim sim(s);
  // Tries 0, 0.25, 0.75, 1.75, 3.75 and 5.75 s after the job comes (2 s before its start):
  // the sixth opens, 3.75 s after the start.
  sim.output.fail_opens = 5;
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T22:31"));
  const auto rows = plays(s);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].status == store::PlayStatus::completed);
  CHECK(*rows[0].started_at >= utc("2027-01-03T22:30:03"));
  CHECK(*rows[0].started_at <= utc("2027-01-03T22:30:05"));
  CHECK_THAT(sim.log_text.str(), Catch::Contains("the output failed: ") && Catch::Contains("no such card"));
  CHECK_THAT(sim.log_text.str(), Catch::Contains("the output works again"));
  CHECK_FALSE(sim.scheduler->device_trouble().has_value());
}

TEST_CASE(
    "a card that stays unplugged past max_wait: the programme's items are missed, device_lost, and the trouble "
    "stays in status",
    "[daemon][device]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 1.0, 1);
  const auto b = s.add_segment("CDS", 1.0, 2);
  station::add_programme(s.station, "A", {seg(a), seg(b)});
  add_slot(s, "A", "05:30");
  auto options = DaemonSim::default_options();
  options.max_wait = std::chrono::minutes(2);
  DaemonSim sim(s, options);
  sim.output.fail_opens = -1;
  sim.scheduler->start();
  sim.run_until(utc("2027-01-03T22:40"));
  const auto rows = plays(s);
  REQUIRE(rows.size() == 2);
  for (const auto& row : rows) {
    CHECK(row.status == store::PlayStatus::missed);
    CHECK(row.reason == "device_lost");
    CHECK_FALSE(row.started_at.has_value());
  }
  REQUIRE(sim.scheduler->device_trouble().has_value());
  CHECK(sim.scheduler->device_trouble()->detail.find("no such card") != std::string::npos);
  CHECK_THAT(sim.log_text.str(), Catch::Contains("missed, the output did not open within max_wait_minutes"));
}
