#pragma once
// A Sheet as CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel shows the
// diacritics), RFC 4180 — comma-separated, CRLF line ends, a field quoted when it holds a
// comma, a quote, CR or LF, quotes inside doubled. Headings, rows, totals, then each note
// as a one-field line. Numbers are written with a '.' decimal point; "—" stands for unknown.
//
// Pure.

#include "hub/report_sheet.hpp"

#include <string>
#include <string_view>

namespace loaxa::hub {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string csv_field(std::string_view text);
std::string render_csv(const Sheet& sheet);

}  // namespace loaxa::hub
