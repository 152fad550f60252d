#pragma once
// A recurrence rule (RFC 5545 RRULE) anchored at a local start, expanded with libical in the
// station's wall-clock time: "every day at 05:00" stays at 05:00 across DST changes, and the
// caller converts each instance to UTC with TimeZone (rules R1-R4 in docs/SCHEDULING.md).
// Pure value; safe to copy; expansion allocates only the result.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "schedules/civil_time.hpp"

namespace loaxa::schedules {

class TimeZone;

class Recurrence {
 public:
  // `rrule` is e.g. "FREQ=WEEKLY;BYDAY=MO,TU" (an "RRULE:" prefix is accepted); empty means
  // a single occurrence at `start`. A UTC UNTIL ("...Z") is read in `zone`; a date-only UNTIL
  // includes that whole day. SECONDLY and MINUTELY are refused (not a broadcast schedule).
  // Throws ScheduleError{bad_rrule}.
  Recurrence(std::string_view rrule, LocalDateTime start, const TimeZone& zone);

  // Instances t with from <= t < to, ascending, at most `limit` of them. Never walks past
  // `to`: libical would otherwise spin for centuries on a rule whose filters match nothing.
  std::vector<LocalDateTime> between(LocalDateTime from, LocalDateTime to, std::size_t limit = 100'000) const;

  // False when the rule's BYMONTH and BYMONTHDAY leave no day that exists in any year
  // (30 February, 31 April): such a rule never airs, whatever its start. True otherwise,
  // which proves nothing; the caller still searches (rule S5).
  bool some_date_may_match() const;
  int interval() const noexcept { return interval_; }  // 1 for a single occurrence

  const std::string& rule() const noexcept { return rule_; }  // normalised, "" if single
  LocalDateTime start() const noexcept { return start_; }

 private:
  std::string rule_;
  LocalDateTime start_;
  bool has_count_ = false;
  int interval_ = 1;
};

// Throws ScheduleError{bad_rrule} if libical cannot read `rrule` or it is refused above.
void validate_rrule(std::string_view rrule);

}  // namespace loaxa::schedules
