#pragma once
// The Now page's HTML (trang Đang phát): pure, from the gathered facts, so the page and the
// live updates render the same blocks. Every text through tr(), every value escaped.
//
// Thread safety: after select_language(), from any thread (the console thread in practice).

#include "console/now_facts.hpp"
#include "control/protocol.hpp"
#include "schedules/time_zone.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace loaxa::console {

// The id the now-airing block carries, which live updates replace.
inline constexpr std::string_view kNowAiringId = "now-airing";

// What airs, with a <progress> of elapsed over length when the length is known.
std::string now_airing_html(const DaemonView& daemon, std::optional<std::int64_t> length_ms);

// The whole page body below the frame's heading.
std::string now_body_html(const NowFacts& facts, const schedules::TimeZone& zone);

}  // namespace loaxa::console
