#include "store/slot_store.hpp"

#include "schedules/time_zone.hpp"

#include "store/transaction.hpp"

#include <SQLiteCpp/Statement.h>

#include <set>

namespace loaxa::store {
namespace {

using schedules::LocalDate;

// The slot's zone must be one this machine knows: the timeline converts through it.
// Throws ScheduleError{unknown_time_zone}; remembers the names already checked.
void check_zone(const std::string& name, std::set<std::string>& known) {
  if (known.count(name) != 0) return;
  schedules::TimeZone zone(name);
  known.insert(name);
}

std::optional<LocalDate> optional_date(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return schedules::parse_date(column.getString());
}

void bind_date(SQLite::Statement& q, int index, const std::optional<LocalDate>& date) {
  if (date)
    q.bind(index, schedules::format_date(*date));
  else
    q.bind(index);
}

}  // namespace

std::vector<StoredSlot> SlotStore::select(const std::string& where, std::optional<std::int64_t> id) {
  SQLite::Statement q(
      db_.sql(),
      "SELECT id, programme_id, start_local, time_zone, rrule, valid_from, valid_until, level, enabled, "
      "created_at FROM slot " +
          where + " ORDER BY id");
  if (id) q.bind(1, *id);
  std::vector<StoredSlot> out;
  std::set<std::string> zones;
  while (q.executeStep()) {
    StoredSlot stored;
    auto& slot = stored.slot;
    slot.id = q.getColumn(0).getInt64();
    slot.programme_id = q.getColumn(1).getInt64();
    stored.time_zone = q.getColumn(3).getString();
    check_zone(stored.time_zone, zones);
    slot.start = schedules::parse_date_time(q.getColumn(2).getString());
    slot.rrule = q.getColumn(4).getString();
    slot.valid_from = optional_date(q.getColumn(5));
    slot.valid_until = optional_date(q.getColumn(6));
    slot.level = schedules::parse_level(q.getColumn(7).getString());
    slot.enabled = q.getColumn(8).getInt() != 0;
    stored.created_at = q.getColumn(9).getString();
    out.push_back(std::move(stored));
  }
  SQLite::Statement exceptions(db_.sql(), "SELECT date FROM slot_exception WHERE slot_id = ? ORDER BY date");
  for (auto& stored : out) {
    exceptions.reset();
    exceptions.bind(1, stored.slot.id);
    while (exceptions.executeStep()) {
      stored.slot.exception_dates.push_back(schedules::parse_date(exceptions.getColumn(0).getString()));
    }
  }
  return out;
}

std::vector<StoredSlot> SlotStore::list() {
  return select("", std::nullopt);
}

std::optional<StoredSlot> SlotStore::find(std::int64_t id) {
  auto found = select("WHERE id = ?", id);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::int64_t SlotStore::add(const schedules::Slot& slot, const std::string& time_zone, const std::string& created_at) {
  std::set<std::string> zones;
  check_zone(time_zone, zones);
  WriteTransaction transaction(db_);
  SQLite::Statement q(db_.sql(),
                      "INSERT INTO slot (programme_id, start_local, time_zone, rrule, valid_from, valid_until, level, "
                      "enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, slot.programme_id);
  q.bind(2, schedules::format_date_time(slot.start));
  q.bind(3, time_zone);
  q.bind(4, slot.rrule);
  bind_date(q, 5, slot.valid_from);
  bind_date(q, 6, slot.valid_until);
  q.bind(7, schedules::to_string(slot.level));
  q.bind(8, slot.enabled ? 1 : 0);
  q.bind(9, created_at);
  q.exec();
  const std::int64_t id = db_.sql().getLastInsertRowid();
  for (const auto& date : slot.exception_dates) add_exception(id, date);
  transaction.commit();
  return id;
}

bool SlotStore::set_enabled(std::int64_t id, bool enabled) {
  WriteTransaction transaction(db_);
  SQLite::Statement q(db_.sql(), "UPDATE slot SET enabled = ? WHERE id = ?");
  q.bind(1, enabled ? 1 : 0);
  q.bind(2, id);
  const bool found = q.exec() == 1;
  transaction.commit();
  return found;
}

bool SlotStore::add_exception(std::int64_t id, LocalDate date) {
  WriteTransaction transaction(db_);
  SQLite::Statement exists(db_.sql(), "SELECT count(*) FROM slot WHERE id = ?");
  exists.bind(1, id);
  exists.executeStep();
  if (exists.getColumn(0).getInt() == 0) return false;
  SQLite::Statement q(db_.sql(), "INSERT INTO slot_exception (slot_id, date) VALUES (?, ?) ON CONFLICT DO NOTHING");
  q.bind(1, id);
  q.bind(2, schedules::format_date(date));
  q.exec();
  transaction.commit();
  return true;
}

bool SlotStore::remove(std::int64_t id) {
  // Its exceptions go with it (ON DELETE CASCADE); nothing else refers to a slot.
  return remove_row(db_, "DELETE FROM slot WHERE id = ?", id) == RemoveResult::removed;
}

std::vector<StoredHoliday> HolidayStore::list() {
  SQLite::Statement q(db_.sql(), "SELECT id, date_from, date_until, name FROM holiday ORDER BY date_from, id");
  std::vector<StoredHoliday> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getInt64(),
                   {schedules::parse_date(q.getColumn(1).getString()),
                    schedules::parse_date(q.getColumn(2).getString()), q.getColumn(3).getString()}});
  }
  return out;
}

std::int64_t HolidayStore::add(const schedules::Holiday& holiday) {
  WriteTransaction transaction(db_);
  SQLite::Statement q(db_.sql(), "INSERT INTO holiday (date_from, date_until, name) VALUES (?, ?, ?)");
  q.bind(1, schedules::format_date(holiday.from));
  q.bind(2, schedules::format_date(holiday.until));
  q.bind(3, holiday.name);
  q.exec();
  const std::int64_t id = db_.sql().getLastInsertRowid();
  transaction.commit();
  return id;
}

bool HolidayStore::remove(std::int64_t id) {
  return remove_row(db_, "DELETE FROM holiday WHERE id = ?", id) == RemoveResult::removed;
}

}  // namespace loaxa::store
