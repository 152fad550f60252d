// accept_slot: the one rule for whether a new slot can be kept (docs/SCHEDULING.md, S5).
#include <algorithm>

#include "schedules/error.hpp"
#include "schedules/recurrence.hpp"
#include "schedules/slot.hpp"
#include "schedules/time_zone.hpp"

namespace loaxa::schedules {

namespace {

using std::chrono::days;
using std::chrono::local_days;

// Dates, weekdays and leap years repeat every 400 Gregorian years (146097 days, a whole
// number of weeks), and a rule's own period is INTERVAL times its frequency, so a rule that
// has not matched within 400 × INTERVAL years of its start never will.
constexpr days calendar_cycle{146'097};
// libical counts years in four digits; searching past this is pointless anyway.
const LocalDateTime search_end_cap = local_days{std::chrono::year{9000} / 1 / 1};

bool excluded_on(const Slot& slot, LocalDate date) {
  if (slot.valid_from && date < *slot.valid_from) return true;
  if (slot.valid_until && date > *slot.valid_until) return true;
  return std::find(slot.exception_dates.begin(), slot.exception_dates.end(), date) != slot.exception_dates.end();
}

std::optional<LocalDateTime> find_first(const Slot& slot, const Recurrence& recurrence, LocalDateTime from,
                                        LocalDateTime end) {
  constexpr std::size_t chunk = 64;
  while (from < end) {
    const auto found = recurrence.between(from, end, chunk);
    for (const LocalDateTime t : found)
      if (!excluded_on(slot, date_of(t))) return t;
    if (found.size() < chunk) return std::nullopt;
    from = found.back() + std::chrono::seconds{1};
  }
  return std::nullopt;
}

[[noreturn]] void never(const Slot& slot, const char* why) {
  throw ScheduleError(ScheduleError::Kind::never_airs, slot.rrule.empty() ? format_date_time(slot.start) : slot.rrule,
                      why);
}

}  // namespace

SlotAcceptance accept_slot(const Slot& slot, const TimeZone& zone, LocalDate today) {
  if (slot.valid_from && slot.valid_until && *slot.valid_until < *slot.valid_from)
    throw ScheduleError(ScheduleError::Kind::bad_range,
                        format_date(*slot.valid_from) + ".." + format_date(*slot.valid_until), "until is before from");
  const Recurrence recurrence(slot.rrule, slot.start, zone);
  if (zone.classify(slot.start) == TimeZone::LocalKind::gap)
    throw ScheduleError(ScheduleError::Kind::nonexistent_start, format_date_time(slot.start), zone.name());
  if (slot.valid_until && *slot.valid_until < today) never(slot, "validity ended");
  if (!recurrence.some_date_may_match()) never(slot, "no date matches BYMONTH and BYMONTHDAY");

  LocalDateTime from = local_days{today};
  if (slot.valid_from) from = std::max(from, LocalDateTime{local_days{*slot.valid_from}});
  LocalDateTime end = std::max(from, slot.start) + calendar_cycle * recurrence.interval();
  end = std::min(end, search_end_cap);
  if (slot.valid_until) end = std::min(end, LocalDateTime{local_days{*slot.valid_until} + days{1}});
  const auto first = find_first(slot, recurrence, from, end);
  if (!first) never(slot, "no airing from today on (COUNT, UNTIL, validity or exception dates)");

  SlotAcceptance out;
  out.first_airing = first;
  if (local_days{date_of(*first)} > local_days{today} + days{365})
    out.warnings.push_back({SlotWarning::Kind::first_airing_far});
  // A year of a daily slot is at most 366 airings; a DST change only bites when the wall
  // time falls in a gap or overlap on one of them.
  bool gap = false, overlap = false;
  for (const LocalDateTime t : recurrence.between(*first, *first + days{366}, 400)) {
    const auto kind = zone.classify(t);
    gap = gap || kind == TimeZone::LocalKind::gap;
    overlap = overlap || kind == TimeZone::LocalKind::ambiguous;
  }
  if (gap) out.warnings.push_back({SlotWarning::Kind::nonexistent_time});
  if (overlap) out.warnings.push_back({SlotWarning::Kind::ambiguous_time});
  return out;
}

}  // namespace loaxa::schedules
