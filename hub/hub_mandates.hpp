#pragma once
// District bulletins as the hub keeps them (docs/MANDATES.md): a mandate (its order and the
// stations it addresses) and the mandate view — per addressed station, what it reported and
// what it aired. Plain data, read and written through HubStore (hub_store.hpp).

#include "common/clock.hpp"
#include "store/mandate_order.hpp"
#include "wire/mandate_json.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::hub {

struct Mandate {
  store::MandateOrder order;  // order.cancelled: cancelled_at is set
  std::optional<Instant> cancelled_at;
  std::vector<std::string> stations;  // addressed, by id; fixed when it was added
};

// One addressed station's line of the mandate view.
struct MandateStationView {
  std::string station_id;
  // The station's latest report (none: it has not reported). received_at: when it said it
  // received the mandate (a later decline keeps it).
  std::optional<wire::MandateState> state;
  std::string reason;  // declined, refused: why
  std::optional<int> planned;
  std::optional<Instant> reported_at;
  std::optional<Instant> received_at;
  int required = 0;                 // schedules::required_airings of the terms
  std::int64_t aired = 0;           // completed plays carrying the mandate, started in its span
  std::optional<double> heard_pct;  // mean over those plays measured; none until one is
};

struct MandateView {
  Mandate mandate;
  std::vector<MandateStationView> stations;  // by station id
};

}  // namespace loaxa::hub
