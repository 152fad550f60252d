#pragma once
// Calendar dates as operators type them (dd/mm/yyyy) and as files store them (ISO 8601).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace loaxa {

// Accepts YYYY-MM-DD and dd/mm/yyyy (d/m/yyyy too). Returns nullopt for anything that is
// not a real calendar date (31/02/2027, 2027-13-01, "mai").
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);

std::string iso_date(std::chrono::year_month_day date);      // 2027-02-05
std::string display_date(std::chrono::year_month_day date);  // 05/02/2027

}  // namespace loaxa
