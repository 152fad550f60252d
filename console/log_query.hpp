#pragma once
// The Log page's filter (nhật ký phát) as the page and the CSV export read it from the query
// string: from and to (local days, both included; default today in the station's zone), a
// category, a status. A bad value is refused with a message naming it; nothing is guessed.
//
// Pure but for tr(); the console thread.

#include "schedules/civil_time.hpp"
#include "schedules/time_zone.hpp"
#include "store/play_store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace loaxa::console {

struct LogQuery {
  schedules::LocalDate from;
  schedules::LocalDate to;              // included
  std::optional<std::string> category;  // a category code, upper case
  std::optional<store::PlayStatus> status;
};

// `query`: "from=2026-11-30&to=30/11/2026&category=cds&status=missed" (dates ISO or
// dd/mm/yyyy, as <input type=date> and people write them; empty fields are absent).
// Returns the query, or the message a 400 carries.
std::variant<LogQuery, std::string> parse_log_query(std::string_view query, schedules::LocalDate today);

// The store's window for the days asked, in the station's zone.
store::PlayFilter play_filter(const LogQuery& query, const schedules::TimeZone& zone);

// Keeps the plays of the category asked (the store filters time and status).
std::vector<store::Play> of_category(std::vector<store::Play> plays, const LogQuery& query);

// The query string that asks for `query` again ("from=…&to=…"), for the CSV link.
std::string query_string(const LogQuery& query);

// Whether the days asked include `today`: then new plays belong on the page as they come.
bool includes(const LogQuery& query, schedules::LocalDate today);

}  // namespace loaxa::console
