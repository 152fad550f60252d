#include "store/slot_store.hpp"

#include "schedules/time_zone.hpp"

#include <SQLiteCpp/Statement.h>
#include "store/savepoint.hpp"

#include <map>

namespace loaxa::store {
namespace {

using schedules::LocalDate;

// "2027-01-01T05:00:00Z": the UTC instant at second precision, as SQLite's own
// strftime writes it, so the column sorts and compares as text.
std::string utc_text(schedules::UtcTime time) {
  return schedules::format_date_time(
             schedules::LocalDateTime{std::chrono::floor<std::chrono::seconds>(time).time_since_epoch()}) +
         "Z";
}

schedules::UtcTime parse_utc_text(std::string text) {
  if (!text.empty() && text.back() == 'Z') text.pop_back();
  auto as_local = schedules::parse_date_time(text);
  return schedules::UtcTime{std::chrono::duration_cast<std::chrono::milliseconds>(as_local.time_since_epoch())};
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
  SQLite::Statement q(db_.sql(),
                      "SELECT id, programme_id, start_utc, time_zone, rrule, valid_from, valid_until, level, enabled, "
                      "created_at FROM slot " +
                          where + " ORDER BY id");
  if (id) q.bind(1, *id);
  std::vector<StoredSlot> out;
  std::map<std::string, schedules::TimeZone> zones;
  while (q.executeStep()) {
    StoredSlot stored;
    auto& slot = stored.slot;
    slot.id = q.getColumn(0).getInt64();
    slot.programme_id = q.getColumn(1).getInt64();
    stored.time_zone = q.getColumn(3).getString();
    auto zone = zones.find(stored.time_zone);
    if (zone == zones.end()) zone = zones.emplace(stored.time_zone, schedules::TimeZone(stored.time_zone)).first;
    slot.start = zone->second.to_local(parse_utc_text(q.getColumn(2).getString()));
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
  schedules::TimeZone zone(time_zone);
  Savepoint transaction(db_.sql());
  SQLite::Statement q(db_.sql(),
                      "INSERT INTO slot (programme_id, start_utc, time_zone, rrule, valid_from, valid_until, level, "
                      "enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, slot.programme_id);
  q.bind(2, utc_text(zone.to_utc(slot.start)));
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
  transaction.release();
  return id;
}

bool SlotStore::set_enabled(std::int64_t id, bool enabled) {
  SQLite::Statement q(db_.sql(), "UPDATE slot SET enabled = ? WHERE id = ?");
  q.bind(1, enabled ? 1 : 0);
  q.bind(2, id);
  return q.exec() == 1;
}

bool SlotStore::add_exception(std::int64_t id, LocalDate date) {
  if (db_.sql().execAndGet("SELECT count(*) FROM slot WHERE id = " + std::to_string(id)).getInt() == 0) return false;
  SQLite::Statement q(db_.sql(), "INSERT INTO slot_exception (slot_id, date) VALUES (?, ?) ON CONFLICT DO NOTHING");
  q.bind(1, id);
  q.bind(2, schedules::format_date(date));
  q.exec();
  return true;
}

bool SlotStore::remove(std::int64_t id) {
  SQLite::Statement q(db_.sql(), "DELETE FROM slot WHERE id = ?");
  q.bind(1, id);
  return q.exec() == 1;
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
  SQLite::Statement q(db_.sql(), "INSERT INTO holiday (date_from, date_until, name) VALUES (?, ?, ?)");
  q.bind(1, schedules::format_date(holiday.from));
  q.bind(2, schedules::format_date(holiday.until));
  q.bind(3, holiday.name);
  q.exec();
  return db_.sql().getLastInsertRowid();
}

bool HolidayStore::remove(std::int64_t id) {
  SQLite::Statement q(db_.sql(), "DELETE FROM holiday WHERE id = ?");
  q.bind(1, id);
  return q.exec() == 1;
}

}  // namespace loaxa::store
