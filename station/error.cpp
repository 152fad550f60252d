#include "station/error.hpp"

#include <fmt/format.h>

namespace loaxa::station {

StationError::StationError(Kind kind_, std::int64_t id_, std::string name_, std::string detail_)
    : std::runtime_error(fmt::format("{} (id {}, '{}' {})", to_string(kind_), id_, name_, detail_)),
      kind(kind_),
      id(id_),
      name(std::move(name_)),
      detail(std::move(detail_)) {}

const char* to_string(StationError::Kind kind) noexcept {
  using K = StationError::Kind;
  switch (kind) {
    case K::no_such_segment:
      return "no_such_segment";
    case K::segment_in_use:
      return "segment_in_use";
    case K::unknown_category:
      return "unknown_category";
    case K::category_exists:
      return "category_exists";
    case K::bad_category_code:
      return "bad_category_code";
    case K::empty_category_name:
      return "empty_category_name";
    case K::no_such_programme:
      return "no_such_programme";
    case K::programme_exists:
      return "programme_exists";
    case K::programme_in_use:
      return "programme_in_use";
    case K::empty_programme_name:
      return "empty_programme_name";
    case K::item_unknown_segment:
      return "item_unknown_segment";
    case K::item_unknown_category:
      return "item_unknown_category";
    case K::no_such_slot:
      return "no_such_slot";
    case K::no_such_holiday:
      return "no_such_holiday";
    case K::empty_holiday_name:
      return "empty_holiday_name";
    case K::segment_not_airable:
      return "segment_not_airable";
    case K::user_exists:
      return "user_exists";
    case K::bad_user_name:
      return "bad_user_name";
    case K::password_too_short:
      return "password_too_short";
    case K::password_too_long:
      return "password_too_long";
    case K::no_such_user:
      return "no_such_user";
    case K::empty_segment_title:
      return "empty_segment_title";
    case K::no_such_mandate:
      return "no_such_mandate";
    case K::mandate_reason_empty:
      return "mandate_reason_empty";
    case K::mandate_not_open:
      return "mandate_not_open";
    case K::not_a_mandate_slot:
      return "not_a_mandate_slot";
    case K::mandate_airing_past:
      return "mandate_airing_past";
    case K::mandate_move_past:
      return "mandate_move_past";
    case K::mandate_move_window:
      return "mandate_move_window";
    case K::mandate_move_period:
      return "mandate_move_period";
    case K::mandate_move_holiday:
      return "mandate_move_holiday";
  }
  return "unknown";
}

}  // namespace loaxa::station
