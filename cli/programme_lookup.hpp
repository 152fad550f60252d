#pragma once
// Finds the programme an operator names on the command line.

#include "cli/context.hpp"
#include "schedules/programme.hpp"

#include <string>

namespace loaxa::cli {

// By name (ASCII case ignored), else by numeric ID. Throws std::runtime_error with an
// operator message when there is no such programme.
schedules::Programme require_programme(Context& context, const std::string& key);

}  // namespace loaxa::cli
