// Reading an iCalendar file into slots and holidays (docs/SCHEDULING.md, "Calendar files").
#include <algorithm>
#include <cctype>
#include <optional>

#include "common/i18n.hpp"
#include "schedules/error.hpp"
#include "schedules/ics.hpp"
#include "schedules/ics_ical.hpp"
#include "schedules/recurrence.hpp"
#include "schedules/time_zone.hpp"

namespace loaxa::schedules {

namespace {

using Kind = IcsError::Kind;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

// 1-based line of each "BEGIN:VEVENT", in file order, which is the order libical keeps.
std::vector<int> event_lines(std::string_view text) {
  std::vector<int> lines;
  int number = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    ++number;
    if (lower(trimmed(text.substr(pos, end - pos))) == "begin:vevent") lines.push_back(number);
    pos = end + 1;
  }
  return lines;
}

std::optional<std::string> x_value(icalcomponent* event, std::string_view name) {
  for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_X_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(event, ICAL_X_PROPERTY)) {
    const char* x_name = icalproperty_get_x_name(p);
    const char* value = icalproperty_get_x(p);
    if (x_name != nullptr && lower(x_name) == lower(name)) return trimmed(value ? value : "");
  }
  return std::nullopt;
}

std::string text_of(const char* text) {
  return text ? std::string(text) : std::string{};
}

// libical drops a property it cannot read and leaves an X-LIC-ERROR such as "Can't parse as
// RECUR value in RRULE property. Removing entire property: FREQ=FOO".
void check_parse_errors(icalcomponent* event) {
  icalproperty* error = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY);
  if (error == nullptr) return;
  const std::string message = text_of(icalproperty_get_xlicerror(error));
  const auto colon = message.rfind(": ");
  const std::string value = colon == std::string::npos ? message : message.substr(colon + 2);
  if (message.find(" RRULE property") != std::string::npos)
    throw IcsError(Kind::bad_rrule, value, tr("libical cannot read it"));
  throw IcsError(Kind::bad_property, value, message);
}

// Where a TZID's wall times come from: zoneinfo (by IANA name, or libical's prefixed name),
// else a VTIMEZONE in the file (e.g. Outlook's "SE Asia Standard Time").
struct SourceZone {
  std::optional<TimeZone> named;
  icaltimezone* defined = nullptr;
};

SourceZone find_zone(const std::string& tzid, icalcomponent* calendar) {
  SourceZone out;
  std::string name = tzid;
  if (!tzid.empty() && tzid.front() == '/') {
    if (icaltimezone* builtin = icaltimezone_get_builtin_timezone_from_tzid(tzid.c_str()))
      name = text_of(icaltimezone_get_location(builtin));
  }
  try {
    out.named.emplace(name);
    return out;
  } catch (const ScheduleError&) {
  }
  out.defined = icalcomponent_get_timezone(calendar, tzid.c_str());
  if (out.defined == nullptr) throw IcsError(Kind::unknown_time_zone, tzid);
  return out;
}

// The station's wall time for a DATE-TIME: UTC and TZID times keep their instant; floating
// times are the station's already. A time in the station's own zone is taken as written, so
// rules Z1-Z2 apply to it exactly as to a slot typed at the CLI.
LocalDateTime station_time(icalproperty* property, const icaltimetype& time, icalcomponent* calendar,
                           const TimeZone& zone) {
  if (icaltime_is_utc(time)) return zone.to_local(UtcTime{std::chrono::seconds{icaltime_as_timet(time)}});
  icalparameter* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
  if (tzid == nullptr) return ics::local_of(time);
  const SourceZone source = find_zone(text_of(icalparameter_get_tzid(tzid)), calendar);
  if (source.named) {
    if (source.named->name() == zone.name()) return ics::local_of(time);
    return zone.to_local(source.named->to_utc(ics::local_of(time)));
  }
  icaltimetype floating = time;
  floating.zone = nullptr;
  return zone.to_local(UtcTime{std::chrono::seconds{icaltime_as_timet_with_zone(floating, source.defined)}});
}

