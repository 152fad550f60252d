#pragma once
// Operator wording for the station use cases' refusals.

#include "station/error.hpp"

#include <string>

namespace loaxa::wording {

std::string describe(const station::StationError& error);

}  // namespace loaxa::wording
