// station/mandates: the station's side of district bulletins, on a real station (a temporary
// home, real imported audio) with a clock the test sets.
#include "station/mandates.hpp"
#include "library/import_error.hpp"
#include "mandate_fixture.hpp"
#include "schedules/error.hpp"
#include "station/catalogue.hpp"
#include "station/error.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "station_fixture.hpp"
#include "store/category_store.hpp"
#include "store/mandate_store.hpp"
#include "store/programme_store.hpp"
#include "store/slot_store.hpp"
#include "support/wav_writer.hpp"

#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <tuple>

using namespace loaxa;
using namespace std::chrono_literals;
using test::mandate_order;
using test::MandateFixture;
using test::utc;
using Kind = station::StationError::Kind;

namespace {

Kind refusal(const std::function<void()>& change) {
  try {
    change();
  } catch (const station::StationError& e) {
    return e.kind;
  }
  FAIL("no StationError");
  return Kind::no_such_slot;
}

}  // namespace

TEST_CASE_METHOD(MandateFixture, "mandate record_order keeps a new order downloading and refreshes a known one",
                 "[station][mandate]") {
  auto first = station::record_order(station, mandate_order(3), now());
  CHECK(first.is_new);
  CHECK(first.audio_needed);
  CHECK(first.mandate.state == store::MandateState::downloading);
  auto changed = mandate_order(3);
  changed.title = "VNeID — nhắc lại";
  const auto again = station::record_order(station, changed, now() + 1min);
  CHECK_FALSE(again.is_new);
  CHECK(again.audio_needed);
  CHECK(again.mandate.order.title == "VNeID — nhắc lại");
  CHECK(again.mandate.received_at == now());

  auto reversed = mandate_order(4);
  reversed.terms.until = schedules::parse_date("2027-01-01");
  CHECK_THROWS_AS(station::record_order(station, reversed, now()), schedules::ScheduleError);
  CHECK_FALSE(store().find(4));
}

TEST_CASE_METHOD(MandateFixture, "mandate accepted: imported approved from the hub, its own programme, 6 slots",
                 "[station][mandate]") {
  // The station airs a 10-minute programme at 05:00 every day.
  const auto morning = add_segment("CDS", 600.0, 1);
  station::add_programme(station, "Bản tin sáng", {"segment:" + std::to_string(morning)});
  station::SlotRequest daily;
  daily.programme = "Bản tin sáng";
  daily.times = {schedules::parse_time_of_day("05:00")};
  station::add_slots(station, daily);

  const auto accepted = station::accept_mandate(station, mandate_order(3), audio(), now());
  const auto& m = accepted.mandate;
  REQUIRE(m.state == store::MandateState::received);
  CHECK(m.planned == 6);
  CHECK(accepted.plan.planned() == 6);
  REQUIRE(accepted.slots.size() == 6);
  REQUIRE(m.segment_id);
  REQUIRE(m.programme_id);

  const auto segment = station::find_segment(station, *m.segment_id);
  CHECK(segment.approved);
  CHECK(segment.title == "VNeID trước 31/12");
  CHECK(segment.category == "CDS");
  CHECK(segment.valid_from == "2027-01-04");
  CHECK(segment.valid_until == "2027-01-17");
  CHECK(store().segment_origin(*m.segment_id) == "hub");
  CHECK(store().segment_origin(morning) == "local");

  const auto programme = station::find_programme(station, std::to_string(*m.programme_id));
  CHECK(programme.name == "Huyện: VNeID trước 31/12");
  REQUIRE(programme.items.size() == 1);
  CHECK(programme.items[0].segment_id == std::to_string(*m.segment_id));

  std::set<schedules::LocalDate> days;
  for (const auto& stored : slots_of(3)) {
    CHECK(stored.slot.rrule.empty());
    CHECK(stored.slot.level == schedules::SlotLevel::normal);
    CHECK(stored.slot.programme_id == *m.programme_id);
    const auto time = time_of(stored.slot.start);
    CHECK(((time >= 5h && time + 1min <= 7h) || (time >= 17h && time + 1min <= 19h)));
    // Never on top of the morning programme.
    CHECK_FALSE((time >= 5h && time < 5h + 10min));
    days.insert(schedules::date_of(stored.slot.start));
  }
  CHECK(days.size() == 6);
  CHECK(store().mandate_slots().size() == 6);

  const auto reports = store().unreported();
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].state == store::MandateState::received);
  CHECK(reports[0].planned == 6);

  const auto list = station::list_mandates(station, now());
  REQUIRE(list.size() == 1);
  CHECK(list[0].required == 6);
  CHECK(list[0].planned == 6);
  CHECK(list[0].aired == 0);
  REQUIRE(list[0].next.size() == 6);
  for (const auto& occurrence : list[0].next) CHECK(occurrence.programme_name == "Huyện: VNeID trước 31/12");

  // A completed play carrying the mandate id counts as aired; one interrupted, or of another
  // mandate, or outside the span does not.
  for (const auto& [seq, status, mandate, started] :
       std::vector<std::tuple<int, std::string, int, std::string>>{{1, "completed", 3, "2027-01-04T22:01:00.000Z"},
                                                                   {2, "interrupted", 3, "2027-01-05T22:01:00.000Z"},
                                                                   {3, "completed", 4, "2027-01-05T22:01:00.000Z"},
                                                                   {4, "completed", 3, "2027-01-17T17:00:00.000Z"}}) {
    SQLite::Statement play(station.db().sql(),
                           "INSERT INTO play (manual_key, programme_name, position, category, title, level, "
                           "started_at, status, seq, hash, mandate_id) VALUES (?, 'Huyện', 0, 'CDS', 't', 'normal', ?, "
                           "?, ?, ?, ?)");
    play.bind(1, "k" + std::to_string(seq));
    play.bind(2, started);
    play.bind(3, status);
    play.bind(4, seq);
    play.bind(5, std::string(64, 'a'));
    play.bind(6, mandate);
    play.exec();
  }
  CHECK(station::list_mandates(station, now())[0].aired == 1);
  CHECK(station::find_mandate(station, 3, now()).aired == 1);
  CHECK(refusal([&] { station::find_mandate(station, 4, now()); }) == Kind::no_such_mandate);

  // Accepting the same order again changes nothing.
  const auto again = station::accept_mandate(station, mandate_order(3), audio(), now());
  CHECK(again.slots.size() == 6);
  CHECK(store().slots_of(3).size() == 6);
}

