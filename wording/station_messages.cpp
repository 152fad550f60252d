#include "wording/station_messages.hpp"

#include "common/i18n.hpp"
#include "wording/mandate_text.hpp"

#include <fmt/format.h>

namespace loaxa::wording {
namespace {

// Why station::check_user_name refused a name (its detail).
std::string user_name_fault(const std::string& why) {
  if (why == "empty") return tr("it is empty.");
  if (why == "too_long") return tr("it is longer than 64 bytes.");
  if (why == "not_utf8") return tr("it is not UTF-8 text.");
  if (why == "control") return tr("it contains a control character.");
  if (why == "space") return tr("it contains a space or an invisible character.");
  if (why == "slash") return tr("it contains '/'.");
  return why;
}

// The name as typed, its control characters (C0, DEL, C1) as \xNN / \uNNNN: an escape
// sequence in a refused name must not reach the terminal.
std::string shown_name(const std::string& name) {
  std::string shown;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto byte = static_cast<unsigned char>(name[i]);
    const auto next = i + 1 < name.size() ? static_cast<unsigned char>(name[i + 1]) : 0;
    if (byte < 0x20 || byte == 0x7F) {
      shown += fmt::format("\\x{:02X}", byte);
    } else if (byte == 0xC2 && next >= 0x80 && next <= 0x9F) {
      shown += fmt::format("\\u{:04X}", next);
      ++i;
    } else {
      shown.push_back(name[i]);
    }
  }
  return shown;
}

}  // namespace

std::string describe(const station::StationError& e) {
  using K = station::StationError::Kind;
  switch (e.kind) {
    case K::no_such_segment:
      return trf("There is no segment with ID {}. See: loaxa segment list", e.id);
    case K::segment_in_use:
      return trf("Segment {} \"{}\" is used by a programme; remove it from the programme first.", e.id, e.name);
    case K::unknown_category:
      return trf("Unknown category '{}'. See: loaxa category list", e.name);
    case K::category_exists:
      return trf("Category {} already exists. See: loaxa category list", e.name);
    case K::bad_category_code:
      return trf("'{}' is not a category code: use 1 to 16 letters A-Z or digits, starting with a letter (e.g. ANTT).",
                 e.name);
    case K::empty_category_name:
      return tr("The category name must not be empty.");
    case K::no_such_programme:
      return trf("There is no programme \"{}\". See: loaxa programme list", e.name);
    case K::programme_exists:
      return trf("A programme named \"{}\" already exists. See: loaxa programme list", e.name);
    case K::programme_in_use:
      return trf("Programme \"{}\" is used by a slot; remove the slot first (loaxa slot list).", e.name);
    case K::empty_programme_name:
      return tr("The programme name must not be empty.");
    case K::item_unknown_segment:
      return trf("Item {} ({}): there is no segment {}. See: loaxa segment list", e.id + 1, e.name, e.detail);
    case K::item_unknown_category:
      return trf("Item {} ({}): unknown category '{}'. See: loaxa category list", e.id + 1, e.name, e.detail);
    case K::no_such_slot:
      return trf("There is no slot with ID {}. See: loaxa slot list", e.id);
    case K::no_such_holiday:
      return trf("There is no holiday with ID {}. See: loaxa holiday list", e.id);
    case K::empty_holiday_name:
      return tr("The holiday name must not be empty.");
    case K::segment_not_airable:
      if (e.detail == "not_approved")
        return trf("Segment {} \"{}\" is not approved yet: loaxa segment approve {}", e.id, e.name, e.id);
      if (e.detail == "not_yet_valid") return trf("Segment {} \"{}\" is not valid yet today.", e.id, e.name);
      return trf("Segment {} \"{}\" is out of date.", e.id, e.name);
    case K::user_exists:
      return trf("User '{}' already exists. See: loaxa user list", e.name);
    case K::bad_user_name:
      return trf("'{}' is not a user name: {}", shown_name(e.name), user_name_fault(e.detail));
    case K::password_too_short:
      return trf("The password of '{}' is too short: it needs at least {} characters. Nothing was changed.", e.name,
                 e.id);
    case K::password_too_long:
      return trf("The password of '{}' is too long: it may have at most {} characters. Nothing was changed.", e.name,
                 e.id);
    case K::no_such_user:
      return trf("There is no user '{}'. See: loaxa user list", e.name);
    case K::empty_segment_title:
      return trf("The title of segment {} must not be empty.", e.id);
    case K::no_such_mandate:
    case K::mandate_reason_empty:
    case K::mandate_not_open:
    case K::not_a_mandate_slot:
    case K::mandate_airing_past:
    case K::mandate_move_past:
    case K::mandate_move_window:
    case K::mandate_move_period:
    case K::mandate_move_holiday:
      return describe_mandate_refusal(e);
  }
  return e.what();
}

}  // namespace loaxa::wording
