#pragma once
// A closed month's report as text: the canonical form the month close signs and stores
// (month_close.hpp). Every number the report prints is kept as the report holds it (frames,
// not minutes rounded; percentages as computed), so a snapshot read back prints exactly what
// was printed at the close, in every format.
//
// Canonical: compact JSON, object keys sorted, no spaces; the same report always gives the
// same bytes. The signature is checked over the stored bytes, never over a re-serialisation.
//
// Pure; any thread.

#include "hub/frequency_report.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

namespace loaxa::hub {

// The snapshot format's version, written into the text and into what is signed.
inline constexpr int kMonthSnapshotVersion = 1;

std::string snapshot_text(const FrequencyReport& report);

// Throws std::invalid_argument when `text` is not a snapshot this version wrote.
FrequencyReport report_from_snapshot(std::string_view text);

}  // namespace loaxa::hub
