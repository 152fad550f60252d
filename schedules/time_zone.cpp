#include "schedules/time_zone.hpp"

#include <libical/ical.h>

#include "schedules/error.hpp"

namespace loaxa::schedules {

namespace {

using std::chrono::seconds;

icaltimezone* zone_of(void* zone) {
  return static_cast<icaltimezone*>(zone);
}

seconds offset_at(void* zone, std::chrono::sys_seconds instant) {
  icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(instant.time_since_epoch().count()), 0,
                                                 icaltimezone_get_utc_timezone());
  int is_daylight = 0;
  return seconds{icaltimezone_get_utc_offset_of_utc_time(zone_of(zone), &t, &is_daylight)};
}

// The two readings of a wall time: with the offset in force a day before and a day after.
// No zone changes offset twice within two days, so these bracket every candidate.
struct Readings {
  std::chrono::sys_seconds before, after;
  bool before_valid, after_valid;
};

Readings readings(void* zone, LocalDateTime local) {
  const std::chrono::sys_seconds as_utc{local.time_since_epoch()};
  const seconds off_before = offset_at(zone, as_utc - std::chrono::days{1});
  const seconds off_after = offset_at(zone, as_utc + std::chrono::days{1});
  Readings r{as_utc - off_before, as_utc - off_after, false, false};
  r.before_valid = offset_at(zone, r.before) == off_before;
  r.after_valid = offset_at(zone, r.after) == off_after;
  return r;
}

}  // namespace

TimeZone::TimeZone(std::string_view name) : name_(name), zone_(nullptr) {
  if (name_ == "UTC" || name_ == "Etc/UTC")
    zone_ = icaltimezone_get_utc_timezone();
  else if (!name_.empty() && name_.find("..") == std::string::npos)
    zone_ = icaltimezone_get_builtin_timezone(name_.c_str());
  if (zone_ == nullptr) throw ScheduleError(ScheduleError::Kind::unknown_time_zone, name_, "not in zoneinfo");
}

seconds TimeZone::utc_offset(UtcTime utc) const {
  return offset_at(zone_, std::chrono::floor<seconds>(utc));
}

LocalDateTime TimeZone::to_local(UtcTime utc) const {
  const auto s = std::chrono::floor<seconds>(utc);
  return LocalDateTime{(s + offset_at(zone_, s)).time_since_epoch()};
}

UtcTime TimeZone::to_utc(LocalDateTime local) const {
  const Readings r = readings(zone_, local);
  if (r.before_valid && r.after_valid) return std::min(r.before, r.after);  // overlap: first
  if (r.after_valid) return r.after;
  // Valid with the earlier offset, or a gap: reading it with the offset in force before the
  // gap lands the same distance past the gap's end, i.e. moved forward by the gap.
  return r.before;
}

TimeZone::LocalKind TimeZone::classify(LocalDateTime local) const {
  const Readings r = readings(zone_, local);
  if (r.before_valid && r.after_valid && r.before != r.after) return LocalKind::ambiguous;
  if (!r.before_valid && !r.after_valid) return LocalKind::gap;
  return LocalKind::unique;
}

}  // namespace loaxa::schedules
