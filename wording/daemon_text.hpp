#pragma once
// How the running daemon's state reads to an operator (loaxa status, the console's Now page).
//
// Thread safety: after select_language(), from any thread.

#include "control/protocol.hpp"

#include <string>

namespace loaxa::wording {

// "on", "off", "warming up", "unknown" (bật, tắt, …)
std::string amplifier_text(control::AmplifierState state);

}  // namespace loaxa::wording
