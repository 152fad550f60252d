#pragma once
// Slots (khung giờ phát) with their exception dates, and holidays.
//
// A slot's start is stored as the wall time the operator typed ("2027-01-01T05:30:00") with
// the zone it is in: a tzdata update changes which instant it means, never the time it airs
// at on the station's clock.
//
// Call on the thread that owns the Database. Every write is one WriteTransaction (a
// savepoint inside a caller's transaction) and throws BusyError when the write lock is not
// had within the busy timeout.

#include "schedules/slot.hpp"
#include "store/database.hpp"
#include "store/remove_result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace loaxa::store {

struct StoredSlot {
  schedules::Slot slot;
  std::string time_zone;
  std::string created_at;
};

class SlotStore {
 public:
  explicit SlotStore(Database& db) noexcept : db_(db) {}

  // Throw ScheduleError{unknown_time_zone} for a slot whose zone this machine does not know.
  std::vector<StoredSlot> list();
  std::optional<StoredSlot> find(std::int64_t id);
  // Inserts with its exception dates in one transaction; returns the new id.
  // Throws ScheduleError{unknown_time_zone} (nothing stored), BusyError, SQLite::Exception
  // (e.g. an unknown programme).
  std::int64_t add(const schedules::Slot& slot, const std::string& time_zone, const std::string& created_at);
  bool set_enabled(std::int64_t id, bool enabled);
  // Returns false for an unknown slot; an exception date already present is kept once.
  bool add_exception(std::int64_t id, schedules::LocalDate date);
  // Removes it with its exception dates; false if there is no such slot. Its frozen
  // occurrences stay.
  bool remove(std::int64_t id);

 private:
  std::vector<StoredSlot> select(const std::string& where, std::optional<std::int64_t> id);
  Database& db_;
};

struct StoredHoliday {
  std::int64_t id = 0;
  schedules::Holiday holiday;
};

class HolidayStore {
 public:
  explicit HolidayStore(Database& db) noexcept : db_(db) {}

  std::vector<StoredHoliday> list();
  std::int64_t add(const schedules::Holiday& holiday);
  bool remove(std::int64_t id);

 private:
  Database& db_;
};

}  // namespace loaxa::store
