#pragma once
// The station's categories (lĩnh vực) and segments (bản tin): what the library holds, and
// the changes an operator makes to it. Each change is one write transaction.
//
// Thread safety: as Station. Throws StationError (kinds named below), library::ImportError,
// store::BusyError.

#include "library/importer.hpp"
#include "library/verify.hpp"
#include "station/station.hpp"
#include "store/category_store.hpp"
#include "store/segment_store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::station {

std::vector<store::Category> list_categories(Station& station);
// Throws bad_category_code, empty_category_name, category_exists.
store::Category add_category(Station& station, const std::string& code_text, const std::string& name);

// `category_text` as typed (any case); throws unknown_category.
std::vector<store::Segment> list_segments(Station& station, const std::optional<std::string>& category_text);
// Throws no_such_segment.
store::Segment find_segment(Station& station, std::int64_t id);

library::ImportResult import_segment(Station& station, const library::ImportRequest& request);

struct Approval {
  store::Segment segment;
  bool was_approved = false;  // nothing changed
};
// Throws no_such_segment.
Approval approve_segment(Station& station, std::int64_t id);

// A change to a segment's title, category or validity; what is unset stays as it is.
struct SegmentEdit {
  std::optional<std::string> title;     // trimmed of spaces at both ends
  std::optional<std::string> category;  // as typed; case does not matter
  // The outer optional says whether to change the date, the inner one what to set it to:
  // std::optional<std::chrono::year_month_day>{} clears it (no first or last day).
  std::optional<std::optional<std::chrono::year_month_day>> valid_from;
  std::optional<std::optional<std::chrono::year_month_day>> valid_until;
};
// One write transaction; returns the segment as it now is. Throws no_such_segment,
// unknown_category, empty_segment_title, and schedules::ScheduleError bad_range when the
// validity it would have ends before it starts (subject "FROM..UNTIL", ISO dates).
store::Segment edit_segment(Station& station, std::int64_t id, const SegmentEdit& edit);

// Removes the row and its file. Throws no_such_segment, segment_in_use.
store::Segment remove_segment(Station& station, std::int64_t id);

// Rows without files, files without rows, files that no longer match; `repair` removes what
// is safe to remove (see library/verify.hpp).
library::VerifyReport verify_library(Station& station, bool repair);

}  // namespace loaxa::station
