#pragma once
// The schedule as an iCalendar file, and a calendar kept elsewhere (the district's) read in
// (docs/SCHEDULING.md, "Calendar files (ICS)").
//
// Thread safety: as Station. Throws schedules::IcsError naming the event, store::BusyError.

#include "schedules/ics.hpp"
#include "station/station.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::station {

schedules::IcsExport export_calendar(Station& station);

struct CalendarImport {
  schedules::ImportPlan plan;
  std::vector<std::int64_t> slot_ids;        // plan.slots[i] became slot_ids[i]
  std::vector<std::int64_t> holiday_ids;     // plan.holidays[i] became holiday_ids[i]
  std::vector<std::string> programme_names;  // of plan.slots[i]
};

// Everything is read and checked against the schedule as it is inside the same write
// transaction, then added; a bad event leaves the station exactly as it was.
CalendarImport import_calendar(Station& station, std::string_view text);

}  // namespace loaxa::station
