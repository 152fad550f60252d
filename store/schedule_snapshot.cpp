#include "store/schedule_snapshot.hpp"

#include "store/occurrence_store.hpp"
#include "store/programme_store.hpp"
#include "store/segment_store.hpp"
#include "store/slot_store.hpp"
#include "store/transaction.hpp"

namespace loaxa::store {
namespace {

// Both read inside load_snapshot's ReadTransaction.
schedules::Schedule read_schedule(Database& db) {
  schedules::Schedule schedule;
  for (auto& stored : SlotStore(db).list()) schedule.slots.push_back(std::move(stored.slot));
  schedule.programmes = ProgrammeStore(db).list();
  for (auto& stored : HolidayStore(db).list()) schedule.holidays.push_back(std::move(stored.holiday));
  return schedule;
}

schedules::Catalogue read_catalogue(Database& db) {
  std::vector<schedules::SegmentInfo> infos;
  for (const auto& s : SegmentStore(db).list()) {
    schedules::SegmentInfo info;
    info.id = std::to_string(s.id);
    info.title = s.title;
    info.category = s.category;
    info.duration_ms = s.trim_end_ms - s.trim_start_ms;
    info.approved = s.approved;
    if (s.valid_from) info.valid_from = schedules::parse_date(*s.valid_from);
    if (s.valid_until) info.valid_until = schedules::parse_date(*s.valid_until);
    infos.push_back(std::move(info));
  }
  return schedules::Catalogue(std::move(infos));
}

}  // namespace

Snapshot load_snapshot(Database& db, schedules::UtcTime history_from) {
  ReadTransaction transaction(db);
  Snapshot snapshot{read_schedule(db), read_catalogue(db)};
  snapshot.schedule.frozen = OccurrenceStore(db).frozen_since(history_from);
  return snapshot;
}

}  // namespace loaxa::store
