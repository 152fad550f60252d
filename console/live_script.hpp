#pragma once
// The script the Now, Log and Emergency pages load (/static/live.js): one EventSource on
// /events that puts live_events.hpp's HTML in place — the now-airing block, the emergency
// banner, a log row replaced or a new one put first when it belongs to the days and filter
// the page shows. The pages read without it (the CSP allows no inline script).

#include <string_view>

namespace loaxa::console {

inline constexpr std::string_view kLiveScriptPath = "/static/live.js";
extern const std::string_view kLiveScript;

}  // namespace loaxa::console
