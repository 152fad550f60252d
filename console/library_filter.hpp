#pragma once
// Which segments the Library page lists: the search and filters of its query string
// (?q=&category=&approved=yes|no&validity=now|expired|not_yet), read leniently: a value the
// page never offers is ignored, so a hand-edited link still lists something.
//
// Pure functions; safe from any thread.

#include "store/segment_store.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace loaxa::console {

// Where a segment's validity stands on a day: the scheduler's rule (inclusive dates).
enum class Validity { now, expired, not_yet };
// `today`: an ISO date, e.g. "2027-02-05".
Validity validity_on(const store::Segment& segment, const std::string& today);
const char* to_string(Validity validity) noexcept;  // "now", "expired", "not_yet"

struct LibraryFilter {
  std::string search;                   // title text, trimmed; matched by library_search.hpp
  std::optional<std::string> category;  // a code, upper case
  std::optional<bool> approved;
  std::optional<Validity> validity;

  bool any() const noexcept { return !search.empty() || category || approved || validity; }
};

// From a request target's query ("q=thong+bao&approved=no").
LibraryFilter filter_from_query(std::string_view query);

bool matches(const store::Segment& segment, const LibraryFilter& filter, const std::string& today);

}  // namespace loaxa::console
