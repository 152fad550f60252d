#pragma once
// The Emergency page's second way: a file from the operator's computer, imported approved
// (POST /emergency/upload, the Library's import) and then confirmed like a chosen segment —
// as `loaxa emergency FILE --category C` does.

#include "store/category_store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace loaxa::console {

inline constexpr std::string_view kEmergencyScriptPath = "/static/emergency.js";

// The upload section, for an operator (its script: kEmergencyScript).
std::string emergency_upload_html(const std::vector<store::Category>& categories);

extern const std::string_view kEmergencyScript;

}  // namespace loaxa::console
