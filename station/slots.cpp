#include "station/slots.hpp"

#include "schedules/error.hpp"
#include "schedules/slot.hpp"
#include "schedules/weekdays.hpp"
#include "station/error.hpp"
#include "station/programmes.hpp"
#include "store/programme_store.hpp"
#include "store/schedule_snapshot.hpp"
#include "store/transaction.hpp"

#include <algorithm>

namespace loaxa::station {
namespace {

using Kind = StationError::Kind;

std::vector<schedules::Slot> slots_for(const SlotRequest& request, std::int64_t programme_id,
                                       schedules::LocalDate today) {
  schedules::Slot base;
  base.programme_id = programme_id;
  base.level = request.level;
  base.valid_from = request.valid_from;
  base.valid_until = request.valid_until;
  std::vector<schedules::Slot> slots;
  if (request.start) {
    base.start = *request.start;
    base.rrule = request.rrule;
    slots.push_back(base);
    return slots;
  }
  base.rrule = schedules::rrule_for_weekdays(request.weekdays.value_or(""));
  // A time-of-day slot's rule starts on the first day it may air.
  const schedules::LocalDate first_day = base.valid_from.value_or(today);
  for (const auto time : request.times) {
    schedules::Slot slot = base;
    slot.start = schedules::slot_start_at(time, first_day);
    slots.push_back(slot);
  }
  return slots;
}

std::string programme_name(Station& station, std::int64_t id) {
  auto programme = store::ProgrammeStore(station.db()).find(id);
  return programme ? programme->name : "?";
}

SlotView view(Station& station, store::StoredSlot stored) {
  auto name = programme_name(station, stored.slot.programme_id);
  return {std::move(stored), std::move(name)};
}

}  // namespace

namespace {

// Every check add_slots makes, inside the caller's transaction.
SlotCheck checked(Station& station, const SlotRequest& request, const Now& now) {
  const auto programme = find_programme(station, request.programme);
  SlotCheck out;
  out.programme_name = programme.name;
  out.slots = slots_for(request, programme.id, now.today);
  if (out.slots.empty()) {
    throw schedules::ScheduleError(schedules::ScheduleError::Kind::bad_time_of_day, "", "no time of day given");
  }
  for (const auto& slot : out.slots) out.acceptances.push_back(schedules::accept_slot(slot, station.zone(), now.today));
  const auto catalogue = store::load_snapshot(station.db(), now.utc).catalogue;
  const auto first_day = std::max(now.today, out.slots.front().valid_from.value_or(now.today));
  out.programme_warnings = schedules::validate_programme(programme, catalogue, first_day);
  out.programme_longest_ms = schedules::longest_length_ms(programme, catalogue);
  out.max_session_minutes = station.config().max_session_minutes;
  return out;
}

// Writes the checked slots; inside the caller's transaction.
AddedSlots write_slots(Station& station, SlotCheck check, const Now& now) {
  AddedSlots added;
  added.programme_name = check.programme_name;
  added.programme_warnings = std::move(check.programme_warnings);
  store::SlotStore store(station.db());
  const auto created_at = iso_utc(now.utc);
  for (std::size_t i = 0; i < check.slots.size(); ++i) {
    const auto id = store.add(check.slots[i], station.zone().name(), created_at);
    added.slots.push_back(*store.find(id));
    for (const auto& warning : check.acceptances[i].warnings) {
      added.notices.push_back({id, warning, check.acceptances[i].first_airing});
    }
  }
  return added;
}

}  // namespace

AddedSlots add_slots(Station& station, const SlotRequest& request) {
  const auto now = station.now();
  store::WriteTransaction transaction(station.db());
  auto added = write_slots(station, checked(station, request, now), now);
  transaction.commit();
  return added;
}

AddedSlots replace_slot(Station& station, std::int64_t id, const SlotRequest& request) {
  const auto now = station.now();
  store::WriteTransaction transaction(station.db());
  store::SlotStore store(station.db());
  if (!store.find(id)) throw StationError(Kind::no_such_slot, id);
  auto added = write_slots(station, checked(station, request, now), now);
  store.remove(id);
  transaction.commit();
  return added;
}

SlotCheck check_slots(Station& station, const SlotRequest& request) {
  const auto now = station.now();
  store::ReadTransaction snapshot(station.db());
  return checked(station, request, now);
}

std::vector<SlotView> list_slots(Station& station) {
  store::ReadTransaction snapshot(station.db());
  std::vector<SlotView> out;
  for (auto& stored : store::SlotStore(station.db()).list()) out.push_back(view(station, std::move(stored)));
  return out;
}

SlotView find_slot(Station& station, std::int64_t id) {
  auto stored = store::SlotStore(station.db()).find(id);
  if (!stored) throw StationError(Kind::no_such_slot, id);
  return view(station, std::move(*stored));
}

SlotView set_slot_enabled(Station& station, std::int64_t id, bool enabled) {
  store::WriteTransaction transaction(station.db());
  if (!store::SlotStore(station.db()).set_enabled(id, enabled)) throw StationError(Kind::no_such_slot, id);
  auto out = find_slot(station, id);
  transaction.commit();
  return out;
}

SlotView remove_slot(Station& station, std::int64_t id) {
  store::WriteTransaction transaction(station.db());
  auto out = find_slot(station, id);
  store::SlotStore(station.db()).remove(id);
  transaction.commit();
  return out;
}

SlotView except_slot(Station& station, std::int64_t id, const std::vector<schedules::LocalDate>& dates) {
  store::WriteTransaction transaction(station.db());
  store::SlotStore store(station.db());
  for (const auto& date : dates) {
    if (!store.add_exception(id, date)) throw StationError(Kind::no_such_slot, id);
  }
  auto out = find_slot(station, id);
  transaction.commit();
  return out;
}

std::vector<store::StoredHoliday> list_holidays(Station& station) {
  return store::HolidayStore(station.db()).list();
}

store::StoredHoliday add_holiday(Station& station, const schedules::Holiday& holiday) {
  if (holiday.until < holiday.from) {
    throw schedules::ScheduleError(schedules::ScheduleError::Kind::bad_range,
                                   schedules::format_date(holiday.from) + ".." + schedules::format_date(holiday.until),
                                   "until is before from");
  }
  if (holiday.name.find_first_not_of(" \t") == std::string::npos) throw StationError(Kind::empty_holiday_name);
  store::WriteTransaction transaction(station.db());
  const auto id = store::HolidayStore(station.db()).add(holiday);
  transaction.commit();
  return {id, holiday};
}

void remove_holiday(Station& station, std::int64_t id) {
  store::WriteTransaction transaction(station.db());
  if (!store::HolidayStore(station.db()).remove(id)) throw StationError(Kind::no_such_holiday, id);
  transaction.commit();
}

}  // namespace loaxa::station
