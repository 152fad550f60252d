#include "station/timeline.hpp"

#include "store/occurrence_store.hpp"
#include "store/play_store.hpp"
#include "store/schedule_snapshot.hpp"
#include "store/transaction.hpp"

namespace loaxa::station {

std::vector<schedules::Occurrence> plan_window(Station& station, schedules::UtcTime from, schedules::UtcTime to) {
  schedules::TimelineConfig config;
  config.max_wait = std::chrono::minutes(station.config().max_wait_minutes);
  auto& db = station.db();
  store::ReadTransaction transaction(db);
  // How far back the airing history must be read depends on the schedule (rule T10): ask the
  // timeline, then read the history from there, in the same snapshot.
  const auto probe = store::load_snapshot(db, from);
  const auto history_from = schedules::history_start(probe.schedule, probe.catalogue, station.zone(), from, config);
  const auto snapshot = store::load_snapshot(db, history_from);
  return schedules::compute_timeline(snapshot.schedule, snapshot.catalogue, station.zone(), from, to, config);
}

store::StationPlan planned_plays(Station& station, schedules::UtcTime from, schedules::UtcTime to) {
  store::StationPlan plan{from, to, {}};
  for (const auto& occurrence : plan_window(station, from, to)) {
    if (occurrence.status == schedules::OccurrenceStatus::dropped) continue;
    const std::string key = store::OccurrenceKey::of_slot(occurrence.slot_id, occurrence.nominal_start).text();
    schedules::UtcTime due = occurrence.start;
    for (std::size_t position = 0; position < occurrence.items.size(); ++position) {
      const schedules::PlannedItem& item = occurrence.items[position];
      const schedules::UtcTime at = due;
      due += std::chrono::milliseconds(item.planned_ms);
      // A relay has no category to count it under; a rotation that ran short has no segment.
      if (item.skipped || item.category.empty() || at < from || at >= to) continue;
      plan.items.push_back({key, static_cast<std::int64_t>(position), item.category, at});
    }
  }
  return plan;
}

bool freeze_occurrence(Station& station, const schedules::Occurrence& occurrence) {
  schedules::FrozenOccurrence frozen;
  frozen.slot_id = occurrence.slot_id;
  frozen.nominal_start = occurrence.nominal_start;
  frozen.start = occurrence.start;
  frozen.items = occurrence.items;
  frozen.level = occurrence.level;
  frozen.programme_id = occurrence.programme_id;
  frozen.programme_name = occurrence.programme_name;
  store::WriteTransaction transaction(station.db());
  const bool fresh =
      store::OccurrenceStore(station.db()).freeze(frozen, occurrence.programme_id, iso_utc(station.clock().now()));
  transaction.commit();
  return fresh;
}

std::optional<schedules::UtcTime> latest_frozen_start(Station& station) {
  return store::OccurrenceStore(station.db()).latest_start();
}

}  // namespace loaxa::station
