#pragma once
// The as-run log as rows of text, the one layout of the Log page's table, its live rows and
// its CSV export: the columns of `loaxa log` (No., start, end, programme, title, category,
// level, status, reason, heard), worded by store::play_*_words.
//
// Pure but for tr(); the console thread.

#include "schedules/time_zone.hpp"
#include "store/play_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace loaxa::console {

std::vector<std::string> log_headings();
std::vector<std::string> log_cells(const store::Play& play, const schedules::TimeZone& zone);

// The local day a play belongs to (its start, else its end), ISO: what the page's filter compares.
std::string play_day(const store::Play& play, const schedules::TimeZone& zone);

// One <tr data-play-id=…> of escaped cells.
std::string log_row_html(const store::Play& play, const schedules::TimeZone& zone);

// The mean share heard over the plays a monitor line measured; none when it measured none.
std::optional<double> heard_mean(const std::vector<store::Play>& plays);

// RFC 4180 with a UTF-8 byte-order mark (Excel then shows the diacritics), CRLF line ends,
// a field quoted when it holds a comma, a quote, CR or LF: the hub's report CSV layout.
std::string log_csv(const std::vector<store::Play>& plays, const schedules::TimeZone& zone);

}  // namespace loaxa::console