TEST_CASE_METHOD(MandateFixture,
                 "mandate of priority level gets priority slots, a second of the same title its own name",
                 "[station][mandate]") {
  station::accept_mandate(station, mandate_order(3), audio(1), now());
  auto priority = mandate_order(4);
  priority.terms.level = schedules::MandateLevel::priority;
  const auto accepted = station::accept_mandate(station, priority, audio(2), now());
  REQUIRE(accepted.mandate.state == store::MandateState::received);
  for (const auto& stored : slots_of(4)) CHECK(stored.slot.level == schedules::SlotLevel::priority);
  CHECK(station::find_programme(station, std::to_string(*accepted.mandate.programme_id)).name ==
        "Huyện: VNeID trước 31/12 #4");
}

TEST_CASE_METHOD(MandateFixture, "mandate in a category the station lacks creates it with its code as name",
                 "[station][mandate]") {
  auto o = mandate_order(5);
  o.category = "pccc";
  const auto accepted = station::accept_mandate(station, o, audio(), now());
  REQUIRE(accepted.mandate.state == store::MandateState::received);
  const auto category = store::CategoryStore(station.db()).find("PCCC");
  REQUIRE(category);
  CHECK(category->name == "PCCC");
  CHECK(station::find_segment(station, *accepted.mandate.segment_id).category == "PCCC");
}

TEST_CASE_METHOD(MandateFixture, "mandate whose audio the station cannot import is refused with the reason",
                 "[station][mandate]") {
  const auto text = dir / "vneid.wav";
  std::ofstream(text) << "không phải âm thanh";
  const auto accepted = station::accept_mandate(station, mandate_order(6), text, now());
  CHECK(accepted.mandate.state == store::MandateState::refused);
  CHECK_FALSE(accepted.mandate.reason.empty());
  CHECK(accepted.mandate.reason.find("vneid.wav") != std::string::npos);
  CHECK(accepted.slots.empty());
  CHECK(store().slots_of(6).empty());
  CHECK(station::list_segments(station, std::nullopt).empty());
  const auto reports = store().unreported();
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].state == store::MandateState::refused);
  CHECK(reports[0].reason == accepted.mandate.reason);

  // The same audio again: still refused, nothing to fetch. Other audio: fetched again.
  CHECK_FALSE(station::record_order(station, mandate_order(6), now()).audio_needed);
  auto replaced = mandate_order(6);
  replaced.sha256 = std::string(64, 'd');
  const auto recorded = station::record_order(station, replaced, now());
  CHECK(recorded.audio_needed);
  CHECK(recorded.mandate.state == store::MandateState::downloading);
  // A new download that imports: received after all.
  const auto again = station::accept_mandate(station, mandate_order(6), audio(), now());
  CHECK(again.mandate.state == store::MandateState::received);
  CHECK(again.mandate.reason.empty());
  CHECK(again.slots.size() == 6);
}

