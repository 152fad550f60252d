#include "station/mandate_catch_up.hpp"

#include "station/mandate_airings.hpp"
#include "store/mandate_store.hpp"
#include "store/segment_store.hpp"
#include "store/slot_store.hpp"
#include "store/transaction.hpp"

#include <algorithm>
#include <set>

namespace loaxa::station {
namespace {

using store::MandateState;

// Per period: its completed airings, and the mandate's slots that may still air. `ahead` is
// what the timeline plans from now to the span's end: a future slot counts only when its
// occurrence is there and not dropped (a holiday declared since, a disabled slot).
std::vector<int> count_airings(Station& station, const store::StoredMandate& mandate,
                               const std::vector<schedules::MandatePeriod>& periods, std::chrono::milliseconds length,
                               const std::vector<schedules::Occurrence>& ahead, schedules::UtcTime now) {
  const auto& zone = station.zone();
  const auto& terms = mandate.order.terms;
  store::MandateStore mandates(station.db());
  store::SlotStore slots(station.db());
  std::vector<int> counts(periods.size(), 0);
  for (std::size_t p = 0; p < periods.size(); ++p) {
    const auto [begin, end] = local_days_span(periods[p].first, periods[p].last, zone);
    counts[p] = mandates.aired(mandate.order.id, begin, end);
  }
  std::set<std::int64_t> will_air;
  for (const auto& occurrence : ahead) {
    if (occurrence.status != schedules::OccurrenceStatus::dropped) will_air.insert(occurrence.slot_id);
  }
  const auto grace = std::chrono::minutes(station.config().max_wait_minutes) + length + std::chrono::minutes(1);
  for (const auto slot_id : mandates.slots_of(mandate.order.id)) {
    const auto stored = slots.find(slot_id);
    if (!stored) continue;
    const int p = schedules::mandate_period_index(terms, schedules::date_of(stored->slot.start));
    if (p < 0) continue;
    const auto plays = mandates.plays_of_slot(mandate.order.id, slot_id);
    if (plays.completed) continue;  // counted as aired
    const auto start = zone.to_utc(stored->slot.start);
    const bool may_still_air =
        start > now ? will_air.count(slot_id) != 0 : plays.playing || (!plays.any && now < start + grace);
    if (may_still_air) ++counts[static_cast<std::size_t>(p)];
  }
  return counts;
}

// What catching up would change; written only when `write`.
std::optional<MandateCatchUp> catch_up(Station& station, const store::StoredMandate& mandate, schedules::UtcTime now,
                                       bool write) {
  const auto& terms = mandate.order.terms;
  const auto segment = store::SegmentStore(station.db()).find(*mandate.segment_id);
  if (!segment) return std::nullopt;  // its segment was removed: nothing can air it
  const auto length = airing_length(*segment);
  const auto periods = schedules::mandate_periods(terms);
  auto input = plan_input(station, terms, length, now);
  input.already = count_airings(station, mandate, periods, length, input.busy, now);
  input.own_programme = mandate.programme_id;
  const auto& counted = input.already;

  const auto today = schedules::date_of(station.zone().to_local(now));
  int lacking_from_today = 0;
  for (std::size_t p = 0; p < periods.size(); ++p) {
    if (periods[p].last >= today) lacking_from_today += std::max(0, periods[p].required - counted[p]);
  }
  // A segment no longer approved or out of its dates would be skipped at every airing planned
  // again: nothing is added (what it lacks shows as shortfall) rather than slot after slot.
  const auto day = schedules::format_date(today);
  if (!segment->approved || (segment->valid_from && day < *segment->valid_from) ||
      (segment->valid_until && day > *segment->valid_until)) {
    lacking_from_today = 0;
  }
  schedules::MandatePlan plan;
  if (lacking_from_today > 0) plan = schedules::plan_mandate(input, station.zone());
  int planned = 0;
  for (std::size_t p = 0; p < periods.size(); ++p) {
    const int added = p < plan.periods.size() ? plan.periods[p].planned : 0;
    planned += std::min(periods[p].required, counted[p] + added);
  }
  const int before = mandate.planned.value_or(0);
  if (plan.starts.empty() && planned == before) return std::nullopt;

  if (write) {
    write_airings(station, mandate.order, *mandate.programme_id, plan.starts, now);
    // The hub is told the new count at the next poll (set_state marks it unreported).
    if (planned != before) {
      store::MandateStore(station.db()).set_state(mandate.order.id, MandateState::received, "", planned, now);
    }
  }
  MandateCatchUp out;
  out.mandate_id = mandate.order.id;
  out.title = mandate.order.title;
  out.required = schedules::required_airings(terms);
  out.planned_before = before;
  out.planned_after = planned;
  out.added = plan.starts;
  return out;
}

}  // namespace

std::vector<MandateCatchUp> catch_up_mandates(Station& station, schedules::UtcTime now) {
  const auto open = [&](const store::StoredMandate& mandate) {
    return mandate.state == MandateState::received && mandate.order.terms.level != schedules::MandateLevel::emergency &&
           mandate.programme_id && mandate.segment_id;
  };
  std::vector<MandateCatchUp> out;
  for (const auto& mandate : store::MandateStore(station.db()).list()) {
    if (!open(mandate)) continue;
    // A week after its span the count is final (a station down at its end still says so).
    if (mandate_span(mandate.order.terms, station.zone()).second + std::chrono::days(7) <= now) continue;
    // Looked at without the write lock first: most of the time nothing changes.
    if (!catch_up(station, mandate, now, false)) continue;
    store::WriteTransaction transaction(station.db());
    // Read again under the lock: the sync's import thread may have changed it meanwhile.
    const auto current = store::MandateStore(station.db()).find(mandate.order.id);
    if (!current || !open(*current)) continue;
    if (auto caught = catch_up(station, *current, now, true)) {
      transaction.commit();
      out.push_back(std::move(*caught));
    }
  }
  return out;
}

}  // namespace loaxa::station
