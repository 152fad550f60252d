#pragma once
// District bulletins (mandates) at the station (docs/MANDATES.md, "Station"): what the station
// does with the hub's orders — records them, imports the audio and plans the airings, airs an
// emergency one at once (through the daemon), declines, cancels, moves an airing — and what the
// operator sees of them. Every front end (the sync, the daemon, the CLI, the console) calls
// these; the rules are here once.
//
// Thread safety: as Station. Throws StationError (kinds named below), store::BusyError.

#include "schedules/mandate_plan.hpp"
#include "schedules/timeline.hpp"
#include "station/slots.hpp"
#include "station/station.hpp"
#include "store/mandate_order.hpp"
#include "store/mandate_store.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::station {

// The programme a mandate airs in: "Huyện: TITLE".
std::string mandate_programme_name(const std::string& title);

struct RecordedOrder {
  store::StoredMandate mandate;  // as it now is
  bool is_new = false;
  // The station still needs the audio: fetch it, then accept_mandate.
  bool audio_needed = false;
};
// The hub's order as the poll brought it: a new one is kept as 'downloading'; a known one has
// its title, terms and audio refreshed (the state stays; an accepted mandate's airings change
// only through catch_up_mandates, which plans by the terms as they now are), except that a
// refused one whose audio the hub replaced (another sha256) is downloading again;
// a cancelled one is cancelled (cancel_mandate), a new cancelled one recorded as cancelled.
// Throws ScheduleError (schedules::check_terms) for terms that are not valid, storing nothing.
RecordedOrder record_order(Station& station, const store::MandateOrder& order, schedules::UtcTime now);

struct AcceptedMandate {
  store::StoredMandate mandate;     // received, or refused with the reason
  schedules::MandatePlan plan;      // empty for an emergency or a refusal
  std::vector<std::int64_t> slots;  // the one-off slots written
};
// Imports the audio (approved; the order's title, category and validity; origin 'hub'; a
// category the station lacks is created with its code as name), gives it its own programme
// (mandate_programme_name, the ID added when that name is taken), plans the airings with
// schedules::plan_mandate around what the station airs already and writes them as one-off slots
// (normal, or priority for a priority mandate) tied to the mandate — in one transaction — then
// state 'received' with the planned count. An emergency mandate is imported and received with
// no slots (planned 1, or 0 when its `until` is past): the daemon airs it at once.
// An import refusal is not thrown: the state becomes 'refused' with the refusal in English
// (library::english_text) as reason — except a busy library or database (ImportError of kind
// busy), which is thrown, nothing recorded, for the caller to try again. A refused mandate may
// be accepted again (a new download). The order is recorded first if it is not yet. A mandate
// already received is returned as it is; a declined or cancelled one throws mandate_not_open.
AcceptedMandate accept_mandate(Station& station, const store::MandateOrder& order,
                               const std::filesystem::path& audio_file, schedules::UtcTime now);

// Emergency mandates received and not yet put on air whose `until` is not past (the station's
// zone): the daemon airs each at once (segment_id) and then calls mark_aired_at_once.
std::vector<store::StoredMandate> mandates_to_air_at_once(Station& station, schedules::UtcTime now);
void mark_aired_at_once(Station& station, std::int64_t id, schedules::UtcTime at);

// The hub cancelled it: its future slots are removed (what aired stays, and so do the slots of
// airings past), state 'cancelled'. Throws no_such_mandate.
store::StoredMandate cancel_mandate(Station& station, std::int64_t id, schedules::UtcTime now);

// The commune declines it, with a reason (not blank): its future slots are removed, state
// 'declined', to be reported to the hub. Throws no_such_mandate, mandate_reason_empty,
// mandate_not_open (cancelled or declined already).
store::StoredMandate decline_mandate(Station& station, std::int64_t id, const std::string& reason,
                                     schedules::UtcTime now);

// Moves one future airing of a received mandate to the local time `to`: inside one of its
// windows (start and end), in the same period, not on a holiday, in the future. Done through
// replace_slot, so the slot is checked as every slot is; the new slot keeps the mandate.
// Throws no_such_slot, not_a_mandate_slot, mandate_airing_past, mandate_not_open,
// mandate_move_past, mandate_move_window, mandate_move_period, mandate_move_holiday,
// ScheduleError (as replace_slot).
SlotView move_mandate_airing(Station& station, std::int64_t slot_id, schedules::LocalDateTime to,
                             schedules::UtcTime now);

struct MandateView {
  store::StoredMandate mandate;
  int required = 0;                         // schedules::required_airings
  int planned = 0;                          // what the station could plan (0 until received)
  int aired = 0;                            // completed plays carrying its id that started in its span
  std::vector<schedules::Occurrence> next;  // its airings from now on, as the timeline plans them
};
// Every mandate the station has, by id.
std::vector<MandateView> list_mandates(Station& station, schedules::UtcTime now);
// Throws no_such_mandate.
MandateView find_mandate(Station& station, std::int64_t id, schedules::UtcTime now);

// Which mandate each slot airs (slot id → mandate id), for `schedule upcoming`.
std::vector<std::pair<std::int64_t, std::int64_t>> mandate_slots(Station& station);

}  // namespace loaxa::station
