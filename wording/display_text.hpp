#pragma once
// Figures as an operator reads them, in the CLI and the console alike: m:ss, dd/mm/yyyy,
// approved or not.
//
// Thread safety: after select_language(), from any thread.

#include <cstdint>
#include <string>

namespace loaxa::wording {

// 83 500 ms → "1:24" (rounded to the second); an hour or more → "1:02:03".
std::string display_duration(std::int64_t ms);

// "2027-02-05" → "05/02/2027"; other text unchanged.
std::string display_iso_date(const std::string& iso);

// "đã duyệt" / "chưa duyệt"
std::string approval_text(bool approved);

}  // namespace loaxa::wording
