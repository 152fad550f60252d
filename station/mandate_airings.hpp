#pragma once
// What accepting a mandate and catching up on it share (station/mandates.hpp,
// station/mandate_catch_up.hpp): the mandate's span in UTC, the planner's input as the
// station sees it, and the one-off slots that carry its airings.
//
// Thread safety: as Station.

#include "schedules/mandate_plan.hpp"
#include "station/station.hpp"
#include "store/mandate_order.hpp"
#include "store/segment_store.hpp"

#include <chrono>
#include <cstdint>
#include <utility>
#include <vector>

namespace loaxa::station {

// Local midnight of `first` to local midnight after `last`, in UTC.
std::pair<schedules::UtcTime, schedules::UtcTime> local_days_span(schedules::LocalDate first, schedules::LocalDate last,
                                                                  const schedules::TimeZone& zone);
// The mandate's whole span, `from` to `until`.
std::pair<schedules::UtcTime, schedules::UtcTime> mandate_span(const schedules::MandateTerms& terms,
                                                               const schedules::TimeZone& zone);

// How long one airing of the segment is (its trimmed length).
std::chrono::milliseconds airing_length(const store::Segment& segment);

// The planner's input for the terms at `now`: what the station airs from now to the span's
// end, its holidays, its session cap. The caller adds `already` and `own_programme`.
schedules::MandatePlanInput plan_input(Station& station, const schedules::MandateTerms& terms,
                                       std::chrono::milliseconds length, schedules::UtcTime now);

// Writes one one-off slot of the mandate's programme per start (priority for a priority
// mandate), each tied to the mandate. Inside the caller's transaction. Returns the slot ids.
std::vector<std::int64_t> write_airings(Station& station, const store::MandateOrder& order, std::int64_t programme_id,
                                        const std::vector<schedules::LocalDateTime>& starts, schedules::UtcTime now);

}  // namespace loaxa::station
