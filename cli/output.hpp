#pragma once
// Printing for people (aligned tables, dd/mm/yyyy, m:ss) and for programs (JSON).

#include "store/segment_store.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace loaxa::cli {

// A plain aligned table on stdout; columns sized by display width, not bytes.
void print_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows);

// A label padded for "label  value" listings, e.g. in `segment show`.
std::string pad_label(const std::string& label);

void print_json(const nlohmann::json& value);

// 83 500 ms → "1:24" (rounded to the second); an hour or more → "1:02:03".
std::string display_duration(std::int64_t ms);

// "2027-02-05" → "05/02/2027"; other text unchanged.
std::string display_iso_date(const std::string& iso);

nlohmann::json segment_json(const store::Segment& segment);

// "đã duyệt" / "chưa duyệt"
std::string approval_text(bool approved);

}  // namespace loaxa::cli
