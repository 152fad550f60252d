#include "schedules/error.hpp"

#include <utility>

namespace loaxa::schedules {

namespace {
std::string make_what(ScheduleError::Kind kind, const std::string& subject, const std::string& detail) {
  std::string what = std::string(to_string(kind)) + ": '" + subject + "'";
  if (!detail.empty()) what += " (" + detail + ")";
  return what;
}
}  // namespace

ScheduleError::ScheduleError(Kind kind_, std::string subject_, std::string detail_, std::int64_t value_,
                             std::int64_t limit_)
    : std::runtime_error(make_what(kind_, subject_, detail_)),
      kind(kind_),
      subject(std::move(subject_)),
      detail(std::move(detail_)),
      value(value_),
      limit(limit_) {}

const char* to_string(ScheduleError::Kind kind) noexcept {
  using K = ScheduleError::Kind;
  switch (kind) {
    case K::bad_date:
      return "bad_date";
    case K::bad_time_of_day:
      return "bad_time_of_day";
    case K::bad_date_time:
      return "bad_date_time";
    case K::bad_duration:
      return "bad_duration";
    case K::bad_weekdays:
      return "bad_weekdays";
    case K::bad_item:
      return "bad_item";
    case K::bad_rrule:
      return "bad_rrule";
    case K::unknown_time_zone:
      return "unknown_time_zone";
    case K::bad_range:
      return "bad_range";
    case K::programme_too_long:
      return "programme_too_long";
    case K::empty_programme:
      return "empty_programme";
    case K::never_airs:
      return "never_airs";
    case K::nonexistent_start:
      return "nonexistent_start";
  }
  return "unknown";
}

}  // namespace loaxa::schedules
