#pragma once
// The console's shared stylesheet (/static/console.css): the frame, tables, forms, buttons,
// the emergency banner, messages. Plain CSS for a 1366×768 screen and a phone; no web fonts.

#include <string_view>

namespace loaxa::console {

extern const std::string_view kConsoleCss;

}  // namespace loaxa::console
