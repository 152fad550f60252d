#pragma once
// Why a station use case refused: a stable kind plus the figures and names involved, so each
// front end words it for its reader (the CLI in Vietnamese, the console, the hub's API)
// without parsing an English what().
//
// The schedules library's ScheduleError and IcsError, library::ImportError and
// store::BusyError pass through the use cases unchanged; they are typed the same way.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace loaxa::station {

class StationError : public std::runtime_error {
 public:
  enum class Kind {
    no_such_segment,        // id
    segment_in_use,         // id, name = title
    unknown_category,       // name = the text given
    category_exists,        // name = code
    bad_category_code,      // name = the text given
    empty_category_name,    // name = code
    no_such_programme,      // name = the name or ID given
    programme_exists,       // name
    programme_in_use,       // id, name
    empty_programme_name,   //
    item_unknown_segment,   // index (0-based), name = item text, detail = segment id
    item_unknown_category,  // index (0-based), name = item text, detail = category
    no_such_slot,           // id
    no_such_holiday,        // id
    empty_holiday_name,     //
    segment_not_airable,    // id, name = title, detail = why (not_approved, not_yet_valid, expired)
    user_exists,            // name
    bad_user_name,          // name = the text given
    password_too_short,     // id = the least length (characters), name = the user
    password_too_long,      // id = the most length (characters), name = the user
    no_such_user,           // name
    empty_segment_title,    // id
    // District bulletins (station/mandates.hpp):
    no_such_mandate,       // id
    mandate_reason_empty,  // id (declining needs a reason)
    mandate_not_open,      // id, name = its state ("declined", "cancelled", …)
    not_a_mandate_slot,    // id = the slot
    mandate_airing_past,   // id = the slot, name = its start ("2027-01-05T05:00:00")
    mandate_move_past,     // id = the slot, name = the time asked for
    mandate_move_window,   // id = the mandate, name = the time asked for, detail = its windows
    mandate_move_period,   // id = the mandate, name = the time asked for, detail = "FIRST..LAST" (ISO)
    mandate_move_holiday,  // id = the mandate, name = the date asked for (ISO)
  };

  StationError(Kind kind, std::int64_t id = 0, std::string name = {}, std::string detail = {});

  Kind kind;
  std::int64_t id;     // a segment, programme, slot or holiday ID, an item index, or a length
  std::string name;    // a title, name or the operator's text, verbatim
  std::string detail;  // a second name where the kind says so
};

const char* to_string(StationError::Kind kind) noexcept;

}  // namespace loaxa::station
