#pragma once
// The station's time zone, by IANA name ("Asia/Ho_Chi_Minh", "Europe/Berlin"), read from
// the system zoneinfo through libical. The machine's own zone (TZ, /etc/localtime) is never
// consulted: every conversion names its zone.
//
// Local -> UTC is total and deterministic (docs/SCHEDULING.md, rules Z1-Z2):
//  - a wall time inside a spring-forward gap is moved forward by the gap
//    (02:30 in Berlin on the last Sunday of March airs at 03:30 CEST);
//  - an ambiguous wall time in a fall-back overlap means its first occurrence
//    (02:30 in Berlin on the last Sunday of October is 02:30 CEST = 00:30 UTC).
//
// Cheap to copy. Call from one thread at a time (libical expands zone rules lazily).
#include <chrono>
#include <string>
#include <string_view>

#include "schedules/civil_time.hpp"

namespace loaxa::schedules {

class TimeZone {
 public:
  static constexpr std::string_view default_name = "Asia/Ho_Chi_Minh";

  // Throws ScheduleError{unknown_time_zone} when zoneinfo has no such zone.
  explicit TimeZone(std::string_view name);

  enum class LocalKind { unique, gap, ambiguous };

  const std::string& name() const noexcept { return name_; }
  UtcTime to_utc(LocalDateTime local) const;
  LocalDateTime to_local(UtcTime utc) const;
  std::chrono::seconds utc_offset(UtcTime utc) const;
  // Whether a wall time exists once, not at all (gap) or twice (overlap) in this zone.
  LocalKind classify(LocalDateTime local) const;

 private:
  std::string name_;
  // icaltimezone* from libical's built-in table, which lives as long as the process;
  // kept opaque so this header does not pull in libical.
  void* zone_;
};

}  // namespace loaxa::schedules
