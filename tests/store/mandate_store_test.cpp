// store::MandateStore: the hub's orders as the station keeps them, and the outboxes.
#include "store/mandate_store.hpp"
#include "sample_segment.hpp"
#include "store/programme_store.hpp"
#include "store/segment_store.hpp"
#include "store/slot_store.hpp"
#include "store/utc_text.hpp"
#include "support/mandate_example.hpp"

#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

using namespace loaxa;
using namespace std::chrono_literals;

namespace {

schedules::UtcTime utc(const char* text) {
  return store::parse_utc_text(text);
}

store::MandateOrder order(std::int64_t id) {
  return test::example_mandate(id);
}

// A final play (seq set) of the given status, optionally carrying a mandate id.
void add_play(store::Database& db, std::int64_t seq, const char* status, std::optional<std::int64_t> mandate,
              const char* started, std::optional<double> heard) {
  SQLite::Statement q(db.sql(),
                      "INSERT INTO play (manual_key, programme_name, position, category, title, level, started_at, "
                      "status, seq, hash, mandate_id, heard_pct) VALUES (?, 'Huyện', 0, 'CDS', 't', 'normal', ?, ?, "
                      "?, ?, ?, ?)");
  q.bind(1, "k" + std::to_string(seq));
  q.bind(2, started);
  q.bind(3, status);
  q.bind(4, seq);
  q.bind(5, std::string(64, 'a'));
  if (mandate)
    q.bind(6, *mandate);
  else
    q.bind(6);
  if (heard)
    q.bind(7, *heard);
  else
    q.bind(7);
  q.exec();
}

}  // namespace

TEST_CASE("mandate store keeps a new order as downloading, once", "[store][mandate]") {
  auto db = store::Database::in_memory();
  store::MandateStore mandates(db);
  CHECK(mandates.insert(order(3), utc("2027-01-03T09:00:00.000Z")));
  CHECK_FALSE(mandates.insert(order(3), utc("2027-01-03T10:00:00.000Z")));
  const auto m = mandates.find(3);
  REQUIRE(m);
  CHECK(m->order.title == "VNeID trước 31/12");
  CHECK(m->order.terms.windows == schedules::parse_windows("05:00-07:00,17:00-19:00"));
  CHECK(m->order.terms.times_per_week == 3);
  CHECK(m->order.sha256 == std::string(64, 'c'));
  CHECK(m->order.issued_at == utc("2027-01-03T08:00:00.000Z"));
  CHECK(m->state == store::MandateState::downloading);
  CHECK(m->received_at == utc("2027-01-03T09:00:00.000Z"));
  CHECK(m->state_at == m->received_at);
  CHECK_FALSE(m->reported);
  CHECK_FALSE(m->planned);
  CHECK_FALSE(mandates.find(4));
  // Nothing to tell the hub while the audio is on its way.
  CHECK(mandates.unreported().empty());
}

TEST_CASE("mandate store keeps default windows as none and reads them back", "[store][mandate]") {
  auto db = store::Database::in_memory();
  store::MandateStore mandates(db);
  auto o = order(1);
  o.terms.windows.clear();
  o.terms.level = schedules::MandateLevel::emergency;
  REQUIRE(mandates.insert(o, utc("2027-01-03T09:00:00.000Z")));
  const auto m = mandates.find(1);
  REQUIRE(m);
  CHECK(m->order.terms.windows.empty());
  CHECK(m->order.terms.level == schedules::MandateLevel::emergency);
}

TEST_CASE("mandate store refreshes the terms of a known order and leaves its state", "[store][mandate]") {
  auto db = store::Database::in_memory();
  store::MandateStore mandates(db);
  REQUIRE(mandates.insert(order(3), utc("2027-01-03T09:00:00.000Z")));
  REQUIRE(mandates.set_state(3, store::MandateState::received, "", 6, utc("2027-01-03T09:05:00.000Z")));
  auto later = order(3);
  later.title = "VNeID — gia hạn";
  later.terms.until = schedules::parse_date("2027-01-24");
  CHECK(mandates.update_order(later));
  CHECK_FALSE(mandates.update_order(order(9)));
  const auto m = mandates.find(3);
  CHECK(m->order.title == "VNeID — gia hạn");
  CHECK(m->order.terms.until == schedules::parse_date("2027-01-24"));
  CHECK(m->state == store::MandateState::received);
  CHECK(m->planned == 6);
}

TEST_CASE("mandate store reports each state once, and a newer state after a report is kept", "[store][mandate]") {
  auto db = store::Database::in_memory();
  store::MandateStore mandates(db);
  REQUIRE(mandates.insert(order(3), utc("2027-01-03T09:00:00.000Z")));
  REQUIRE(mandates.insert(order(4), utc("2027-01-03T09:00:00.000Z")));
  mandates.set_state(3, store::MandateState::received, "", 6, utc("2027-01-03T09:05:00.000Z"));
  mandates.set_state(4, store::MandateState::refused, "not audio", std::nullopt, utc("2027-01-03T09:06:00.000Z"));
  auto reports = mandates.unreported();
  REQUIRE(reports.size() == 2);
  CHECK(reports[0].mandate_id == 3);
  CHECK(reports[0].state == store::MandateState::received);
  CHECK(reports[0].planned == 6);
  CHECK(reports[0].reason.empty());
  CHECK(reports[1].state == store::MandateState::refused);
  CHECK(reports[1].reason == "not audio");
  CHECK_FALSE(reports[1].planned);

  // Declined after the report was read, before it was acknowledged.
  mandates.set_state(3, store::MandateState::declined, "trùng lịch họp", 6, utc("2027-01-04T07:00:00.000Z"));
  mandates.mark_reported(3, reports[0].at);
  mandates.mark_reported(4, reports[1].at);
  reports = mandates.unreported();
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].state == store::MandateState::declined);
  CHECK(reports[0].reason == "trùng lịch họp");
  mandates.mark_reported(3, reports[0].at);
  CHECK(mandates.unreported().empty());
  CHECK(mandates.find(3)->reported);
  CHECK(mandates.find(3)->order.cancelled == false);

  mandates.set_state(4, store::MandateState::cancelled, "", std::nullopt, utc("2027-01-05T07:00:00.000Z"));
  CHECK(mandates.find(4)->order.cancelled);
  // The hub cancelled it: nothing to tell it.
  CHECK(mandates.unreported().empty());
}

