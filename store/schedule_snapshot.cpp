#include "store/schedule_snapshot.hpp"

#include "store/occurrence_store.hpp"
#include "store/programme_store.hpp"
#include "store/segment_store.hpp"
#include "store/slot_store.hpp"
#include "store/transaction.hpp"
#include "store/utc_text.hpp"

#include <SQLiteCpp/Statement.h>

#include <map>

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

// Each segment's latest airing before `before`: the history older than what the timeline
// replays occurrence by occurrence (docs/SCHEDULING.md, T10), summarised. An airing is an
// item of a frozen occurrence (at its nominal start) or a play of the as-run log that went
// out (at its actual start): completed, or interrupted after frames reached the device. A
// failed, skipped or missed play did not air, so the segment is still owed its turn.
std::map<std::string, schedules::UtcTime> last_aired_before(Database& db, schedules::UtcTime before) {
  SQLite::Statement q(db.sql(),
                      "SELECT segment_id, max(at) FROM ("
                      "  SELECT i.segment_id AS segment_id, o.nominal_start_utc AS at FROM occurrence_item i "
                      "  JOIN occurrence o ON o.id = i.occurrence_id "
                      "  WHERE o.nominal_start_utc < :before AND i.skipped IS NULL AND i.segment_id IS NOT NULL "
                      "  UNION ALL "
                      "  SELECT CAST(segment_id AS TEXT), started_at FROM play "
                      "  WHERE segment_id IS NOT NULL AND started_at < :before "
                      "    AND (status = 'completed' OR (status = 'interrupted' AND frames > 0))"
                      ") GROUP BY segment_id");
  q.bind(":before", utc_text(before));
  std::map<std::string, schedules::UtcTime> out;
  while (q.executeStep()) out.emplace(q.getColumn(0).getString(), parse_utc_text(q.getColumn(1).getString()));
  return out;
}

schedules::Catalogue read_catalogue(Database& db, schedules::UtcTime history_from) {
  const auto aired = last_aired_before(db, history_from);
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
    if (const auto it = aired.find(info.id); it != aired.end()) info.last_aired = it->second;
    infos.push_back(std::move(info));
  }
  return schedules::Catalogue(std::move(infos));
}

}  // namespace

Snapshot load_snapshot(Database& db, schedules::UtcTime history_from) {
  ReadTransaction transaction(db);
  Snapshot snapshot{read_schedule(db), read_catalogue(db, history_from)};
  snapshot.schedule.frozen = OccurrenceStore(db).frozen_since(history_from);
  return snapshot;
}

}  // namespace loaxa::store
