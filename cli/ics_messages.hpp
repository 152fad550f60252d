#pragma once
// Operator wording for calendar-file (ICS) import errors: which event, and why.

#include "schedules/ics.hpp"

#include <string>

namespace loaxa::cli {

// "The event "Bản tin sáng" at line 12: it has no start time (DTSTART)". A whole-file
// problem (not_a_calendar) names `file`.
std::string describe(const schedules::IcsError& error, const std::string& file);

}  // namespace loaxa::cli
