#include "schedules/timeline.hpp"

#include <algorithm>
#include <map>

#include "schedules/recurrence.hpp"
#include "schedules/time_zone.hpp"

namespace loaxa::schedules {

const char* to_string(OccurrenceStatus status) noexcept {
  switch (status) {
    case OccurrenceStatus::planned:
      return "planned";
    case OccurrenceStatus::shifted:
      return "shifted";
    case OccurrenceStatus::dropped:
      return "dropped";
  }
  return "unknown";
}

const char* to_string(DropReason reason) noexcept {
  switch (reason) {
    case DropReason::shift_limit:
      return "shift_limit";
    case DropReason::holiday:
      return "holiday";
    case DropReason::missing_programme:
      return "missing_programme";
  }
  return "unknown";
}

namespace {

using std::chrono::milliseconds;

bool excluded_on(const Slot& slot, LocalDate date) {
  if (slot.valid_from && date < *slot.valid_from) return true;
  if (slot.valid_until && date > *slot.valid_until) return true;
  return std::find(slot.exception_dates.begin(), slot.exception_dates.end(), date) != slot.exception_dates.end();
}

struct Candidate {
  Occurrence occ;
  const Programme* programme = nullptr;
};

// Rule T2 order: nominal start, priority first, slot id.
bool nominal_order(const Candidate& a, const Candidate& b) {
  if (a.occ.nominal_start != b.occ.nominal_start) return a.occ.nominal_start < b.occ.nominal_start;
  if (a.occ.level != b.occ.level) return a.occ.level == Level::priority;
  return a.occ.slot_id < b.occ.slot_id;
}

std::vector<Candidate> expand(const Schedule& schedule, const TimeZone& zone, UtcTime from, UtcTime to,
                              const std::map<std::int64_t, const Programme*>& programmes) {
  std::vector<Candidate> out;
  // Wall-clock bounds with a day's margin each side: offsets never exceed ±14 h.
  const LocalDateTime local_from = std::chrono::floor<std::chrono::seconds>(zone.to_local(from)) - std::chrono::days{1};
  const LocalDateTime local_to = std::chrono::ceil<std::chrono::seconds>(zone.to_local(to)) + std::chrono::days{1};
  for (const Slot& slot : schedule.slots) {
    if (!slot.enabled) continue;
    const Recurrence recurrence(slot.rrule, slot.start, zone);
    const auto found = programmes.find(slot.programme_id);
    for (const LocalDateTime local : recurrence.between(local_from, local_to)) {
      const LocalDate date = date_of(local);
      if (excluded_on(slot, date)) continue;
      const UtcTime nominal = zone.to_utc(local);
      if (nominal < from || nominal >= to) continue;
      Candidate c;
      c.occ.slot_id = slot.id;
      c.occ.programme_id = slot.programme_id;
      c.occ.level = slot.level;
      c.occ.local_nominal = local;
      c.occ.nominal_start = c.occ.start = c.occ.end = nominal;
      if (found == programmes.end()) {
        c.occ.status = OccurrenceStatus::dropped;
        c.occ.drop_reason = DropReason::missing_programme;
      } else {
        c.programme = found->second;
        c.occ.programme_name = found->second->name;
        if (slot.level == Level::normal && is_holiday(schedule.holidays, date)) {
          c.occ.status = OccurrenceStatus::dropped;
          c.occ.drop_reason = DropReason::holiday;
        }
      }
      out.push_back(std::move(c));
    }
  }
  std::sort(out.begin(), out.end(), nominal_order);
  return out;
}

// Rule T7: the earliest point before `from` after which nothing earlier can still run, so the
// computation starts from an empty station and a window equals a slice of a larger one.
UtcTime quiet_point(const std::vector<Candidate>& sorted, UtcTime from, milliseconds reach, UtcTime floor) {
  UtcTime cur = from - reach;
  auto it = std::lower_bound(sorted.begin(), sorted.end(), cur,
                             [](const Candidate& c, UtcTime t) { return c.occ.nominal_start < t; });
  while (it != sorted.begin() && cur > floor) {
    const UtcTime previous = std::prev(it)->occ.nominal_start;
    if (previous + reach <= cur) break;
    cur = previous;
    --it;
  }
  return std::max(cur, floor);
}

void mark(Occurrence& occ, UtcTime start, milliseconds max_shift, std::int64_t blocker) {
  const milliseconds delay = start - occ.nominal_start;
  if (delay > max_shift) {
    occ.status = OccurrenceStatus::dropped;
    occ.drop_reason = DropReason::shift_limit;
    occ.blocked_by_slot = blocker;
    return;
  }
  occ.start = start;
  occ.end = start + milliseconds{occ.planned_ms};
  occ.delay = delay;
  if (delay > milliseconds{0}) {
    occ.status = OccurrenceStatus::shifted;
    occ.blocked_by_slot = blocker;
  }
}

// Rules T3-T5: priority occurrences are placed first, among themselves first come first
// served; normal ones then fill around them, keeping their own order.
void place(std::vector<Candidate>& all, milliseconds max_shift) {
  struct Busy {
    UtcTime start, end;
    std::int64_t slot;
  };
  std::vector<Busy> priority_busy;
  UtcTime free_at = UtcTime::min();
  std::int64_t last_slot = 0;
  for (Candidate& c : all) {
    if (c.occ.level != Level::priority || c.occ.status == OccurrenceStatus::dropped) continue;
    const UtcTime start = std::max(c.occ.nominal_start, free_at);
    mark(c.occ, start, max_shift, start > c.occ.nominal_start ? last_slot : 0);
    if (c.occ.status == OccurrenceStatus::dropped) continue;
    priority_busy.push_back({c.occ.start, c.occ.end, c.occ.slot_id});
    free_at = c.occ.end;
    last_slot = c.occ.slot_id;
  }
  free_at = UtcTime::min();
  last_slot = 0;
  std::size_t next_busy = 0;  // first priority interval that may still matter
  for (Candidate& c : all) {
    if (c.occ.level != Level::normal || c.occ.status == OccurrenceStatus::dropped) continue;
    UtcTime start = std::max(c.occ.nominal_start, free_at);
    std::int64_t blocker = start > c.occ.nominal_start ? last_slot : 0;
    const milliseconds length{c.occ.planned_ms};
    while (next_busy < priority_busy.size() && priority_busy[next_busy].end <= start) ++next_busy;
    for (std::size_t i = next_busy; i < priority_busy.size(); ++i) {
      const Busy& b = priority_busy[i];
      const bool overlaps = b.start < start + length && start < b.end;
      const bool starts_inside = length == milliseconds{0} && b.start <= start && start < b.end;
      if (!overlaps && !starts_inside) {
        if (b.start >= start + length) break;
        continue;
      }
      start = b.end;
      blocker = b.slot;
    }
    mark(c.occ, start, max_shift, blocker);
    if (c.occ.status == OccurrenceStatus::dropped) continue;
    free_at = c.occ.end;
    last_slot = c.occ.slot_id;
  }
}

bool meets(const Occurrence& o, UtcTime from, UtcTime to) {
  if (o.start >= to) return false;
  return o.end > from || (o.start == o.end && o.start >= from);
}

}  // namespace

std::vector<Occurrence> compute_timeline(const Schedule& schedule, const Catalogue& catalogue, const TimeZone& zone,
                                         UtcTime from, UtcTime to, const TimelineConfig& config) {
  if (from >= to) return {};
  std::map<std::int64_t, const Programme*> programmes;
  std::int64_t longest = 0;
  for (const Programme& p : schedule.programmes) {
    programmes.emplace(p.id, &p);
    longest = std::max(longest, longest_length_ms(p, catalogue));
  }
  const milliseconds max_shift{config.max_shift};
  // How far past its nominal start an occurrence can still be on air.
  const milliseconds reach = max_shift + milliseconds{longest} + milliseconds{1};
  const UtcTime floor = from - milliseconds{config.max_lookback} - reach;
  std::vector<Candidate> all = expand(schedule, zone, floor, to + reach, programmes);
  const UtcTime begin = quiet_point(all, from, reach, floor);
  all.erase(all.begin(), std::lower_bound(all.begin(), all.end(), begin,
                                          [](const Candidate& c, UtcTime t) { return c.occ.nominal_start < t; }));

  // Rule T8: rotation advances in nominal order, starting from the as-run state.
  RotationState rotation;
  for (Candidate& c : all) {
    if (c.programme == nullptr || c.occ.drop_reason == DropReason::holiday) continue;
    c.occ.items = plan_programme(*c.programme, catalogue, date_of(c.occ.local_nominal), c.occ.nominal_start, rotation);
    c.occ.planned_ms = total_ms(c.occ.items);
    c.occ.end = c.occ.start + milliseconds{c.occ.planned_ms};
  }
  place(all, max_shift);

  std::vector<Occurrence> out;
  for (Candidate& c : all) {
    if (c.occ.status == OccurrenceStatus::dropped) {
      c.occ.start = c.occ.nominal_start;
      c.occ.end = c.occ.nominal_start + milliseconds{c.occ.planned_ms};
      c.occ.delay = milliseconds{0};
    }
    if (meets(c.occ, from, to)) out.push_back(std::move(c.occ));
  }
  std::stable_sort(out.begin(), out.end(), [](const Occurrence& a, const Occurrence& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.level != b.level) return a.level == Level::priority;
    return a.slot_id < b.slot_id;
  });
  return out;
}

}  // namespace loaxa::schedules
