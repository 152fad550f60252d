#pragma once
// Printing for people (aligned tables, dd/mm/yyyy, m:ss) and for programs (JSON).

#include "store/segment_store.hpp"
#include "wording/display_text.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace loaxa::cli {

// The wording layer's, shared with the console.
using wording::approval_text;
using wording::display_duration;
using wording::display_iso_date;

// A plain aligned table on stdout; columns sized by display width, not bytes.
void print_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows);

// A label padded for "label  value" listings, e.g. in `segment show`.
std::string pad_label(const std::string& label);

void print_json(const nlohmann::json& value);

nlohmann::json segment_json(const store::Segment& segment);

}  // namespace loaxa::cli
