#pragma once
// Internal to the ICS code: libical ownership and conversions between libical's time struct
// and the schedules vocabulary. Includes libical, so it is not part of the public interface.
#include <libical/ical.h>

#include <memory>
#include <string>

#include "schedules/civil_time.hpp"

namespace loaxa::schedules::ics {

struct ComponentFree {
  void operator()(icalcomponent* p) const noexcept { icalcomponent_free(p); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

struct BufferFree {
  void operator()(char* p) const noexcept { icalmemory_free_buffer(p); }
};
using Buffer = std::unique_ptr<char, BufferFree>;

// Floating (zone-less) date-time, or a DATE when `date_only`.
icaltimetype to_ical(LocalDateTime time) noexcept;
icaltimetype to_ical(LocalDate date) noexcept;
// The fields as written, ignoring any zone; a DATE gives midnight.
LocalDateTime local_of(const icaltimetype& time) noexcept;
LocalDate date_of(const icaltimetype& time) noexcept;

// libical's normal spelling of a rule, or "" when it cannot read it.
std::string normal_rrule(const std::string& rule);

}  // namespace loaxa::schedules::ics
