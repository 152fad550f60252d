#pragma once
// Calendar files (RFC 5545 iCalendar, ".ics"): the schedule written as VEVENTs so any calendar
// program can show it, and a calendar kept elsewhere read back as slots and holidays. The
// mapping is documented in docs/SCHEDULING.md, "Calendar files (ICS)".
//
// Pure: no clock (the caller passes "now" and "today"), no database. Built on libical, whose
// zone table is not thread-safe: call from one thread at a time, like TimeZone.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "schedules/catalogue.hpp"
#include "schedules/civil_time.hpp"
#include "schedules/slot.hpp"
#include "schedules/timeline.hpp"

namespace loaxa::schedules {

class TimeZone;

// Why a calendar file, or one event in it, cannot be imported. `uid`, `summary` and `line`
// name the event (empty / 0 for the whole file) so the operator can find it in the file.
class IcsError : public std::runtime_error {
 public:
  enum class Kind {
    not_a_calendar,     // empty, random text, audio…: no VCALENDAR; subject: first bytes
    bad_property,       // libical could not read a property; subject: its text
    missing_dtstart,    // a VEVENT without (a readable) DTSTART
    all_day_event,      // DTSTART is a date but the event is not marked as a holiday
    bad_rrule,          // subject: the rule; detail: why (libical, or refused by R3)
    unknown_time_zone,  // subject: the TZID, neither in zoneinfo nor in a VTIMEZONE
    unsupported,        // subject: the property (RDATE, RECURRENCE-ID) or value
    no_programme_name,  // neither X-LOAXA-PROGRAMME nor SUMMARY
    bad_level,          // subject: the X-LOAXA-LEVEL value
    bad_date,           // subject: an X-LOAXA-VALID-FROM/UNTIL value
    bad_holiday,        // detail: why (not all-day, ends before it starts, repeats)
    unknown_programme,  // subject: the programme name (plan_import)
    bad_range,          // subject: "from..until" (plan_import)
    never_occurs,       // no airing at all from today on (plan_import; accept_slot's never_airs)
    nonexistent_time,   // the first start is in a DST gap of the station's zone (plan_import)
    changed_slot,       // value: the id of this station's slot the UID names, which differs
  };

  IcsError(Kind kind, std::string subject, std::string detail = {});

  Kind kind;
  std::string subject;
  std::string detail;
  std::string uid;
  std::string summary;
  int line = 0;  // 1-based line of the event's BEGIN:VEVENT, 0 if not known
  std::int64_t value = 0;
};

const char* to_string(IcsError::Kind kind) noexcept;

// ---- export ----

struct IcsExport {
  std::string text;  // CRLF-terminated lines, folded at 75 octets
  std::size_t slots = 0;
  std::size_t holidays = 0;
};

// One VEVENT per slot and per holiday. A slot's DURATION is its programme's planned length at
// its first start (rotation from `catalogue`), rounded up to whole minutes, at least one.
// `generated_at` is DTSTAMP. Throws std::invalid_argument when a slot's programme is not in
// `schedule.programmes`.
IcsExport export_ics(const Schedule& schedule, const Catalogue& catalogue, const TimeZone& zone,
                     std::string_view station_id, UtcTime generated_at);

// ---- import ----

struct IcsEvent {
  std::string uid;
  std::string summary;
  int line = 0;
};

struct IcsSlot {
  IcsEvent event;
  std::string programme;  // X-LOAXA-PROGRAMME, else SUMMARY; resolved by plan_import
  Slot slot;              // id and programme_id 0; start in the station's wall time
  // N when the UID is "slot-N@<station_id>" of the station importing: an export of its own.
  std::optional<std::int64_t> own_slot_id;
};

struct IcsHoliday {
  IcsEvent event;
  Holiday holiday;
};

struct IcsCalendar {
  std::vector<IcsSlot> slots;
  std::vector<IcsHoliday> holidays;
};

// Reads every VEVENT of every VCALENDAR in `text`; other components (VTODO, VALARM…) are
// ignored. Times become wall times of `zone` (the station's): a TZID-qualified or UTC time
// keeps its instant, a floating time is read as already in `zone`. Throws IcsError naming the
// first event that cannot be read.
IcsCalendar parse_ics(std::string_view text, const TimeZone& zone, std::string_view station_id);

struct PlannedSlot {
  IcsEvent event;
  Slot slot;  // programme_id set
};

struct ImportPlan {
  std::vector<PlannedSlot> slots;    // to insert
  std::vector<Holiday> holidays;     // to insert
  std::size_t slots_present = 0;     // identical to an existing slot (or an earlier event)
  std::size_t holidays_present = 0;  // same dates and name as an existing holiday
};

// Decides what an import adds to `existing` (the station's slots, programmes, holidays):
// resolves programme names (ASCII case-insensitive, like the store), skips what is already
// there, and checks each new slot as `loaxa slot add` would (accept_slot on `today`).
// An event whose UID names one of this station's slots that still exists but differs is
// refused (changed_slot) rather than added beside it. Throws IcsError for the first problem.
ImportPlan plan_import(const IcsCalendar& calendar, const Schedule& existing, const TimeZone& zone, LocalDate today);

// Same programme, start, rule (compared after libical normalises both), validity, level,
// enabled state and exception dates (as sets). Ids are not compared.
bool same_slot(const Slot& a, const Slot& b);

}  // namespace loaxa::schedules
