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

using std::chrono::days;
using std::chrono::local_days;
using std::chrono::milliseconds;

bool excluded_on(const Slot& slot, LocalDate date) {
  if (slot.valid_from && date < *slot.valid_from) return true;
  if (slot.valid_until && date > *slot.valid_until) return true;
  return std::find(slot.exception_dates.begin(), slot.exception_dates.end(), date) != slot.exception_dates.end();
}

struct Candidate {
  Occurrence occ;
  const Programme* programme = nullptr;
  const FrozenOccurrence* frozen = nullptr;  // set: aired, shown and counted as it was (T11)
};

// Rule T2 order: nominal start, priority first, slot id.
bool nominal_order(const Candidate& a, const Candidate& b) {
  if (a.occ.nominal_start != b.occ.nominal_start) return a.occ.nominal_start < b.occ.nominal_start;
  if (a.occ.level != b.occ.level) return a.occ.level == SlotLevel::priority;
  return a.occ.slot_id < b.occ.slot_id;
}

auto first_at_or_after(std::vector<Candidate>& sorted, UtcTime t) {
  return std::lower_bound(sorted.begin(), sorted.end(), t,
                          [](const Candidate& c, UtcTime x) { return c.occ.nominal_start < x; });
}

using ProgrammeMap = std::map<std::int64_t, const Programme*>;

// Every enabled slot's occurrences with nominal start in [from, to), unsorted.
void expand(const Schedule& schedule, const TimeZone& zone, UtcTime from, UtcTime to, const ProgrammeMap& programmes,
            std::vector<Candidate>& out) {
  if (from >= to) return;
  // Wall-clock bounds with a day's margin each side: offsets never exceed ±14 h.
  const LocalDateTime local_from = std::chrono::floor<std::chrono::seconds>(zone.to_local(from)) - days{1};
  const LocalDateTime local_to = std::chrono::ceil<std::chrono::seconds>(zone.to_local(to)) + days{1};
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
        if (slot.level == SlotLevel::normal && is_holiday(schedule.holidays, date)) {
          c.occ.status = OccurrenceStatus::dropped;
          c.occ.drop_reason = DropReason::holiday;
        }
      }
      out.push_back(std::move(c));
    }
  }
}

// Rule T11: a frozen occurrence replaces the computed one (same slot and nominal start) or,
// when its slot no longer gives it (removed, disabled, moved, excepted), is added as it was.
void apply_frozen(const Schedule& schedule, const TimeZone& zone, UtcTime from, UtcTime to,
                  const ProgrammeMap& programmes, std::vector<Candidate>& all) {
  std::map<std::pair<std::int64_t, UtcTime>, std::size_t> index;
  for (std::size_t i = 0; i < all.size(); ++i)
    index.emplace(std::pair{all[i].occ.slot_id, all[i].occ.nominal_start}, i);
  for (const FrozenOccurrence& f : schedule.frozen) {
    if (f.nominal_start < from || f.nominal_start >= to) continue;
    const auto found = index.find({f.slot_id, f.nominal_start});
    if (found == index.end()) {
      Candidate c;
      c.occ.slot_id = f.slot_id;
      c.occ.level = f.level;
      c.occ.programme_id = f.programme_id;
      c.occ.programme_name = f.programme_name;
      const auto slot =
          std::find_if(schedule.slots.begin(), schedule.slots.end(), [&](const Slot& s) { return s.id == f.slot_id; });
      if (slot != schedule.slots.end()) {
        c.occ.level = slot->level;
        c.occ.programme_id = slot->programme_id;
        if (const auto p = programmes.find(slot->programme_id); p != programmes.end())
          c.occ.programme_name = p->second->name;
      }
      c.occ.local_nominal = std::chrono::floor<std::chrono::seconds>(zone.to_local(f.nominal_start));
      c.occ.nominal_start = f.nominal_start;
      c.frozen = &f;
      all.push_back(std::move(c));
      continue;
    }
    Candidate& c = all[found->second];
    c.frozen = &f;
    c.occ.status = OccurrenceStatus::planned;  // it aired, whatever the holidays say now
    c.occ.drop_reason.reset();
  }
  for (Candidate& c : all) {
    if (c.frozen == nullptr) continue;
    c.occ.items = c.frozen->items;
    c.occ.planned_ms = total_ms(c.occ.items);
    c.occ.start = c.frozen->start;
    c.occ.end = c.occ.start + milliseconds{c.occ.planned_ms};
  }
}

// Rule T7: the earliest point before `from` after which nothing earlier can still run, so the
// computation starts from an empty station and a window equals a slice of a larger one.
UtcTime quiet_point(std::vector<Candidate>& sorted, UtcTime from, milliseconds reach, UtcTime floor) {
  UtcTime cur = from - reach;
  auto it = first_at_or_after(sorted, cur);
  while (it != sorted.begin() && cur > floor) {
    const UtcTime previous = std::prev(it)->occ.nominal_start;
    if (previous + reach <= cur) break;
    cur = previous;
    --it;
  }
  return std::max(cur, floor);
}