TEST_CASE("mandate store ties slots to their mandate and marks a segment from the hub", "[store][mandate]") {
  auto db = store::Database::in_memory();
  store::MandateStore mandates(db);
  REQUIRE(mandates.insert(order(3), utc("2027-01-03T09:00:00.000Z")));
  const auto segment = store::SegmentStore(db).insert(store::test::sample_segment('a'));
  const auto programme = *store::ProgrammeStore(db).add(
      "Huyện: VNeID", {schedules::parse_programme_item("segment:" + std::to_string(segment))},
      "2027-01-03T09:00:00.000Z");
  CHECK(mandates.set_content(3, segment, programme));
  CHECK(mandates.find(3)->segment_id == segment);
  CHECK(mandates.find(3)->programme_id == programme);

  store::SlotStore slots(db);
  schedules::Slot slot;
  slot.programme_id = programme;
  slot.start = schedules::parse_date_time("2027-01-05T05:00");
  const auto own = slots.add(slot, "Asia/Ho_Chi_Minh", "t");
  const auto other = slots.add(slot, "Asia/Ho_Chi_Minh", "t");
  const auto second = slots.add(slot, "Asia/Ho_Chi_Minh", "t");
  mandates.set_slot_mandate(own, 3);
  mandates.set_slot_mandate(second, 3);
  CHECK(mandates.slots_of(3) == std::vector<std::int64_t>{own, second});
  CHECK(mandates.slots_of(4).empty());
  CHECK(mandates.mandate_of_slot(own) == 3);
  CHECK_FALSE(mandates.mandate_of_slot(other));
  CHECK_FALSE(mandates.mandate_of_slot(999));
  CHECK(mandates.mandate_slots() == std::vector<std::pair<std::int64_t, std::int64_t>>{{own, 3}, {second, 3}});

  CHECK(mandates.segment_origin(segment) == "local");
  mandates.set_segment_from_hub(segment);
  CHECK(mandates.segment_origin(segment) == "hub");
  CHECK_FALSE(mandates.segment_origin(999));
}

TEST_CASE("mandate store counts completed mandate plays in the span", "[store][mandate]") {
  auto db = store::Database::in_memory();
  store::MandateStore mandates(db);
  add_play(db, 1, "completed", 3, "2027-01-05T00:00:00.000Z", std::nullopt);
  add_play(db, 2, "completed", 3, "2027-01-06T00:00:00.000Z", 90.0);
  add_play(db, 3, "interrupted", 3, "2027-01-07T00:00:00.000Z", std::nullopt);
  add_play(db, 4, "completed", 4, "2027-01-07T00:00:00.000Z", std::nullopt);
  add_play(db, 5, "completed", std::nullopt, "2027-01-07T00:00:00.000Z", 80.0);
  add_play(db, 6, "completed", 3, "2027-01-20T00:00:00.000Z", std::nullopt);  // past the span
  const auto from = utc("2027-01-03T17:00:00.000Z");
  const auto to = utc("2027-01-17T17:00:00.000Z");
  CHECK(mandates.aired(3, from, to) == 2);
  CHECK(mandates.aired(4, from, to) == 1);
  CHECK(mandates.aired(5, from, to) == 0);
}

TEST_CASE("mandate store heard outbox holds measured mandate plays until reported", "[store][mandate]") {
  auto db = store::Database::in_memory();
  store::MandateStore mandates(db);
  add_play(db, 1, "completed", 3, "2027-01-05T00:00:00.000Z", 97.5);
  add_play(db, 2, "completed", 3, "2027-01-06T00:00:00.000Z", std::nullopt);     // not measured yet
  add_play(db, 3, "completed", std::nullopt, "2027-01-06T00:00:00.000Z", 99.0);  // no mandate
  add_play(db, 4, "interrupted", 4, "2027-01-07T00:00:00.000Z", 40.0);
  auto heard = mandates.unreported_heard();
  REQUIRE(heard.size() == 2);
  CHECK(heard[0].seq == 1);
  CHECK(heard[0].pct == Approx(97.5));
  CHECK(heard[1].seq == 4);
  CHECK(mandates.unreported_heard(1).size() == 1);
  mandates.mark_heard_reported({1});
  heard = mandates.unreported_heard();
  REQUIRE(heard.size() == 1);
  CHECK(heard[0].seq == 4);
  // Measured later: it joins the outbox.
  db.sql().exec("UPDATE play SET heard_pct = 88 WHERE seq = 2");
  heard = mandates.unreported_heard();
  REQUIRE(heard.size() == 2);
  CHECK(heard[0].seq == 2);
  mandates.mark_heard_reported({2, 4});
  CHECK(mandates.unreported_heard().empty());
}

TEST_CASE("mandate store reads back every state by name", "[store][mandate]") {
  for (const auto state :
       {store::MandateState::downloading, store::MandateState::received, store::MandateState::declined,
        store::MandateState::refused, store::MandateState::cancelled}) {
    CHECK(store::parse_mandate_state(store::to_string(state)) == state);
  }
  CHECK_THROWS_AS(store::parse_mandate_state("lost"), std::invalid_argument);
}
