#pragma once
// A Sheet as an XLSX workbook (libxlsxwriter, kept inside report_xlsx.cpp): one worksheet
// with the title on row 1, the headings on row 2 (bold, frozen with the title above them),
// the rows, the totals rows (bold, a rule above), then the notes. Numbers are number cells
// (integers as "0", decimals as "0.0"), times are date cells shown dd/mm/yyyy hh:mm, "—"
// (unknown) is text. Column widths fit their widest cell.
//
// Pure but for a temporary file libxlsxwriter needs (in the system's temporary folder,
// removed before returning).

#include "hub/report_sheet.hpp"

#include <string>

namespace loaxa::hub {

// The rows of the worksheet before the first data row: the title and the headings.
inline constexpr int kXlsxHeaderRows = 2;

// The workbook's bytes. Throws std::runtime_error when libxlsxwriter fails.
std::string render_xlsx(const Sheet& sheet);

}  // namespace loaxa::hub