bool is_holiday_event(icalcomponent* event) {
  if (const auto kind = x_value(event, "X-LOAXA-KIND")) return lower(*kind) == "holiday";
  for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_CATEGORIES_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(event, ICAL_CATEGORIES_PROPERTY)) {
    const std::string categories = lower(text_of(icalproperty_get_categories(p)));
    for (std::size_t pos = 0; pos <= categories.size();) {
      const std::size_t end = std::min(categories.find(',', pos), categories.size());
      if (trimmed(std::string_view(categories).substr(pos, end - pos)) == "holiday") return true;
      pos = end + 1;
    }
  }
  return false;
}

IcsHoliday read_holiday(icalcomponent* event, const icaltimetype& start, IcsEvent id) {
  if (icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY) != nullptr)
    throw IcsError(Kind::bad_holiday, id.summary, "repeats");
  if (!start.is_date) throw IcsError(Kind::bad_holiday, id.summary, "not all-day");
  const LocalDate from = ics::date_of(start);
  LocalDate until = from;
  if (icalproperty* dtend = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY)) {
    const icaltimetype end = icalproperty_get_dtend(dtend);
    if (!end.is_date) throw IcsError(Kind::bad_holiday, id.summary, "not all-day");
    // DTEND is exclusive for dates: a one-day holiday ends the next day.
    until = LocalDate{std::chrono::sys_days{ics::date_of(end)} - std::chrono::days{1}};
  } else if (icalproperty* length = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY)) {
    const icaldurationtype d = icalproperty_get_duration(length);
    if (d.hours != 0 || d.minutes != 0 || d.seconds != 0 || d.is_neg)
      throw IcsError(Kind::bad_holiday, id.summary, "not whole days");
    const int days = static_cast<int>(d.weeks * 7 + d.days);
    until = LocalDate{std::chrono::sys_days{from} + std::chrono::days{std::max(days, 1) - 1}};
  }
  if (until < from) throw IcsError(Kind::bad_holiday, id.summary, "ends before it starts");
  return {id, {from, until, id.summary}};
}

std::optional<LocalDate> x_date(icalcomponent* event, std::string_view name) {
  const auto text = x_value(event, name);
  if (!text) return std::nullopt;
  try {
    return parse_date(*text);
  } catch (const ScheduleError&) {
    throw IcsError(Kind::bad_date, *text, std::string(name));
  }
}

std::string read_rrule(icalcomponent* event) {
  icalproperty* property = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY);
  if (property == nullptr) return {};
  if (icalcomponent_get_next_property(event, ICAL_RRULE_PROPERTY) != nullptr)
    throw IcsError(Kind::unsupported, "RRULE", "more than one RRULE");
  icalrecurrencetype rule = icalproperty_get_rrule(property);
  const ics::Buffer text{icalrecurrencetype_as_string_r(&rule)};
  const std::string rrule = text_of(text.get());
  try {
    validate_rrule(rrule);
  } catch (const ScheduleError& e) {
    throw IcsError(Kind::bad_rrule, rrule, e.detail);
  }
  return rrule;
}

