#include <utility>

#include "schedules/ics.hpp"

namespace loaxa::schedules {

namespace {
std::string make_what(IcsError::Kind kind, const std::string& subject, const std::string& detail) {
  std::string what = std::string(to_string(kind)) + ": '" + subject + "'";
  if (!detail.empty()) what += " (" + detail + ")";
  return what;
}
}  // namespace

IcsError::IcsError(Kind kind_, std::string subject_, std::string detail_)
    : std::runtime_error(make_what(kind_, subject_, detail_)),
      kind(kind_),
      subject(std::move(subject_)),
      detail(std::move(detail_)) {}

const char* to_string(IcsError::Kind kind) noexcept {
  using K = IcsError::Kind;
  switch (kind) {
    case K::not_a_calendar:
      return "not_a_calendar";
    case K::bad_property:
      return "bad_property";
    case K::missing_dtstart:
      return "missing_dtstart";
    case K::all_day_event:
      return "all_day_event";
    case K::bad_rrule:
      return "bad_rrule";
    case K::unknown_time_zone:
      return "unknown_time_zone";
    case K::unsupported:
      return "unsupported";
    case K::no_programme_name:
      return "no_programme_name";
    case K::bad_level:
      return "bad_level";
    case K::bad_date:
      return "bad_date";
    case K::bad_holiday:
      return "bad_holiday";
    case K::unknown_programme:
      return "unknown_programme";
    case K::bad_range:
      return "bad_range";
    case K::never_occurs:
      return "never_occurs";
    case K::nonexistent_time:
      return "nonexistent_time";
    case K::changed_slot:
      return "changed_slot";
  }
  return "unknown";
}

}  // namespace loaxa::schedules
