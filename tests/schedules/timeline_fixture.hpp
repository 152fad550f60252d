#pragma once
// Small builders shared by the programme, slot and timeline tests.
#include <string>
#include <vector>

#include "schedules/catalogue.hpp"
#include "schedules/timeline.hpp"

namespace loaxa::schedules::test {

inline UtcTime utc(const char* text) {
  return UtcTime{parse_date_time(text).time_since_epoch()};
}

inline SegmentInfo segment(std::string id, std::string category, std::int64_t ms, bool approved = true) {
  SegmentInfo s;
  s.id = std::move(id);
  s.title = "Bản tin " + s.id;
  s.category = std::move(category);
  s.duration_ms = ms;
  s.approved = approved;
  return s;
}

// Programme `id` is a single relay of `minutes`, so its length is obvious.
inline Programme relay_programme(std::int64_t id, int minutes) {
  return Programme{
      id, "P" + std::to_string(id), {parse_programme_item("relay:linein:" + std::to_string(minutes) + "m")}};
}

inline Slot slot(std::int64_t id, std::int64_t programme, const char* start, const char* rrule,
                 SlotLevel level = SlotLevel::normal) {
  Slot s;
  s.id = id;
  s.programme_id = programme;
  s.start = parse_date_time(start);
  s.rrule = rrule;
  s.level = level;
  return s;
}

}  // namespace loaxa::schedules::test
