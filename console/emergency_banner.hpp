#pragma once
// The banner every console page shows while an emergency airs (the page frame calls it;
// live updates replace it by its id).
//
// Pure but for tr(); the console thread.

#include "control/protocol.hpp"

#include <string>
#include <string_view>

namespace loaxa::console {

inline constexpr std::string_view kEmergencyBannerId = "emergency-banner";

// <div id="emergency-banner" role="alert"> naming what airs and linking to the Emergency page
// (its stop button) while the level on air is emergency; otherwise the same element, empty
// and hidden, so a live update has a place to fill.
std::string emergency_banner(const control::DaemonStatus& status);

}  // namespace loaxa::console