TEST_CASE_METHOD(MandateFixture, "mandate received late: periods over are shortfall, not planned",
                 "[station][mandate]") {
  clock->set(utc("2027-01-13T05:00"));  // Wednesday of the second period, 12:00 local
  const auto accepted = station::accept_mandate(station, mandate_order(3), audio(), now());
  CHECK(accepted.mandate.planned == 3);
  CHECK(accepted.plan.shortfall() == 3);
  const auto list = station::list_mandates(station, now());
  CHECK(list[0].required == 6);
  CHECK(list[0].planned == 3);
}

TEST_CASE_METHOD(MandateFixture, "mandate declined needs a reason and removes its future slots", "[station][mandate]") {
  station::accept_mandate(station, mandate_order(3), audio(), now());
  for (const auto& reports = store().unreported(); const auto& r : reports) store().mark_reported(r.mandate_id, r.at);

  CHECK(refusal([&] { station::decline_mandate(station, 3, "  \t ", now()); }) == Kind::mandate_reason_empty);
  CHECK(store().slots_of(3).size() == 6);
  CHECK(store().find(3)->state == store::MandateState::received);
  CHECK(refusal([&] { station::decline_mandate(station, 99, "lý do", now()); }) == Kind::no_such_mandate);

  const auto declined = station::decline_mandate(station, 3, "  Trùng lịch họp dân  ", now());
  CHECK(declined.state == store::MandateState::declined);
  CHECK(declined.reason == "Trùng lịch họp dân");
  CHECK(store().slots_of(3).empty());
  const auto reports = store().unreported();
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].state == store::MandateState::declined);
  CHECK(reports[0].reason == "Trùng lịch họp dân");
  CHECK(refusal([&] { station::decline_mandate(station, 3, "lần nữa", now()); }) == Kind::mandate_not_open);
}

TEST_CASE_METHOD(MandateFixture, "mandate cancelled by the hub keeps the airings past and removes the rest",
                 "[station][mandate]") {
  station::accept_mandate(station, mandate_order(3), audio(), now());
  auto slots = slots_of(3);
  REQUIRE(slots.size() == 6);
  // Past the first airing.
  clock->set(station.zone().to_utc(slots[0].slot.start) + 1h);
  auto cancelled = mandate_order(3);
  cancelled.cancelled = true;
  const auto recorded = station::record_order(station, cancelled, now());
  CHECK(recorded.mandate.state == store::MandateState::cancelled);
  CHECK_FALSE(recorded.audio_needed);
  CHECK(store().slots_of(3) == std::vector<std::int64_t>{slots[0].slot.id});
  // The hub's cancel is not reported back to it; cancelling again changes nothing.
  CHECK(store().unreported().empty());
  CHECK(station::cancel_mandate(station, 3, now()).state == store::MandateState::cancelled);
  CHECK(store().slots_of(3).size() == 1);
  CHECK(refusal([&] { station::cancel_mandate(station, 42, now()); }) == Kind::no_such_mandate);
  CHECK(refusal([&] { station::accept_mandate(station, mandate_order(3), audio(), now()); }) == Kind::mandate_not_open);
}

TEST_CASE_METHOD(MandateFixture, "mandate new order already cancelled is recorded cancelled and needs no audio",
                 "[station][mandate]") {
  auto cancelled = mandate_order(8);
  cancelled.cancelled = true;
  const auto recorded = station::record_order(station, cancelled, now());
  CHECK(recorded.is_new);
  CHECK_FALSE(recorded.audio_needed);
  CHECK(recorded.mandate.state == store::MandateState::cancelled);
}

