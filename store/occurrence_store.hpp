#pragma once
// Frozen occurrences: what an occurrence planned to air, fixed when it started, so a later
// edit of its programme or of the library cannot rewrite what the log says was planned.
// Keyed by (slot_id, nominal_start); the record outlives the slot, programme and segments
// it names (no foreign keys to them).
//
// Call on the thread that owns the Database. Writes throw BusyError when the write lock is
// not had within the busy timeout, SQLite::Exception for other failures.

#include "schedules/timeline.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::store {

class OccurrenceStore {
 public:
  explicit OccurrenceStore(Database& db) noexcept : db_(db) {}

  // Stores the occurrence and its items in one transaction. Returns false, changing nothing,
  // if that (slot_id, nominal_start) is frozen already: the first freeze wins, so a second
  // process or a restart cannot replace what was planned. `frozen_at`: ISO 8601 UTC.
  bool freeze(const schedules::FrozenOccurrence& occurrence, std::int64_t programme_id, const std::string& frozen_at);

  // Every occurrence whose nominal start is at or after `from`, ordered by nominal start,
  // then slot id; items in their planned order.
  std::vector<schedules::FrozenOccurrence> frozen_since(schedules::UtcTime from);

  std::optional<schedules::FrozenOccurrence> find(std::int64_t slot_id, schedules::UtcTime nominal_start);

  // When the latest frozen occurrence started: the last sign of the daemon at work.
  std::optional<schedules::UtcTime> latest_start();

  // The programme an occurrence was frozen from; nullopt if it is not frozen.
  std::optional<std::int64_t> programme_of(std::int64_t slot_id, schedules::UtcTime nominal_start);

 private:
  std::vector<schedules::FrozenOccurrence> select(const std::string& where,
                                                  const std::function<void(SQLite::Statement&)>& bind);
  Database& db_;
};

}  // namespace loaxa::store
