// station/mandate_catch_up: airings of a district bulletin that did not air are planned again
// in what is left of their period; a period over is shortfall and the hub is told. A real
// station (temporary home, imported audio) on a clock the test sets.
#include "station/mandate_catch_up.hpp"
#include "mandate_fixture.hpp"
#include "schedules/mandate_plan.hpp"
#include "station/mandates.hpp"
#include "store/play_store.hpp"

#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

#include <algorithm>

using namespace loaxa;
using namespace std::chrono_literals;
using test::mandate_order;
using test::utc;

namespace {

struct CatchUpFixture : test::MandateFixture {
  // Accepts mandate 3 (3 a week for 2 weeks, from the fixture's Monday) and tells the hub.
  CatchUpFixture() {
    const auto accepted = station::accept_mandate(station, mandate_order(3), audio(), now());
    REQUIRE(accepted.mandate.planned == 6);
    mark_reported();
  }
  void mark_reported() {
    for (const auto& reports = store().unreported(); const auto& r : reports) store().mark_reported(r.mandate_id, r.at);
  }
  // The mandate's slots by start.
  std::vector<store::StoredSlot> airings() {
    auto slots = slots_of(3);
    std::sort(slots.begin(), slots.end(),
              [](const store::StoredSlot& a, const store::StoredSlot& b) { return a.slot.start < b.slot.start; });
    return slots;
  }
  schedules::UtcTime start_of(const store::StoredSlot& slot) { return station.zone().to_utc(slot.slot.start); }
  store::PlayItem item_of(const store::StoredSlot& slot) {
    store::PlayItem item;
    item.occurrence = store::OccurrenceKey::of_slot(slot.slot.id, start_of(slot));
    item.programme_id = slot.slot.programme_id;
    item.programme_name = "Huyện: VNeID trước 31/12";
    item.category = "CDS";
    item.title = "VNeID trước 31/12";
    item.scheduled_start = start_of(slot);
    return item;
  }
  void aired(const store::StoredSlot& slot, store::PlayStatus status = store::PlayStatus::completed) {
    store::PlayStore plays(station.db());
    const auto id = plays.open_play(item_of(slot), start_of(slot));
    if (status != store::PlayStatus::playing) plays.finalise(id, status, "", start_of(slot) + 20s, 960000, 0);
  }
  void logged_missed(const store::StoredSlot& slot) {
    store::PlayStore(station.db())
        .record_skipped(item_of(slot), store::PlayStatus::missed, "station_off", start_of(slot) + 11min);
  }
  int period_of(schedules::LocalDateTime start) {
    return schedules::mandate_period_index(mandate_order(3).terms, schedules::date_of(start));
  }
};

}  // namespace

TEST_CASE_METHOD(CatchUpFixture, "mandate catch-up changes nothing while the airings keep to the plan",
                 "[station][mandate][catch-up]") {
  CHECK(station::catch_up_mandates(station, now()).empty());
  const auto first = airings().front();
  // On air, then aired: both count.
  clock->set(start_of(first) + 5s);
  aired(first, store::PlayStatus::playing);
  clock->set(start_of(first) + 1h);
  CHECK(station::catch_up_mandates(station, now()).empty());
  SQLite::Statement done(station.db().sql(), "DELETE FROM play");
  done.exec();
  aired(first);
  CHECK(station::catch_up_mandates(station, now()).empty());
  CHECK(store().slots_of(3).size() == 6);
  CHECK(store().unreported().empty());
}

TEST_CASE_METHOD(CatchUpFixture, "mandate airing that passed unaired is planned again in the same period",
                 "[station][mandate][catch-up]") {
  const auto first = airings().front();
  // Within max_wait of its start with no row, the daemon may still air it late.
  clock->set(start_of(first) + 5min);
  CHECK(station::catch_up_mandates(station, now()).empty());

  // Past that (the daemon was down): one airing again, later in the same period.
  clock->set(start_of(first) + 30min);
  const auto caught = station::catch_up_mandates(station, now());
  REQUIRE(caught.size() == 1);
  CHECK(caught[0].mandate_id == 3);
  CHECK(caught[0].planned_before == 6);
  CHECK(caught[0].planned_after == 6);
  REQUIRE(caught[0].added.size() == 1);
  const auto again = caught[0].added[0];
  CHECK(station.zone().to_utc(again) > now());
  CHECK(period_of(again) == period_of(first.slot.start));
  CHECK(schedules::inside_a_window(mandate_order(3).terms, again, 20s, station.zone()));
  // An hour at least from the mandate's other airings.
  for (const auto& other : airings()) {
    if (other.slot.start == again) continue;
    const auto gap = other.slot.start > again ? other.slot.start - again : again - other.slot.start;
    CHECK(gap >= 60min);
  }
  CHECK(store().slots_of(3).size() == 7);
  CHECK(store().unreported().empty());  // the count the hub has still holds

  // The new airing counts: nothing more.
  CHECK(station::catch_up_mandates(station, now()).empty());
}

