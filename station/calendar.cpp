#include "station/calendar.hpp"

#include "store/programme_store.hpp"
#include "store/schedule_snapshot.hpp"
#include "store/slot_store.hpp"
#include "store/transaction.hpp"

namespace loaxa::station {

schedules::IcsExport export_calendar(Station& station) {
  const auto now = station.now();
  const auto snapshot = store::load_snapshot(station.db(), now.utc);
  return schedules::export_ics(snapshot.schedule, snapshot.catalogue, station.zone(), station.config().station_id,
                               now.utc);
}

CalendarImport import_calendar(Station& station, std::string_view text) {
  const auto now = station.now();
  const auto& zone = station.zone();
  const auto calendar = schedules::parse_ics(text, zone, station.config().station_id);

  CalendarImport out;
  store::WriteTransaction transaction(station.db());
  out.plan = schedules::plan_import(calendar, store::load_snapshot(station.db(), now.utc).schedule, zone, now.today);
  store::SlotStore slots(station.db());
  store::HolidayStore holidays(station.db());
  store::ProgrammeStore programmes(station.db());
  const std::string created_at = iso_utc(now.utc);
  for (const auto& planned : out.plan.slots) {
    out.slot_ids.push_back(slots.add(planned.slot, zone.name(), created_at));
    const auto programme = programmes.find(planned.slot.programme_id);
    out.programme_names.push_back(programme ? programme->name : "?");
  }
  for (const auto& holiday : out.plan.holidays) out.holiday_ids.push_back(holidays.add(holiday));
  transaction.commit();
  return out;
}

}  // namespace loaxa::station
