#include "station/catalogue.hpp"

#include "common/dates.hpp"
#include "library/removal.hpp"
#include "schedules/error.hpp"
#include "station/error.hpp"
#include "store/transaction.hpp"

namespace loaxa::station {

using Kind = StationError::Kind;

namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// The date as stored: the edit's when it changes it, else the segment's.
std::optional<std::string> edited_date(const std::optional<std::optional<std::chrono::year_month_day>>& change,
                                       const std::optional<std::string>& stored) {
  if (!change) return stored;
  if (!*change) return std::nullopt;
  return iso_date(**change);
}

}  // namespace

std::vector<store::Category> list_categories(Station& station) {
  return store::CategoryStore(station.db()).list();
}

store::Category add_category(Station& station, const std::string& code_text, const std::string& name) {
  const auto code = store::normalize_category_code(code_text);
  if (!code) throw StationError(Kind::bad_category_code, 0, code_text);
  if (name.find_first_not_of(" \t") == std::string::npos) throw StationError(Kind::empty_category_name, 0, *code);
  store::WriteTransaction transaction(station.db());
  if (!store::CategoryStore(station.db()).add({*code, name})) throw StationError(Kind::category_exists, 0, *code);
  transaction.commit();
  return {*code, name};
}

std::vector<store::Segment> list_segments(Station& station, const std::optional<std::string>& category_text) {
  std::optional<std::string> category;
  if (category_text) {
    category = store::normalize_category_code(*category_text);
    if (!category || !store::CategoryStore(station.db()).find(*category)) {
      throw StationError(Kind::unknown_category, 0, *category_text);
    }
  }
  return store::SegmentStore(station.db()).list(category);
}

store::Segment find_segment(Station& station, std::int64_t id) {
  auto segment = store::SegmentStore(station.db()).find(id);
  if (!segment) throw StationError(Kind::no_such_segment, id);
  return *segment;
}

library::ImportResult import_segment(Station& station, const library::ImportRequest& request) {
  library::Importer importer(station.home(), station.db(), station.config(), station.clock());
  return importer.import(request);
}

Approval approve_segment(Station& station, std::int64_t id) {
  store::WriteTransaction transaction(station.db());
  store::SegmentStore segments(station.db());
  const auto before = find_segment(station, id);
  segments.approve(id, iso_utc(station.clock().now()));
  auto after = find_segment(station, id);
  transaction.commit();
  return {std::move(after), before.approved};
}

store::Segment edit_segment(Station& station, std::int64_t id, const SegmentEdit& edit) {
  std::optional<std::string> category;
  if (edit.category) {
    category = store::normalize_category_code(*edit.category);
    if (!category || !store::CategoryStore(station.db()).find(*category)) {
      throw StationError(Kind::unknown_category, 0, *edit.category);
    }
  }
  std::optional<std::string> title;
  if (edit.title) {
    title = trimmed(*edit.title);
    if (title->empty()) throw StationError(Kind::empty_segment_title, id);
  }

  store::WriteTransaction transaction(station.db());
  const auto before = find_segment(station, id);
  store::SegmentDetails details{title.value_or(before.title), category.value_or(before.category),
                                edited_date(edit.valid_from, before.valid_from),
                                edited_date(edit.valid_until, before.valid_until)};
  // ISO dates order as text.
  if (details.valid_from && details.valid_until && *details.valid_until < *details.valid_from) {
    throw schedules::ScheduleError(schedules::ScheduleError::Kind::bad_range,
                                   *details.valid_from + ".." + *details.valid_until, "until is before from");
  }
  store::SegmentStore(station.db()).update_details(id, details);
  auto after = find_segment(station, id);
  transaction.commit();
  return after;
}

store::Segment remove_segment(Station& station, std::int64_t id) {
  auto removal = library::remove_segment(station.home(), station.db(), id);
  switch (removal.status) {
    case library::Removal::Status::removed:
      break;
    case library::Removal::Status::not_found:
      throw StationError(Kind::no_such_segment, id);
    case library::Removal::Status::in_use:
      throw StationError(Kind::segment_in_use, id, removal.segment ? removal.segment->title : std::string());
  }
  return *removal.segment;
}

library::VerifyReport verify_library(Station& station, bool repair) {
  return library::verify_library(station.home(), station.db(), repair);
}

}  // namespace loaxa::station
