#include "station/programmes.hpp"

#include "station/error.hpp"
#include "store/category_store.hpp"
#include "store/programme_store.hpp"
#include "store/schedule_snapshot.hpp"
#include "store/segment_store.hpp"
#include "store/transaction.hpp"

#include <charconv>

namespace loaxa::station {
namespace {

using Kind = StationError::Kind;

std::optional<std::int64_t> decimal_id(const std::string& text) {
  std::int64_t id = 0;
  const auto end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, id);
  if (ec != std::errc() || ptr != end || id <= 0) return std::nullopt;
  return id;
}

std::vector<schedules::ProgrammeItem> parse_items(const std::vector<std::string>& texts) {
  std::vector<schedules::ProgrammeItem> items;
  for (const auto& text : texts) {
    auto item = schedules::parse_programme_item(text);
    if (item.kind == schedules::ItemKind::rotate) {
      if (auto code = store::normalize_category_code(item.category)) item.category = *code;
    }
    items.push_back(std::move(item));
  }
  return items;
}

void check_references(Station& station, const std::vector<schedules::ProgrammeItem>& items) {
  store::SegmentStore segments(station.db());
  store::CategoryStore categories(station.db());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    const auto index = static_cast<std::int64_t>(i);
    if (item.kind == schedules::ItemKind::segment || item.kind == schedules::ItemKind::jingle) {
      const auto id = decimal_id(item.segment_id);
      if (!id || std::to_string(*id) != item.segment_id || !segments.find(*id)) {
        throw StationError(Kind::item_unknown_segment, index, schedules::format_programme_item(item), item.segment_id);
      }
    } else if (item.kind == schedules::ItemKind::rotate && !categories.find(item.category)) {
      throw StationError(Kind::item_unknown_category, index, schedules::format_programme_item(item), item.category);
    }
  }
}

// The catalogue as the scheduler sees it now.
schedules::Catalogue catalogue_now(Station& station) {
  return store::load_snapshot(station.db(), station.now().utc).catalogue;
}

// Everything add_programme checks before it writes, inside the caller's transaction: the
// references, then the longest airing against the session cap.
AddedProgramme checked(Station& station, schedules::Programme programme, const schedules::Catalogue& catalogue) {
  check_references(station, programme.items);
  AddedProgramme out;
  out.longest_ms = schedules::longest_length_ms(programme, catalogue);
  schedules::check_programme_length(programme.name, out.longest_ms, station.config().max_session_minutes);
  out.programme = std::move(programme);
  return out;
}

void require_name(const std::string& name) {
  if (name.find_first_not_of(" \t") == std::string::npos) throw StationError(Kind::empty_programme_name);
}

}  // namespace

schedules::Programme find_programme(Station& station, const std::string& key) {
  store::ProgrammeStore programmes(station.db());
  if (auto found = programmes.find_by_name(key)) return *found;
  if (const auto id = decimal_id(key)) {
    if (auto found = programmes.find(*id)) return *found;
  }
  throw StationError(Kind::no_such_programme, 0, key);
}

std::vector<ProgrammeLength> list_programmes(Station& station) {
  const auto now = station.now();
  store::ReadTransaction snapshot(station.db());
  const auto catalogue = catalogue_now(station);
  std::vector<ProgrammeLength> out;
  for (auto& programme : store::ProgrammeStore(station.db()).list()) {
    const auto today_ms = schedules::planned_length_ms(programme, catalogue, now.today, now.utc);
    out.push_back({std::move(programme), today_ms});
  }
  return out;
}

AddedProgramme add_programme(Station& station, const std::string& name, const std::vector<std::string>& item_texts) {
  require_name(name);
  auto items = parse_items(item_texts);
  const auto now = station.now();

  store::WriteTransaction transaction(station.db());
  const auto catalogue = catalogue_now(station);
  auto added = checked(station, {0, name, std::move(items)}, catalogue);
  const auto id = store::ProgrammeStore(station.db()).add(name, added.programme.items, iso_utc(now.utc));
  if (!id) throw StationError(Kind::programme_exists, 0, name);
  transaction.commit();

  added.programme.id = *id;
  added.warnings = schedules::validate_programme(added.programme, catalogue, now.today);
  return added;
}

AddedProgramme check_programme(Station& station, const std::string& name, const std::vector<std::string>& item_texts) {
  require_name(name);
  auto items = parse_items(item_texts);
  const auto now = station.now();
  store::ReadTransaction snapshot(station.db());
  if (store::ProgrammeStore(station.db()).find_by_name(name)) throw StationError(Kind::programme_exists, 0, name);
  const auto catalogue = catalogue_now(station);
  auto out = checked(station, {0, name, std::move(items)}, catalogue);
  out.warnings = schedules::validate_programme(out.programme, catalogue, now.today);
  return out;
}

AddedProgramme set_programme_items(Station& station, const std::string& key,
                                   const std::vector<std::string>& item_texts) {
  auto items = parse_items(item_texts);
  const auto now = station.now();
  store::WriteTransaction transaction(station.db());
  auto programme = find_programme(station, key);
  programme.items = std::move(items);
  const auto catalogue = catalogue_now(station);
  auto out = checked(station, std::move(programme), catalogue);
  if (!store::ProgrammeStore(station.db()).set_items(out.programme.id, out.programme.items)) {
    throw StationError(Kind::no_such_programme, 0, key);
  }
  transaction.commit();
  out.warnings = schedules::validate_programme(out.programme, catalogue, now.today);
  return out;
}

AddedProgramme check_programme_items(Station& station, const std::string& key,
                                     const std::vector<std::string>& item_texts) {
  auto items = parse_items(item_texts);
  const auto now = station.now();
  store::ReadTransaction snapshot(station.db());
  auto programme = find_programme(station, key);
  programme.items = std::move(items);
  const auto catalogue = catalogue_now(station);
  auto out = checked(station, std::move(programme), catalogue);
  out.warnings = schedules::validate_programme(out.programme, catalogue, now.today);
  return out;
}

ProgrammeToday programme_today(Station& station, const std::string& key) {
  const auto now = station.now();
  store::ReadTransaction snapshot(station.db());
  ProgrammeToday out{find_programme(station, key), now.today, {}};
  const auto catalogue = catalogue_now(station);
  schedules::RotationState rotation;
  out.items = schedules::plan_programme(out.programme, catalogue, now.today, now.utc, rotation);
  return out;
}

schedules::Programme remove_programme(Station& station, const std::string& key) {
  store::WriteTransaction transaction(station.db());
  auto programme = find_programme(station, key);
  switch (store::ProgrammeStore(station.db()).remove(programme.id)) {
    case store::RemoveResult::removed:
      break;
    case store::RemoveResult::not_found:
      throw StationError(Kind::no_such_programme, 0, key);
    case store::RemoveResult::in_use:
      throw StationError(Kind::programme_in_use, programme.id, programme.name);
  }
  transaction.commit();
  return programme;
}

}  // namespace loaxa::station
