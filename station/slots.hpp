#pragma once
// Slots (khung giờ phát) and holidays: when programmes air.
//
// Thread safety: as Station. Throws StationError (kinds named below), ScheduleError (a rule
// that cannot be read, a range that ends before it starts, a slot that never airs, a first
// start that does not exist in the zone), store::BusyError.

#include "schedules/programme_plan.hpp"
#include "schedules/slot.hpp"
#include "station/station.hpp"
#include "store/slot_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace loaxa::station {

// What `loaxa slot add` asks for: either times of day on weekdays (one slot per time,
// starting on the first day it may air, else today), or one start with an RRULE.
struct SlotRequest {
  std::string programme;  // name or ID
  std::vector<schedules::TimeOfDay> times;
  std::optional<std::string> weekdays;  // "T2-T7"; with times; none = every day
  std::optional<schedules::LocalDateTime> start;
  std::string rrule;  // with start; "" = once
  std::optional<schedules::LocalDate> valid_from;
  std::optional<schedules::LocalDate> valid_until;
  schedules::SlotLevel level = schedules::SlotLevel::normal;
};

struct SlotNotice {
  std::int64_t slot_id = 0;
  schedules::SlotWarning warning;
  std::optional<schedules::LocalDateTime> first_airing;
};

struct AddedSlots {
  std::string programme_name;
  std::vector<store::StoredSlot> slots;
  std::vector<SlotNotice> notices;                              // per slot
  std::vector<schedules::ProgrammeWarning> programme_warnings;  // on the first day it airs
};

// Every slot is checked (schedules::accept_slot) before any is written; then all are
// written in one transaction. Throws no_such_programme, ScheduleError.
AddedSlots add_slots(Station& station, const SlotRequest& request);

// Changing a slot: it is replaced by what `request` asks for, checked as add_slots checks,
// in one transaction — the new slots are written and the old one removed, or nothing
// changes. What the old slot aired stays in the log as it aired. Throws no_such_slot, and
// as add_slots.
AddedSlots replace_slot(Station& station, std::int64_t id, const SlotRequest& request);

// What add_slots would write, checked the same way, writing nothing: the console shows it
// (each slot's first airing and warnings, the programme's warnings and its longest airing
// against the session cap) before the operator saves. Throws as add_slots.
struct SlotCheck {
  std::string programme_name;
  std::vector<schedules::Slot> slots;                           // as they would be written (id 0)
  std::vector<schedules::SlotAcceptance> acceptances;           // per slot
  std::vector<schedules::ProgrammeWarning> programme_warnings;  // on the first day it airs
  std::int64_t programme_longest_ms = 0;
  int max_session_minutes = 0;  // loaxa.toml's cap
};
SlotCheck check_slots(Station& station, const SlotRequest& request);

struct SlotView {
  store::StoredSlot stored;
  std::string programme_name;  // "?" if the programme is gone
};
std::vector<SlotView> list_slots(Station& station);
// Throws no_such_slot.
SlotView find_slot(Station& station, std::int64_t id);
SlotView set_slot_enabled(Station& station, std::int64_t id, bool enabled);
SlotView remove_slot(Station& station, std::int64_t id);
// The slot does not air on these local dates.
SlotView except_slot(Station& station, std::int64_t id, const std::vector<schedules::LocalDate>& dates);

std::vector<store::StoredHoliday> list_holidays(Station& station);
// Throws empty_holiday_name, ScheduleError{bad_range} when it ends before it starts.
store::StoredHoliday add_holiday(Station& station, const schedules::Holiday& holiday);
// Throws no_such_holiday.
void remove_holiday(Station& station, std::int64_t id);

}  // namespace loaxa::station
