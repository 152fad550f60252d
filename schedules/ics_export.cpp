// The schedule as an iCalendar file (docs/SCHEDULING.md, "Calendar files (ICS)").
#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "schedules/ics.hpp"
#include "schedules/ics_ical.hpp"
#include "schedules/programme_plan.hpp"
#include "schedules/time_zone.hpp"

namespace loaxa::schedules {

namespace {

using ics::Component;

bool is_utc(const TimeZone& zone) {
  return zone.name() == "UTC" || zone.name() == "Etc/UTC";
}

void add_x(icalcomponent* event, const char* name, const std::string& value) {
  icalproperty* property = icalproperty_new_x(value.c_str());
  icalproperty_set_x_name(property, name);
  icalcomponent_add_property(event, property);
}

// A wall time of the station, written with TZID=<zone> (or as UTC when the zone is UTC, which
// has no VTIMEZONE).
icalproperty* with_zone(LocalDateTime time, const TimeZone& zone, icalproperty* (*make)(icaltimetype)) {
  if (is_utc(zone)) {
    icaltimetype t = ics::to_ical(time);
    t.zone = icaltimezone_get_utc_timezone();
    return make(t);
  }
  icalproperty* out = make(ics::to_ical(time));
  icalproperty_add_parameter(out, icalparameter_new_tzid(zone.name().c_str()));
  return out;
}

// libical names its built-in zones "/freeassociation.sourceforge.net/Asia/…"; other programs
// expect the plain IANA name, which is also what DTSTART's TZID says.
icalcomponent* vtimezone(const TimeZone& zone) {
  if (is_utc(zone)) return nullptr;
  icaltimezone* builtin = icaltimezone_get_builtin_timezone(zone.name().c_str());
  icalcomponent* source = builtin ? icaltimezone_get_component(builtin) : nullptr;
  if (source == nullptr) return nullptr;
  icalcomponent* copy = icalcomponent_new_clone(source);
  icalproperty* tzid = icalcomponent_get_first_property(copy, ICAL_TZID_PROPERTY);
  if (tzid != nullptr) icalproperty_set_tzid(tzid, zone.name().c_str());
  return copy;
}

std::string compact_date(LocalDate date) {
  std::string iso = format_date(date);
  std::erase(iso, '-');
  return iso;
}

icalcomponent* slot_event(const Slot& slot, const Programme& programme, const Catalogue& catalogue,
                          const TimeZone& zone, std::string_view station_id, icaltimetype stamp) {
  icalcomponent* event = icalcomponent_new_vevent();
  const std::string uid = "slot-" + std::to_string(slot.id) + "@" + std::string(station_id);
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
  icalcomponent_add_property(event, with_zone(slot.start, zone, icalproperty_new_dtstart));
  const std::int64_t ms =
      planned_length_ms(programme, catalogue, schedules::date_of(slot.start), zone.to_utc(slot.start));
  const std::int64_t minutes = std::max<std::int64_t>(1, (ms + 59'999) / 60'000);
  icalcomponent_add_property(event,
                             icalproperty_new_duration(icaldurationtype_from_int(static_cast<int>(minutes * 60))));
  if (!slot.rrule.empty()) {
    const std::string rule = slot.rrule.rfind("RRULE:", 0) == 0 ? slot.rrule.substr(6) : slot.rrule;
    icalcomponent_add_property(event, icalproperty_new_rrule(icalrecurrencetype_from_string(rule.c_str())));
  }
  const std::chrono::local_days start_day{schedules::date_of(slot.start)};
  const auto time_of_day = slot.start - start_day;
  for (const LocalDate date : std::set<LocalDate>(slot.exception_dates.begin(), slot.exception_dates.end()))
    icalcomponent_add_property(event,
                               with_zone(std::chrono::local_days{date} + time_of_day, zone, icalproperty_new_exdate));
  icalcomponent_add_property(event, icalproperty_new_summary(programme.name.c_str()));
  add_x(event, "X-LOAXA-PROGRAMME", programme.name);
  add_x(event, "X-LOAXA-LEVEL", to_string(slot.level));
  if (slot.valid_from) add_x(event, "X-LOAXA-VALID-FROM", format_date(*slot.valid_from));
  if (slot.valid_until) add_x(event, "X-LOAXA-VALID-UNTIL", format_date(*slot.valid_until));
  if (!slot.enabled) {
    // Calendar programs show a cancelled series struck through or hidden: it does not air.
    icalcomponent_add_property(event, icalproperty_new_status(ICAL_STATUS_CANCELLED));
    add_x(event, "X-LOAXA-ENABLED", "FALSE");
  }
  return event;
}

icalcomponent* holiday_event(const Holiday& holiday, const std::string& uid, icaltimetype stamp) {
  icalcomponent* event = icalcomponent_new_vevent();
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
  icalcomponent_add_property(event, icalproperty_new_dtstart(ics::to_ical(holiday.from)));
  // DTEND of an all-day event is exclusive: the day after the last holiday.
  const LocalDate end{std::chrono::sys_days{holiday.until} + std::chrono::days{1}};
  icalcomponent_add_property(event, icalproperty_new_dtend(ics::to_ical(end)));
  icalcomponent_add_property(event, icalproperty_new_summary(holiday.name.c_str()));
  icalcomponent_add_property(event, icalproperty_new_categories("HOLIDAY"));
  icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  add_x(event, "X-LOAXA-KIND", "HOLIDAY");
  return event;
}

}  // namespace

IcsExport export_ics(const Schedule& schedule, const Catalogue& catalogue, const TimeZone& zone,
                     std::string_view station_id, UtcTime generated_at) {
  std::map<std::int64_t, const Programme*> programmes;
  for (const Programme& p : schedule.programmes) programmes.emplace(p.id, &p);

  Component calendar{icalcomponent_new_vcalendar()};
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//loaxa//loaxa schedule//VI"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  add_x(calendar.get(), "X-WR-TIMEZONE", zone.name());
  if (icalcomponent* tz = vtimezone(zone)) icalcomponent_add_component(calendar.get(), tz);

  const auto stamp_seconds = std::chrono::floor<std::chrono::seconds>(generated_at);
  const icaltimetype stamp = icaltime_from_timet_with_zone(
      static_cast<time_t>(stamp_seconds.time_since_epoch().count()), 0, icaltimezone_get_utc_timezone());

  IcsExport out;
  for (const Slot& slot : schedule.slots) {
    const auto programme = programmes.find(slot.programme_id);
    if (programme == programmes.end())
      throw std::invalid_argument("slot " + std::to_string(slot.id) + " names programme " +
                                  std::to_string(slot.programme_id) + ", which is not in the schedule");
    icalcomponent_add_component(calendar.get(),
                                slot_event(slot, *programme->second, catalogue, zone, station_id, stamp));
    ++out.slots;
  }
  std::set<std::string> uids;
  for (const Holiday& holiday : schedule.holidays) {
    // Stable across exports (the store's ids are not part of a Holiday); a second holiday
    // on the same dates gets a suffix.
    const std::string base = "holiday-" + compact_date(holiday.from) + "-" + compact_date(holiday.until);
    std::string uid = base + "@" + std::string(station_id);
    for (int n = 2; !uids.insert(uid).second; ++n) uid = base + "-" + std::to_string(n) + "@" + std::string(station_id);
    icalcomponent_add_component(calendar.get(), holiday_event(holiday, uid, stamp));
    ++out.holidays;
  }
  const ics::Buffer text{icalcomponent_as_ical_string_r(calendar.get())};
  out.text = text.get();
  return out;
}

}  // namespace loaxa::schedules
