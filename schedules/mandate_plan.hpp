#pragma once
// Where a station airs a district bulletin (docs/MANDATES.md, "Station"): the local starts of
// the airings that meet a mandate's terms around what the station already airs. Pure and
// deterministic: the same inputs always give the same airings. Call from one thread at a time
// (it converts through the TimeZone).
//
// The rules, per period of the terms (mandate_periods):
//  - only from the receipt on: a period over before the mandate arrived is all shortfall; a
//    period under way gets its airings on the days it has left (the receipt day from
//    `received + lead` on);
//  - its N airings (required minus what already aired or is planned) on days spread evenly
//    over those days, rotating through the windows (the k-th airing of the mandate tries
//    window k mod W first, then the others of that day, then the nearest other days);
//  - never on a holiday; never overlapping an occurrence in `busy`; an airing starts and ends
//    inside one window (both in UTC, so a DST change inside a window is measured truly; a start
//    that does not exist or exists twice on the wall clock is not chosen);
//  - a start within `gap` of an occurrence (back to back) joins its session: allowed only while
//    the session stays within `max_session`; otherwise the airing leaves `gap` after it;
//  - two airings of the mandate keep `own_spacing` apart;
//  - what cannot be placed is the period's shortfall.

#include "schedules/civil_time.hpp"
#include "schedules/mandate_terms.hpp"
#include "schedules/slot.hpp"
#include "schedules/timeline.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace loaxa::schedules {

class TimeZone;

struct MandatePlanInput {
  MandateTerms terms;
  std::chrono::milliseconds length{0};  // the segment's planned length
  UtcTime received{};                   // when the station had the order and its audio
  // What the station airs over the mandate's span (compute_timeline); dropped ones ignored.
  std::vector<Occurrence> busy;
  std::vector<Holiday> holidays;
  std::chrono::minutes max_session{45};  // loaxa.toml's max_session_minutes
  // Per period (index as in mandate_periods), airings that already count: aired, or planned by
  // an earlier plan. Missing entries are 0.
  std::vector<int> already;
  // How soon after the receipt the first airing may start (the slot must lie in the future
  // when it is written, and the daemon plans ahead).
  std::chrono::minutes lead{5};
  // Less than this between two occurrences is back to back (one session).
  std::chrono::minutes gap{5};
  // Least time between the end of one airing of the mandate and the start of the next.
  std::chrono::minutes own_spacing{60};
  // The mandate's own programme when it has airings planned already (a catch-up): its
  // occurrences in `busy` keep own_spacing from the new ones too.
  std::optional<std::int64_t> own_programme;
};

struct PlannedMandatePeriod {
  MandatePeriod period;
  int already = 0;
  int planned = 0;    // airings this plan places in the period
  int shortfall = 0;  // required - already - planned, never below 0
};

struct MandatePlan {
  std::vector<LocalDateTime> starts;  // in time order
  std::vector<PlannedMandatePeriod> periods;
  int planned() const noexcept { return static_cast<int>(starts.size()); }
  int shortfall() const noexcept;
};

// Throws ScheduleError as check_terms does for terms that are not valid. An emergency mandate
// plans nothing (it airs at once, not in slots).
MandatePlan plan_mandate(const MandatePlanInput& input, const TimeZone& zone);

// Which period of `terms` holds `date`: its index in mandate_periods, or -1 outside the span.
int mandate_period_index(const MandateTerms& terms, LocalDate date);

// Whether an airing of `length` starting at the local `start` lies wholly inside one of the
// terms' windows on that day (the test the planner and a moved airing both pass).
bool inside_a_window(const MandateTerms& terms, LocalDateTime start, std::chrono::milliseconds length,
                     const TimeZone& zone);

}  // namespace loaxa::schedules