// Rule T10: where the rotation replay for an occurrence starts. The end of the airing
// history, or local midnight at the start of the week (Monday) before the occurrence's week
// if the history ends earlier; a function of the occurrence and the history, never of the
// window asked for.
UtcTime replay_origin(const TimeZone& zone, LocalDateTime local_nominal, std::optional<UtcTime> history_end) {
  const local_days day = std::chrono::floor<days>(local_nominal);
  const std::chrono::weekday weekday{day};
  const local_days monday = day - (weekday - std::chrono::Monday) - days{7};
  const UtcTime week = zone.to_utc(LocalDateTime{monday});
  return history_end ? std::max(*history_end, week) : week;
}

// Marks every frozen occurrence before `before` (rule T10: history before the replay).
void mark_history(const Schedule& schedule, UtcTime before, RotationState& state) {
  for (const FrozenOccurrence& f : schedule.frozen) {
    if (f.nominal_start >= before) continue;
    for (const PlannedItem& p : f.items)
      if (!p.skipped && !p.segment_id.empty()) state.mark_planned(p.segment_id, f.nominal_start);
  }
}

bool plannable(const Candidate& c) {
  return c.frozen == nullptr && c.programme != nullptr && c.occ.drop_reason != DropReason::holiday;
}

void set_items(Candidate& c, std::vector<PlannedItem> items) {
  c.occ.items = std::move(items);
  c.occ.planned_ms = total_ms(c.occ.items);
  c.occ.end = c.occ.start + milliseconds{c.occ.planned_ms};
}

void mark_frozen(const Candidate& c, RotationState& state) {
  for (const PlannedItem& p : c.occ.items)
    if (!p.skipped && !p.segment_id.empty()) state.mark_planned(p.segment_id, c.occ.nominal_start);
}

// Rules T8, T10: plans every occurrence from index `first` on. Each is planned in the replay
// that starts at its own origin: history before the origin, then every occurrence from the
// origin in nominal order, frozen ones counted as they aired, the others as planned.
void plan_rotation(const Schedule& schedule, const Catalogue& catalogue, const TimeZone& zone,
                   std::optional<UtcTime> history_end, std::vector<Candidate>& all, std::size_t first) {
  std::map<UtcTime, std::size_t> last_of_origin;  // origin -> last occurrence replayed from it
  std::vector<UtcTime> origin(all.size());
  bool any_before_origin = false;
  for (std::size_t i = first; i < all.size(); ++i) {
    if (!plannable(all[i])) continue;
    origin[i] = replay_origin(zone, all[i].occ.local_nominal, history_end);
    if (all[i].occ.nominal_start < origin[i]) {
      any_before_origin = true;  // unfrozen, before the history ends: it did not air
      continue;
    }
    last_of_origin[origin[i]] = i;
  }
  for (const auto& [from, last] : last_of_origin) {
    RotationState state;
    mark_history(schedule, from, state);
    for (auto it = first_at_or_after(all, from); it != all.begin() + static_cast<std::ptrdiff_t>(last) + 1; ++it) {
      Candidate& c = *it;
      if (c.frozen != nullptr) {
        mark_frozen(c, state);
        continue;
      }
      if (!plannable(c)) continue;
      auto items = plan_programme(*c.programme, catalogue, date_of(c.occ.local_nominal), c.occ.nominal_start, state);
      const auto i = static_cast<std::size_t>(it - all.begin());
      if (i >= first && origin[i] == from) set_items(c, std::move(items));
    }
  }
  if (!any_before_origin) return;
  // Occurrences that did not air, before the end of the history: planned from the history
  // before them alone, and counted by nobody.
  RotationState state;
  mark_history(schedule, all.empty() ? UtcTime{} : all.front().occ.nominal_start, state);
  for (std::size_t i = 0; i < all.size(); ++i) {
    Candidate& c = all[i];
    if (c.frozen != nullptr) {
      mark_frozen(c, state);
      continue;
    }
    if (i < first || !plannable(c) || c.occ.nominal_start >= origin[i]) continue;
    RotationState scratch = state;
    set_items(c, plan_programme(*c.programme, catalogue, date_of(c.occ.local_nominal), c.occ.nominal_start, scratch));
  }
}

