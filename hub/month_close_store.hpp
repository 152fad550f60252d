#pragma once
// What the month close keeps (month_close.hpp): one signed snapshot per closed month, and
// the plays of a closed month that reached the hub after its close ("late arrivals": a
// station off-line for days sends its plays when its network returns).
//
// The SQLite implementation is sqlite_month_close_store.hpp (migration 4,
// schema_month_close.cpp); it shares the hub database's connection.
//
// Thread safety: one store per thread, as HubStore. Methods throw std::runtime_error
// (SQLite::Exception for SQLite) on a storage failure.

#include "common/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::hub {

// A closed month as stored: every field is covered by the signature (month_close_signature.hpp).
struct ClosedMonthRecord {
  std::string month;      // "2026-11"
  std::string time_zone;  // the zone its bounds were counted in
  std::string closed_at;  // UTC text (store/utc_text.hpp), the hub's clock at the close
  std::string snapshot;   // month_snapshot.hpp's canonical text
  std::string signature;  // lowercase hex HMAC-SHA256
};

// Plays of a station and category whose start (else end) is in a closed month and that
// were received after its close.
struct LateArrival {
  std::string station_id;
  std::string category;
  std::int64_t plays = 0;  // every status
  std::int64_t plays_completed = 0;
  std::int64_t frames_aired = 0;
  std::int64_t missed = 0;
  std::int64_t interrupted = 0;
};

class MonthCloseStore {
 public:
  virtual ~MonthCloseStore() = default;

  // Stores the record; false (and nothing changed) when the month is already closed.
  virtual bool insert(const ClosedMonthRecord& record) = 0;
  virtual std::optional<ClosedMonthRecord> find(const std::string& month) = 0;

  // The plays whose start (else end) is in [from, to) received after `closed_at`, per
  // station and category, by station then category.
  virtual std::vector<LateArrival> late_arrivals(Instant from, Instant to, Instant closed_at) = 0;
};

}  // namespace loaxa::hub
