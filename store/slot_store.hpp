#pragma once
// Slots (khung giờ phát) with their exception dates, and holidays.
//
// A slot's start is stored as a UTC instant together with the zone it was given in; the
// wall-clock time the recurrence runs on is that instant seen in that zone. Starts that do
// not exist in the zone (a DST gap) are refused before they get here, so this is lossless.

#include "schedules/slot.hpp"
#include "store/database.hpp"

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

  std::vector<StoredSlot> list();
  std::optional<StoredSlot> find(std::int64_t id);
  // Inserts with its exception dates in one transaction; returns the new id.
  // Throws SQLite::Exception or ScheduleError{unknown_time_zone}.
  std::int64_t add(const schedules::Slot& slot, const std::string& time_zone, const std::string& created_at);
  bool set_enabled(std::int64_t id, bool enabled);
  // Returns false for an unknown slot; an exception date already present is kept once.
  bool add_exception(std::int64_t id, schedules::LocalDate date);
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
