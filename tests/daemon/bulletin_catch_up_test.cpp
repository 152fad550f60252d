// daemon/bulletin_catch_up: loaxad catches up on district bulletins at its first tick and then
// every 10 minutes of the station's clock (a clock stepped back makes it due again), tells the
// scheduler when airings were added and logs them.
#include "daemon/bulletin_catch_up.hpp"
#include "station/mandate_fixture.hpp"
#include "station/mandates.hpp"
#include "store/slot_store.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using namespace loaxa;
using namespace std::chrono_literals;

TEST_CASE_METHOD(test::MandateFixture, "bulletin catch-up runs at the first tick and every 10 minutes after",
                 "[daemon][mandate]") {
  station::accept_mandate(station, test::mandate_order(3), audio(), now());
  auto slots = slots_of(3);
  const auto first = std::min_element(slots.begin(), slots.end(),
                                      [](const auto& a, const auto& b) { return a.slot.start < b.slot.start; });
  std::ostringstream out;
  daemon::Log log(*clock, out);
  int changed = 0;
  daemon::BulletinCatchUp catch_up(station, log, [&] { ++changed; });

  // loaxad starts half an hour after the first airing, which did not air.
  const auto start = station.zone().to_utc(first->slot.start) + 30min;
  clock->set(start);
  catch_up.on_time(start);
  CHECK(changed == 1);
  CHECK(out.str().find("did not air; planned again at") != std::string::npos);
  CHECK(store().slots_of(3).size() == 7);

  // The new airing's slot is removed by hand: the lack shows again at the next look, not before.
  const auto added = store().slots_of(3).back();
  store::SlotStore(station.db()).remove(added);
  catch_up.on_time(start + 9min);
  CHECK(changed == 1);
  catch_up.on_time(start + 10min);
  CHECK(changed == 2);

  // A clock stepped back makes it due at once (its next look was 25 minutes away).
  store::SlotStore(station.db()).remove(store().slots_of(3).back());
  catch_up.on_time(start - 5min);
  CHECK(changed == 3);
  CHECK(store().slots_of(3).size() == 7);
}