TEST_CASE_METHOD(MandateFixture, "mandate airing moved inside its window, refused elsewhere", "[station][mandate]") {
  station::add_holiday(station, {schedules::parse_date("2027-01-08"), schedules::parse_date("2027-01-08"), "lễ"});
  station::accept_mandate(station, mandate_order(3), audio(), now());
  auto slots = slots_of(3);
  REQUIRE(slots.size() == 6);
  const auto first = slots[0];
  const auto first_day = schedules::date_of(first.slot.start);
  const auto period = schedules::mandate_period_index(mandate_order(3).terms, first_day);
  REQUIRE(period == 0);
  const auto at = [](const char* text) { return schedules::parse_date_time(text); };

  SECTION("inside a window, same period: the new slot keeps the mandate") {
    const auto moved = station::move_mandate_airing(station, first.slot.id, at("2027-01-07T18:30"), now());
    CHECK(moved.stored.slot.start == at("2027-01-07T18:30"));
    CHECK(store().mandate_of_slot(moved.stored.slot.id) == 3);
    CHECK_FALSE(store::SlotStore(station.db()).find(first.slot.id));
    CHECK(store().slots_of(3).size() == 6);
  }
  SECTION("refusals change nothing") {
    CHECK(refusal([&] { station::move_mandate_airing(station, first.slot.id, at("2027-01-07T12:00"), now()); }) ==
          Kind::mandate_move_window);
    // Ends after the window: 06:59 + 20 s.
    CHECK(refusal([&] { station::move_mandate_airing(station, first.slot.id, at("2027-01-07T06:59:50"), now()); }) ==
          Kind::mandate_move_window);
    CHECK(refusal([&] { station::move_mandate_airing(station, first.slot.id, at("2027-01-12T05:30"), now()); }) ==
          Kind::mandate_move_period);
    CHECK(refusal([&] { station::move_mandate_airing(station, first.slot.id, at("2027-01-08T05:30"), now()); }) ==
          Kind::mandate_move_holiday);
    CHECK(refusal([&] { station::move_mandate_airing(station, first.slot.id, at("2027-01-04T03:30"), now()); }) ==
          Kind::mandate_move_past);
    CHECK(refusal([&] { station::move_mandate_airing(station, 999, at("2027-01-07T05:30"), now()); }) ==
          Kind::no_such_slot);
    const auto other = add_segment("CDS", 1.0, 3);
    station::add_programme(station, "Khác", {"segment:" + std::to_string(other)});
    station::SlotRequest request;
    request.programme = "Khác";
    request.start = at("2027-01-07T05:30");
    const auto own = station::add_slots(station, request).slots.front().slot.id;
    CHECK(refusal([&] { station::move_mandate_airing(station, own, at("2027-01-07T05:40"), now()); }) ==
          Kind::not_a_mandate_slot);
    CHECK(slots_of(3).size() == 6);
    CHECK(store::SlotStore(station.db()).find(first.slot.id)->slot.start == first.slot.start);
  }
  SECTION("an airing already past cannot be moved") {
    clock->set(station.zone().to_utc(first.slot.start) + 1min);
    CHECK(refusal([&] { station::move_mandate_airing(station, first.slot.id, at("2027-01-09T18:00"), now()); }) ==
          Kind::mandate_airing_past);
  }
}

TEST_CASE_METHOD(MandateFixture, "mandate of emergency level is imported with no slots and listed to air at once",
                 "[station][mandate]") {
  auto emergency = mandate_order(9, "Bão số 3");
  emergency.terms.level = schedules::MandateLevel::emergency;
  emergency.terms.windows.clear();
  const auto accepted = station::accept_mandate(station, emergency, audio(), now());
  REQUIRE(accepted.mandate.state == store::MandateState::received);
  CHECK(accepted.mandate.planned == 1);
  CHECK(accepted.slots.empty());
  CHECK_FALSE(accepted.mandate.programme_id);
  auto due = station::mandates_to_air_at_once(station, now());
  REQUIRE(due.size() == 1);
  CHECK(due[0].order.id == 9);
  CHECK(due[0].segment_id == accepted.mandate.segment_id);
  // Past its until: no longer.
  CHECK(station::mandates_to_air_at_once(station, utc("2027-01-17T17:00")).empty());
  station::mark_aired_at_once(station, 9, now());
  CHECK(station::mandates_to_air_at_once(station, now()).empty());
  CHECK(store().find(9)->aired_at_once == now());
  CHECK(refusal([&] { station::mark_aired_at_once(station, 10, now()); }) == Kind::no_such_mandate);
}
