#include "wording/mandate_text.hpp"

#include "common/i18n.hpp"
#include "schedules/civil_time.hpp"
#include "wording/display_text.hpp"
#include "wording/schedule_text.hpp"

#include <exception>

namespace loaxa::wording {
namespace {

// A stored "2027-01-05T05:00:00" as the operator reads it ("T3 05/01/2027 05:00"); the text
// itself if it is not one.
std::string time_text(const std::string& iso) {
  try {
    return local_text(schedules::parse_date_time(iso));
  } catch (const std::exception&) {
    return iso;
  }
}

}  // namespace

std::string mandate_state_text(store::MandateState state) {
  switch (state) {
    case store::MandateState::downloading:
      return tr("downloading the audio");
    case store::MandateState::received:
      return tr("received (scheduled)");
    case store::MandateState::declined:
      return tr("declined by the commune");
    case store::MandateState::refused:
      return tr("could not be imported");
    case store::MandateState::cancelled:
      return tr("cancelled by the district");
  }
  return store::to_string(state);
}

std::string mandate_mark(std::int64_t mandate_id) {
  return trf("[district #{}]", mandate_id);
}

std::string describe_mandate_refusal(const station::StationError& e) {
  using K = station::StationError::Kind;
  switch (e.kind) {
    case K::no_such_mandate:
      return trf("There is no district mandate {}. See: loaxa mandate list", e.id);
    case K::mandate_reason_empty:
      return trf("Declining district mandate {} needs a reason the district can read: give --reason \"...\".", e.id);
    case K::mandate_not_open:
      return trf("District mandate {} cannot be changed: it is {}.", e.id,
                 mandate_state_text(store::parse_mandate_state(e.name)));
    case K::not_a_mandate_slot:
      return trf("Slot {} does not air a district mandate: change it with loaxa slot.", e.id);
    case K::mandate_airing_past:
      return trf("The airing of slot {} ({}) has already begun: only an airing still to come can be moved.", e.id,
                 time_text(e.name));
    case K::mandate_move_past:
      return trf("{} is already past: give a time still to come.", time_text(e.name));
    case K::mandate_move_window:
      return trf(
          "{} is outside the hours of district mandate {} ({}): an airing must start and end inside one of them.",
          time_text(e.name), e.id, e.detail);
    case K::mandate_move_period: {
      const auto dots = e.detail.find("..");
      if (dots == std::string::npos) {
        return trf("{} is outside the dates of district mandate {}.", time_text(e.name), e.id);
      }
      return trf(
          "{} is not in the same week of district mandate {} as the airing ({} to {}): an airing moves within "
          "its week.",
          time_text(e.name), e.id, display_iso_date(e.detail.substr(0, dots)),
          display_iso_date(e.detail.substr(dots + 2)));
    }
    case K::mandate_move_holiday:
      return trf("{} is a holiday: district mandate {} does not air on holidays.", display_iso_date(e.name), e.id);
    default:
      return e.what();
  }
}

}  // namespace loaxa::wording
