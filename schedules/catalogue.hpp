#pragma once
// What the scheduler needs to know about segments, loaded by the caller from the library
// store. Read-only after construction; lookups are O(log n).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schedules/civil_time.hpp"

namespace loaxa::schedules {

struct SegmentInfo {
  std::string id;
  std::string title;
  std::string category;          // "CDS", "CCHC", ...
  std::int64_t duration_ms = 0;  // playable span (after trimmed silence)
  bool approved = false;
  std::optional<LocalDate> valid_from;   // inclusive, local date
  std::optional<LocalDate> valid_until;  // inclusive, local date
  // The latest airing in the as-run log: history for rotation (rule T10), counted only by
  // plans after it. Empty if never aired.
  std::optional<UtcTime> last_aired;
};

// Segment ids order numerically when both are decimal numbers ("9" < "10"), else bytewise;
// rotation ties (rule P3) use this order.
bool segment_id_less(std::string_view a, std::string_view b) noexcept;

class Catalogue {
 public:
  Catalogue() = default;
  explicit Catalogue(std::vector<SegmentInfo> segments);
  // Indexes point into segments_: moving keeps them valid, copying would not.
  Catalogue(const Catalogue&) = delete;
  Catalogue& operator=(const Catalogue&) = delete;
  Catalogue(Catalogue&&) noexcept = default;
  Catalogue& operator=(Catalogue&&) noexcept = default;

  const SegmentInfo* find(std::string_view id) const;
  // All segments of a category, any approval, ordered by id (segment_id_less).
  const std::vector<const SegmentInfo*>& in_category(std::string_view category) const;
  const std::vector<SegmentInfo>& segments() const noexcept { return segments_; }

 private:
  std::vector<SegmentInfo> segments_;
  std::map<std::string, std::size_t, std::less<>> by_id_;
  std::map<std::string, std::vector<const SegmentInfo*>, std::less<>> by_category_;
  std::vector<const SegmentInfo*> none_;
};

}  // namespace loaxa::schedules
