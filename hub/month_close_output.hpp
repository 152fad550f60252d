#pragma once
// A closed month as the report prints it: the snapshot's sheet (every format alike) with the
// close's time in its title and notes, and the late arrivals listed below, apart from its
// numbers; in JSON the report's fields plus "closed_at" and "late".
//
// Pure but for tr(); call after select_language().

#include "hub/month_close.hpp"
#include "hub/report_sheet.hpp"
#include "schedules/time_zone.hpp"

#include <string>

namespace loaxa::hub {

Sheet closed_month_sheet(const ClosedMonth& closed, const schedules::TimeZone& zone);

// report_json's fields, and "closed_at" (UTC text) and "late": [{station_id, category, plays,
// plays_completed, minutes_aired, missed, interrupted}] by station and category.
std::string closed_month_json(const ClosedMonth& closed);

}  // namespace loaxa::hub