TEST_CASE_METHOD(CatchUpFixture, "mandate airing logged missed or cut short is planned again at once",
                 "[station][mandate][catch-up]") {
  const auto slots = airings();
  clock->set(start_of(slots[0]) + 11min);
  logged_missed(slots[0]);
  auto caught = station::catch_up_mandates(station, now());
  REQUIRE(caught.size() == 1);
  CHECK(caught[0].added.size() == 1);

  clock->set(start_of(slots[1]) + 1min);
  aired(slots[1], store::PlayStatus::interrupted);
  caught = station::catch_up_mandates(station, now());
  REQUIRE(caught.size() == 1);
  CHECK(caught[0].added.size() == 1);
  CHECK(period_of(caught[0].added[0]) == period_of(slots[1].slot.start));
}

TEST_CASE_METHOD(CatchUpFixture, "mandate airing on a day declared a holiday since is planned on another day",
                 "[station][mandate][catch-up]") {
  const auto second = airings()[1];
  const auto day = schedules::date_of(second.slot.start);
  store::HolidayStore(station.db()).add({day, day, "Nghỉ bù"});
  const auto caught = station::catch_up_mandates(station, now());
  REQUIRE(caught.size() == 1);
  REQUIRE(caught[0].added.size() == 1);
  CHECK(schedules::date_of(caught[0].added[0]) != day);
  CHECK(period_of(caught[0].added[0]) == period_of(second.slot.start));
  CHECK(caught[0].planned_after == 6);
}

TEST_CASE_METHOD(CatchUpFixture, "mandate period over with airings missing: shortfall, planned drops, the hub is told",
                 "[station][mandate][catch-up]") {
  const auto slots = airings();
  aired(slots[0]);
  // Down from Tuesday to the second Monday: the first period's other two airings passed.
  clock->set(utc("2027-01-11T02:00"));  // Monday 09:00 local, second period
  auto caught = station::catch_up_mandates(station, now());
  REQUIRE(caught.size() == 1);
  CHECK(caught[0].added.empty());
  CHECK(caught[0].planned_before == 6);
  CHECK(caught[0].planned_after == 4);
  const auto reports = store().unreported();
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].planned == 4);
  CHECK(store().find(3)->state == store::MandateState::received);
  CHECK(station::catch_up_mandates(station, now()).empty());
}

TEST_CASE_METHOD(CatchUpFixture, "mandate whose segment cannot air is not planned again: the lack is shortfall",
                 "[station][mandate][catch-up]") {
  const auto first = airings().front();
  // The operator withdrew the approval: the airing was skipped, and so would every new one be.
  SQLite::Statement withdraw(station.db().sql(), "UPDATE segment SET approved = 0");
  withdraw.exec();
  clock->set(start_of(first) + 30min);
  const auto caught = station::catch_up_mandates(station, now());
  REQUIRE(caught.size() == 1);
  CHECK(caught[0].added.empty());
  CHECK(caught[0].planned_after == 5);
  CHECK(store().slots_of(3).size() == 6);
  CHECK(station::catch_up_mandates(station, now()).empty());
}

TEST_CASE_METHOD(CatchUpFixture, "mandate declined or cancelled is not caught up", "[station][mandate][catch-up]") {
  station::accept_mandate(station, mandate_order(4, "Cải cách hành chính"), audio(2), now());
  station::decline_mandate(station, 3, "Trùng lịch", now());
  station::cancel_mandate(station, 4, now());
  clock->set(utc("2027-01-11T02:00"));
  CHECK(station::catch_up_mandates(station, now()).empty());
  CHECK(store().slots_of(3).empty());
}
