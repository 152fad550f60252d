#pragma once
// The Log page's HTML (nhật ký phát): the filter form (a GET form: the page reads without
// script), the count and the heard share, the CSV link with the same filter, and the rows,
// newest first, in a table live updates add to.
//
// Pure but for tr(); the console thread.

#include "console/log_query.hpp"
#include "schedules/time_zone.hpp"
#include "store/category_store.hpp"
#include "store/play_store.hpp"

#include <string>
#include <vector>

namespace loaxa::console {

std::string log_body_html(const LogQuery& query, const std::vector<store::Play>& plays,
                          const std::vector<store::Category>& categories, const schedules::TimeZone& zone,
                          schedules::LocalDate today);

}  // namespace loaxa::console
