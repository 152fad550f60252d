#include "station/timeline.hpp"

#include "store/occurrence_store.hpp"
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
