// What an import adds to a station: programme names resolved, duplicates skipped, new slots
// checked as `loaxa slot add` checks them (docs/SCHEDULING.md, "Calendar files (ICS)").
#include <algorithm>
#include <cctype>
#include <set>

#include "schedules/error.hpp"
#include "schedules/ics.hpp"
#include "schedules/ics_ical.hpp"
#include "schedules/time_zone.hpp"

namespace loaxa::schedules {

namespace {

using Kind = IcsError::Kind;

// The store compares programme names with SQLite's NOCASE: ASCII letters only.
bool same_name(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

std::string rule_of(const std::string& rrule) {
  const std::string bare = rrule.rfind("RRULE:", 0) == 0 ? rrule.substr(6) : rrule;
  const std::string normal = ics::normal_rrule(bare);
  return normal.empty() ? bare : normal;
}

// The same rule as `loaxa slot add` (accept_slot, rule S5); warnings are not the import's
// business, refusals are mapped to the calendar's own error kinds.
void check_new_slot(const Slot& slot, const TimeZone& zone, LocalDate today) {
  try {
    accept_slot(slot, zone, today);
  } catch (const ScheduleError& e) {
    switch (e.kind) {
      case ScheduleError::Kind::bad_range:
        throw IcsError(Kind::bad_range, e.subject);
      case ScheduleError::Kind::never_airs:
        throw IcsError(Kind::never_occurs, e.subject, e.detail);
      case ScheduleError::Kind::nonexistent_start:
        throw IcsError(Kind::nonexistent_time, e.subject, e.detail);
      default:
        throw IcsError(Kind::bad_rrule, e.subject, e.detail);
    }
  }
}

}  // namespace

bool same_slot(const Slot& a, const Slot& b) {
  const auto dates = [](const Slot& s) {
    return std::set<LocalDate>(s.exception_dates.begin(), s.exception_dates.end());
  };
  return a.programme_id == b.programme_id && a.start == b.start && a.valid_from == b.valid_from &&
         a.valid_until == b.valid_until && a.level == b.level && a.enabled == b.enabled &&
         rule_of(a.rrule) == rule_of(b.rrule) && dates(a) == dates(b);
}

ImportPlan plan_import(const IcsCalendar& calendar, const Schedule& existing, const TimeZone& zone, LocalDate today) {
  ImportPlan plan;
  std::vector<Slot> known = existing.slots;  // grows with what this import adds
  for (const IcsSlot& in : calendar.slots) {
    try {
      const auto programme = std::find_if(existing.programmes.begin(), existing.programmes.end(),
                                          [&](const Programme& p) { return same_name(p.name, in.programme); });
      if (programme == existing.programmes.end()) throw IcsError(Kind::unknown_programme, in.programme);
      Slot slot = in.slot;
      slot.programme_id = programme->id;
      if (std::any_of(known.begin(), known.end(), [&](const Slot& s) { return same_slot(s, slot); })) {
        ++plan.slots_present;
        continue;
      }
      if (in.own_slot_id) {
        const auto own = std::find_if(existing.slots.begin(), existing.slots.end(),
                                      [&](const Slot& s) { return s.id == *in.own_slot_id; });
        if (own != existing.slots.end()) {
          IcsError changed(Kind::changed_slot, std::to_string(*in.own_slot_id));
          changed.value = *in.own_slot_id;
          throw changed;
        }
      }
      check_new_slot(slot, zone, today);
      known.push_back(slot);
      plan.slots.push_back({in.event, slot});
    } catch (IcsError& e) {
      e.uid = in.event.uid;
      e.summary = in.event.summary;
      e.line = in.event.line;
      throw;
    }
  }
  std::vector<Holiday> known_holidays = existing.holidays;
  for (const IcsHoliday& in : calendar.holidays) {
    const Holiday& h = in.holiday;
    if (std::any_of(known_holidays.begin(), known_holidays.end(),
                    [&](const Holiday& k) { return k.from == h.from && k.until == h.until && k.name == h.name; })) {
      ++plan.holidays_present;
      continue;
    }
    known_holidays.push_back(h);
    plan.holidays.push_back(h);
  }
  return plan;
}

}  // namespace loaxa::schedules