std::optional<std::int64_t> own_slot_id(const std::string& uid, std::string_view station_id) {
  const std::string suffix = "@" + std::string(station_id);
  if (uid.rfind("slot-", 0) != 0 || uid.size() <= suffix.size() + 5 ||
      uid.compare(uid.size() - suffix.size(), suffix.size(), suffix) != 0)
    return std::nullopt;
  const std::string digits = uid.substr(5, uid.size() - 5 - suffix.size());
  if (digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoll(digits);
}

IcsSlot read_slot(icalcomponent* event, icalproperty* dtstart, const icaltimetype& start, icalcomponent* calendar,
                  const TimeZone& zone, std::string_view station_id, IcsEvent id) {
  if (start.is_date) throw IcsError(Kind::all_day_event, format_date(ics::date_of(start)));
  // Both change which days air; ignoring them would import a different schedule.
  if (icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY) != nullptr)
    throw IcsError(Kind::unsupported, "RDATE");
  if (icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) != nullptr)
    throw IcsError(Kind::unsupported, "RECURRENCE-ID");

  IcsSlot out;
  out.event = id;
  out.own_slot_id = own_slot_id(id.uid, station_id);
  Slot& slot = out.slot;
  slot.start = station_time(dtstart, start, calendar, zone);
  slot.rrule = read_rrule(event);
  for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_EXDATE_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(event, ICAL_EXDATE_PROPERTY)) {
    const icaltimetype t = icalproperty_get_exdate(p);
    const LocalDate date = t.is_date ? ics::date_of(t) : date_of(station_time(p, t, calendar, zone));
    if (std::find(slot.exception_dates.begin(), slot.exception_dates.end(), date) == slot.exception_dates.end())
      slot.exception_dates.push_back(date);
  }
  std::sort(slot.exception_dates.begin(), slot.exception_dates.end());

  out.programme = trimmed(x_value(event, "X-LOAXA-PROGRAMME").value_or(id.summary));
  if (out.programme.empty()) throw IcsError(Kind::no_programme_name, id.uid);
  if (const auto level = x_value(event, "X-LOAXA-LEVEL")) {
    try {
      slot.level = parse_level(lower(*level));
    } catch (const ScheduleError&) {
      throw IcsError(Kind::bad_level, *level);
    }
  }
  const auto enabled = x_value(event, "X-LOAXA-ENABLED");
  slot.enabled = icalcomponent_get_status(event) != ICAL_STATUS_CANCELLED && !(enabled && lower(*enabled) == "false");
  slot.valid_from = x_date(event, "X-LOAXA-VALID-FROM");
  slot.valid_until = x_date(event, "X-LOAXA-VALID-UNTIL");
  return out;
}

void read_event(icalcomponent* event, icalcomponent* calendar, const TimeZone& zone, std::string_view station_id,
                IcsEvent id, IcsCalendar& out) {
  check_parse_errors(event);
  icalproperty* dtstart = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
  if (dtstart == nullptr) throw IcsError(Kind::missing_dtstart, id.uid);
  const icaltimetype start = icalproperty_get_dtstart(dtstart);
  if (icaltime_is_null_time(start)) throw IcsError(Kind::missing_dtstart, id.uid);
  if (is_holiday_event(event))
    out.holidays.push_back(read_holiday(event, start, id));
  else
    out.slots.push_back(read_slot(event, dtstart, start, calendar, zone, station_id, id));
}

std::vector<icalcomponent*> calendars_of(icalcomponent* root) {
  std::vector<icalcomponent*> out;
  if (root == nullptr) return out;
  if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) out.push_back(root);
  if (icalcomponent_isa(root) == ICAL_XROOT_COMPONENT)
    for (icalcomponent* c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT); c != nullptr;
         c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT))
      out.push_back(c);
  return out;
}

// The file's first characters, printable ASCII only, to show what was read instead.
std::string opening_of(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 24)) out += (c >= 0x20 && c < 0x7f) ? c : '.';
  return out;
}

}  // namespace

IcsCalendar parse_ics(std::string_view text, const TimeZone& zone, std::string_view station_id) {
  // libical reads a C string: a NUL (a binary file) ends the text, as it should.
  const std::string copy(text);
  const ics::Component root{icalparser_parse_string(copy.c_str())};
  const std::vector<icalcomponent*> calendars = calendars_of(root.get());
  if (calendars.empty()) throw IcsError(Kind::not_a_calendar, opening_of(text));

  const std::vector<int> lines = event_lines(text);
  std::size_t index = 0;
  IcsCalendar out;
  for (icalcomponent* calendar : calendars) {
    for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event != nullptr;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT), ++index) {
      IcsEvent id{text_of(icalcomponent_get_uid(event)), trimmed(text_of(icalcomponent_get_summary(event))),
                  index < lines.size() ? lines[index] : 0};
      try {
        read_event(event, calendar, zone, station_id, id, out);
      } catch (IcsError& e) {
        e.uid = id.uid;
        e.summary = id.summary;
        e.line = id.line;
        throw;
      }
    }
  }
  return out;
}

}  // namespace loaxa::schedules
