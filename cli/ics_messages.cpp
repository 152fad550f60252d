#include "cli/ics_messages.hpp"

#include "common/i18n.hpp"
#include "wording/schedule_messages.hpp"

namespace loaxa::cli {

using wording::describe;
namespace {

using schedules::IcsError;
using schedules::ScheduleError;

// The event as the operator can find it in the file: its title, else its UID, and the line of
// its BEGIN:VEVENT.
std::string event_label(const IcsError& e) {
  std::string who = !e.summary.empty() ? "\"" + e.summary + "\"" : e.uid;
  if (e.line > 0)
    return who.empty() ? trf("The event at line {}", e.line) : trf("The event {} at line {}", who, e.line);
  return who.empty() ? std::string(tr("An event")) : trf("The event {}", who);
}

std::string holiday_reason(const IcsError& e) {
  if (e.detail == "repeats")
    return tr("a holiday cannot repeat (RRULE); give each year's dates as an event of its own");
  if (e.detail == "ends before it starts") return tr("it ends before it starts");
  return tr("a holiday must be whole days (DTSTART;VALUE=DATE)");
}

std::string reason(const IcsError& e) {
  using Kind = IcsError::Kind;
  switch (e.kind) {
    case Kind::not_a_calendar:
      return {};
    case Kind::bad_property:
      return trf("the value '{}' cannot be read ({})", e.subject, e.detail);
    case Kind::missing_dtstart:
      return tr("it has no start time (DTSTART)");
    case Kind::all_day_event:
      return trf("it lasts all day ({}) but is not marked as a holiday (CATEGORIES:HOLIDAY); a slot needs a start time",
                 e.subject);
    case Kind::bad_rrule:
      return describe(ScheduleError(ScheduleError::Kind::bad_rrule, e.subject, e.detail));
    case Kind::unknown_time_zone:
      return describe(ScheduleError(ScheduleError::Kind::unknown_time_zone, e.subject));
    case Kind::unsupported:
      return trf("it uses {}, which loaxa cannot import (only DTSTART, one RRULE and EXDATE)", e.subject);
    case Kind::no_programme_name:
      return tr("it names no programme (X-LOAXA-PROGRAMME or SUMMARY)");
    case Kind::bad_level:
      return trf("Level '{}' is not valid: use normal (thông thường) or priority (ưu tiên).", e.subject);
    case Kind::bad_date:
      return describe(ScheduleError(ScheduleError::Kind::bad_date, e.subject));
    case Kind::bad_holiday:
      return holiday_reason(e);
    case Kind::unknown_programme:
      return trf("There is no programme \"{}\". See: loaxa programme list", e.subject);
    case Kind::bad_range:
      return describe(ScheduleError(ScheduleError::Kind::bad_range, e.subject));
    case Kind::never_occurs:
      return trf("it would never air: '{}' gives no time from today on", e.subject);
    case Kind::nonexistent_time:
      return trf("{} does not exist in the time zone {} (the clocks jump over it). Choose another start.", e.subject,
                 e.detail);
    case Kind::changed_slot:
      return trf(
          "it is slot {} of this station but no longer matches it. To replace the slot, remove it first "
          "(loaxa slot remove {}) and import again",
          e.value, e.value);
  }
  return e.what();
}

}  // namespace

std::string describe(const IcsError& e, const std::string& file) {
  if (e.kind == IcsError::Kind::not_a_calendar) {
    return trf("{} is not a calendar file (.ics): there is no BEGIN:VCALENDAR in it (it starts with \"{}\").", file,
               e.subject);
  }
  return event_label(e) + ": " + reason(e);
}

}  // namespace loaxa::cli
