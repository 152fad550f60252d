#pragma once
// Programmes (chuyên mục): ordered items that air together.
//
// Thread safety: as Station. Throws StationError (kinds named below), ScheduleError (an
// item that does not parse: bad_item, bad_duration; a programme over the session cap:
// programme_too_long), store::BusyError.

#include "schedules/programme.hpp"
#include "schedules/programme_plan.hpp"
#include "station/station.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace loaxa::station {

// By name (ASCII case ignored), else by numeric ID. Throws no_such_programme.
schedules::Programme find_programme(Station& station, const std::string& key);

struct ProgrammeLength {
  schedules::Programme programme;
  std::int64_t today_ms = 0;  // what an airing now would last
};
std::vector<ProgrammeLength> list_programmes(Station& station);

struct AddedProgramme {
  schedules::Programme programme;
  std::int64_t longest_ms = 0;                        // checked against the session cap
  std::vector<schedules::ProgrammeWarning> warnings;  // what would be skipped today
};
// Items as the operator writes them: segment:ID, jingle:ID, rotate:CATEGORY:N,
// relay:SOURCE:DURATION. Every segment and category named must exist; approval and dates
// only warn, because a programme is often built before its bulletins are approved.
// Throws empty_programme_name, programme_exists, item_unknown_segment,
// item_unknown_category, ScheduleError.
AddedProgramme add_programme(Station& station, const std::string& name, const std::vector<std::string>& items);

// What add_programme would say, with the same checks and warnings, writing nothing: the
// console shows it (the session cap, what would be skipped) before the operator saves.
// Throws as add_programme; the programme's id in the answer is 0.
AddedProgramme check_programme(Station& station, const std::string& name, const std::vector<std::string>& items);

// Replaces a programme's items (reordered, added, removed), checked as add_programme checks
// them, in one transaction. Occurrences already frozen keep the items they aired with
// (docs/SCHEDULING.md, T11). Throws no_such_programme, item_unknown_segment,
// item_unknown_category, ScheduleError.
AddedProgramme set_programme_items(Station& station, const std::string& key, const std::vector<std::string>& items);
// What set_programme_items would say, writing nothing. Throws as set_programme_items.
AddedProgramme check_programme_items(Station& station, const std::string& key, const std::vector<std::string>& items);

// What the programme would air if it started now (rotation from the airing history).
struct ProgrammeToday {
  schedules::Programme programme;
  schedules::LocalDate date;
  std::vector<schedules::PlannedItem> items;
};
ProgrammeToday programme_today(Station& station, const std::string& key);

// Throws no_such_programme, programme_in_use (a slot airs it).
schedules::Programme remove_programme(Station& station, const std::string& key);

}  // namespace loaxa::station
