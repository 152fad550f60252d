#include "cli/station_messages.hpp"

#include "common/i18n.hpp"

namespace loaxa::cli {

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
  }
  return e.what();
}

}  // namespace loaxa::cli