void mark(Occurrence& occ, UtcTime start, milliseconds max_wait, std::int64_t blocker) {
  const milliseconds delay = start - occ.nominal_start;
  if (delay > max_wait) {
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

// A frozen occurrence started when it started: never moved or dropped (rule T11).
void mark_aired(Occurrence& occ) {
  occ.delay = occ.start - occ.nominal_start;
  occ.status = occ.delay > milliseconds{0} ? OccurrenceStatus::shifted : OccurrenceStatus::planned;
}

// Rules T3-T5: priority occurrences are placed first, among themselves first come first
// served; normal ones then fill around them, keeping their own order.
void place(std::vector<Candidate>& all, milliseconds max_wait) {
  struct Busy {
    UtcTime start, end;
    std::int64_t slot;
  };
  std::vector<Busy> priority_busy;
  UtcTime free_at = UtcTime::min();
  std::int64_t last_slot = 0;
  for (Candidate& c : all) {
    if (c.occ.level != SlotLevel::priority || c.occ.status == OccurrenceStatus::dropped) continue;
    if (c.frozen != nullptr) {
      mark_aired(c.occ);
    } else {
      const UtcTime start = std::max(c.occ.nominal_start, free_at);
      mark(c.occ, start, max_wait, start > c.occ.nominal_start ? last_slot : 0);
      if (c.occ.status == OccurrenceStatus::dropped) continue;
    }
    priority_busy.push_back({c.occ.start, c.occ.end, c.occ.slot_id});
    free_at = std::max(free_at, c.occ.end);
    last_slot = c.occ.slot_id;
  }
  std::sort(priority_busy.begin(), priority_busy.end(), [](const Busy& a, const Busy& b) { return a.start < b.start; });
  free_at = UtcTime::min();
  last_slot = 0;
  std::size_t next_busy = 0;  // first priority interval that may still matter
  for (Candidate& c : all) {
    if (c.occ.level != SlotLevel::normal || c.occ.status == OccurrenceStatus::dropped) continue;
    if (c.frozen != nullptr) {
      mark_aired(c.occ);
      free_at = std::max(free_at, c.occ.end);
      last_slot = c.occ.slot_id;
      continue;
    }
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
    mark(c.occ, start, max_wait, blocker);
    if (c.occ.status == OccurrenceStatus::dropped) continue;
    free_at = c.occ.end;
    last_slot = c.occ.slot_id;
  }
}

bool meets(const Occurrence& o, UtcTime from, UtcTime to) {
  if (o.start >= to) return false;
  return o.end > from || (o.start == o.end && o.start >= from);
}

struct Reach {
  milliseconds max_wait;
  milliseconds reach;  // how far past its nominal start an occurrence can still be on air
  UtcTime floor;       // the earliest the computation looks back (rule T7)
};

Reach reach_of(const Schedule& schedule, const Catalogue& catalogue, UtcTime from, const TimelineConfig& config) {
  std::int64_t longest = 0;
  for (const Programme& p : schedule.programmes) longest = std::max(longest, longest_length_ms(p, catalogue));
  for (const FrozenOccurrence& f : schedule.frozen) longest = std::max(longest, total_ms(f.items));
  const milliseconds max_wait{config.max_wait};
  const milliseconds reach = max_wait + milliseconds{longest} + milliseconds{1};
  return {max_wait, reach, from - milliseconds{config.max_lookback} - reach};
}

// The earliest replay origin of any occurrence at or after `t` (origins only grow).
UtcTime earliest_origin(const TimeZone& zone, UtcTime t) {
  // A day earlier covers an occurrence whose local date is before t's (a zone's clock
  // going back over midnight).
  return replay_origin(zone, std::chrono::floor<std::chrono::seconds>(zone.to_local(t)) - days{1}, std::nullopt);
}

}  // namespace

UtcTime history_start(const Schedule& schedule, const Catalogue& catalogue, const TimeZone& zone, UtcTime from,
                      const TimelineConfig& config) {
  return earliest_origin(zone, reach_of(schedule, catalogue, from, config).floor);
}

std::vector<Occurrence> compute_timeline(const Schedule& schedule, const Catalogue& catalogue, const TimeZone& zone,
                                         UtcTime from, UtcTime to, const TimelineConfig& config) {
  if (from >= to) return {};
  ProgrammeMap programmes;
  for (const Programme& p : schedule.programmes) programmes.emplace(p.id, &p);
  const Reach r = reach_of(schedule, catalogue, from, config);
  std::optional<UtcTime> history_end;
  for (const FrozenOccurrence& f : schedule.frozen)
    history_end = history_end ? std::max(*history_end, f.nominal_start) : f.nominal_start;

  std::vector<Candidate> all;
  expand(schedule, zone, r.floor, to + r.reach, programmes, all);
  apply_frozen(schedule, zone, r.floor, to + r.reach, programmes, all);
  std::sort(all.begin(), all.end(), nominal_order);
  const UtcTime begin = quiet_point(all, from, r.reach, r.floor);
  // The rotation replays from before the computation's start (rule T10): expand that too.
  UtcTime replay_from = earliest_origin(zone, begin);
  if (history_end) replay_from = std::min(begin, std::max(replay_from, *history_end));
  replay_from = std::min(replay_from, r.floor);
  if (replay_from < r.floor) {
    std::vector<Candidate> before;
    expand(schedule, zone, replay_from, r.floor, programmes, before);
    apply_frozen(schedule, zone, replay_from, r.floor, programmes, before);
    std::sort(before.begin(), before.end(), nominal_order);
    all.insert(all.begin(), std::make_move_iterator(before.begin()), std::make_move_iterator(before.end()));
  }
  const auto first = static_cast<std::size_t>(first_at_or_after(all, begin) - all.begin());
  plan_rotation(schedule, catalogue, zone, history_end, all, first);
  all.erase(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(first));
  place(all, r.max_wait);

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
    if (a.level != b.level) return a.level == SlotLevel::priority;
    return a.slot_id < b.slot_id;
  });
  return out;
}

}  // namespace loaxa::schedules
