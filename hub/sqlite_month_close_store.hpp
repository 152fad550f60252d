#pragma once
// MonthCloseStore on the hub's SQLite database (table month_close, migration 4), through
// the connection of an open SqliteHubStore, which applied the migrations.
//
// Thread safety: the hub store's thread only; it must outlive this.

#include "hub/month_close_store.hpp"
#include "hub/sqlite_hub_store.hpp"

namespace loaxa::hub {

class SqliteMonthCloseStore final : public MonthCloseStore {
 public:
  explicit SqliteMonthCloseStore(SqliteHubStore& hub_store) : hub_store_(hub_store) {}

  bool insert(const ClosedMonthRecord& record) override;
  std::optional<ClosedMonthRecord> find(const std::string& month) override;
  std::vector<LateArrival> late_arrivals(Instant from, Instant to, Instant closed_at) override;

 private:
  SqliteHubStore& hub_store_;
};

}  // namespace loaxa::hub
