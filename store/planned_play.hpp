#pragma once
// One item a station plans to air: an occurrence's position, its category and when it is
// due. A station sends the coming week's to the district hub, which counts them as "plays
// scheduled" beside what aired (docs/HUB.md, "Plans"). The occurrence is written as
// OccurrenceKey::text() writes it, as on the as-run rows, so planned and aired can be matched.

#include "schedules/civil_time.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace loaxa::store {

struct PlannedPlay {
  std::string occurrence;  // "slot:3@2026-11-30T22:30:00.000Z"
  std::int64_t position = 0;
  std::string category;
  schedules::UtcTime scheduled_start{};
};

// What a station plans for [from, to): every item due in it (a plan replaces the one before
// it over its span; an empty list over a span is a real "nothing planned").
struct StationPlan {
  schedules::UtcTime from{};
  schedules::UtcTime to{};
  std::vector<PlannedPlay> items;
};

}  // namespace loaxa::store
