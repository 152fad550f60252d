#pragma once
// Errors raised by the schedules library. The CLI translates them: each carries a stable
// kind plus the offending text and figures, so a Vietnamese message can be built without
// parsing the English what() string.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace loaxa::schedules {

class ScheduleError : public std::runtime_error {
 public:
  enum class Kind {
    bad_date,            // subject: the text; expected YYYY-MM-DD
    bad_time_of_day,     // subject: the text; expected HH:MM (00:00–23:59)
    bad_date_time,       // subject: the text; expected YYYY-MM-DDTHH:MM[:SS]
    bad_duration,        // subject: the text; expected e.g. 90s, 10m, 1h30m
    bad_weekdays,        // subject: the text; expected T2-T7, T2,T4,T6, CN
    bad_item,            // subject: the item text; detail says which part is wrong
    bad_rrule,           // subject: the RRULE text
    unknown_time_zone,   // subject: the zone name
    bad_range,           // subject: "from..until" text; value/limit unused
    programme_too_long,  // subject: programme name; value = planned ms, limit = cap ms
    empty_programme,     // subject: programme name
    never_airs,          // subject: the RRULE (the start for a one-off); detail: why, in English
    nonexistent_start,   // subject: the start (YYYY-MM-DDTHH:MM:SS); detail: the zone name
  };

  ScheduleError(Kind kind, std::string subject, std::string detail = {}, std::int64_t value = 0,
                std::int64_t limit = 0);

  Kind kind;
  std::string subject;  // the offending text or name, verbatim
  std::string detail;   // short English hint (which part was wrong); for logs
  std::int64_t value;   // a figure, where the kind says so
  std::int64_t limit;   // the limit it was checked against, where the kind says so
};

const char* to_string(ScheduleError::Kind kind) noexcept;

}  // namespace loaxa::schedules
