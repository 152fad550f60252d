#pragma once
// /static/schedule.css: the Schedule page's week grid and forms, beside the console's shared
// stylesheet. Classes only: the console's CSP forbids inline styles.

#include <string_view>

namespace loaxa::console {

inline constexpr std::string_view kScheduleStylePath = "/static/schedule.css";
extern const std::string_view kScheduleStyle;

}  // namespace loaxa::console
