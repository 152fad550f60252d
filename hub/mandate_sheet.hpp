#pragma once
// District bulletins as sheets of cells (report_sheet.hpp): the list of mandates and the
// mandate view's line per station, worded once for `loaxa-hub mandate list|show` and the
// dashboard's Mandates pages. Headings and words are tr().
//
// Pure but for tr(); call after select_language().

#include "hub/hub_mandates.hpp"
#include "hub/report_sheet.hpp"
#include "schedules/civil_time.hpp"
#include "schedules/time_zone.hpp"

#include <string>
#include <vector>

namespace loaxa::hub {

// Not started, running, ended (by `today`, local), or cancelled with when.
std::string mandate_state_text(const Mandate& mandate, schedules::LocalDate today, const schedules::TimeZone& zone);
// What the station did: not received yet, received, declined (its reason), could not import it (why).
std::string station_answer_text(const MandateStationView& line);

// A row per mandate: number, title, category, from, until, per week, level, stations, state.
Sheet mandates_sheet(const std::vector<Mandate>& mandates, schedules::LocalDate today, const schedules::TimeZone& zone);
// A row per addressed station: station, received, required, aired, heard %, planned, answer.
Sheet mandate_stations_sheet(const MandateView& view, const schedules::TimeZone& zone);

}  // namespace loaxa::hub
