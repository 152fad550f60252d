#include "hub/month_snapshot.hpp"

#include "store/utc_text.hpp"

#include <nlohmann/json.hpp>

namespace loaxa::hub {
namespace {

using nlohmann::json;

template <typename T>
json or_null(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json time_or_null(const std::optional<Instant>& at) {
  return at ? json(store::utc_text(*at)) : json(nullptr);
}

template <typename T>
std::optional<T> optional_of(const json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<T>();
}

std::optional<Instant> optional_time(const json& value) {
  if (value.is_null()) return std::nullopt;
  return store::parse_utc_text(value.get<std::string>());
}

const char* kind_text(Period::Kind kind) {
  switch (kind) {
    case Period::Kind::quarter:
      return "quarter";
    case Period::Kind::year:
      return "year";
    case Period::Kind::month:
      break;
  }
  return "month";
}

Period::Kind kind_from(const std::string& text) {
  if (text == "month") return Period::Kind::month;
  if (text == "quarter") return Period::Kind::quarter;
  if (text == "year") return Period::Kind::year;
  throw std::invalid_argument("unknown period kind " + text);
}

json target_rule_json(const Target& target) {
  return {{"scope", to_string(target.scope)}, {"scope_name", target.scope_name},
          {"category", target.category},      {"per", to_string(target.per)},
          {"min_plays", target.min_plays},    {"min_minutes", or_null(target.min_minutes)}};
}

Target target_rule_from(const json& value) {
  Target target;
  const auto scope = target_scope_from(value.at("scope").get<std::string>());
  const auto per = target_per_from(value.at("per").get<std::string>());
  if (!scope || !per) throw std::invalid_argument("bad target rule");
  target.scope = *scope;
  target.per = *per;
  target.scope_name = value.at("scope_name").get<std::string>();
  target.category = value.at("category").get<std::string>();
  target.min_plays = value.at("min_plays").get<std::int64_t>();
  target.min_minutes = optional_of<double>(value.at("min_minutes"));
  return target;
}

json row_json(const FrequencyRow& row) {
  json target = nullptr;
  if (row.target) target = {{"plays", row.target->plays}, {"minutes", or_null(row.target->minutes)}};
  return {{"station_id", row.station_id},
          {"station_name", row.station_name},
          {"group", row.group},
          {"category", row.category},
          {"plays_completed", row.plays_completed},
          {"frames_aired", row.frames_aired},
          {"plays_scheduled", or_null(row.plays_scheduled)},
          {"missed", row.missed},
          {"interrupted", row.interrupted},
          {"aired_pct", or_null(row.aired_pct)},
          {"heard_pct", or_null(row.heard_pct)},
          {"target_rule", row.target_rule ? target_rule_json(*row.target_rule) : json(nullptr)},
          {"target", target},
          {"meets_target", or_null(row.meets_target)},
          {"last_contact", time_or_null(row.last_contact)},
          {"silent", row.silent}};
}

FrequencyRow row_from(const json& value) {
  FrequencyRow row;
  row.station_id = value.at("station_id").get<std::string>();
  row.station_name = value.at("station_name").get<std::string>();
  row.group = value.at("group").get<std::string>();
  row.category = value.at("category").get<std::string>();
  row.plays_completed = value.at("plays_completed").get<std::int64_t>();
  row.frames_aired = value.at("frames_aired").get<std::int64_t>();
  row.plays_scheduled = optional_of<std::int64_t>(value.at("plays_scheduled"));
  row.missed = value.at("missed").get<std::int64_t>();
  row.interrupted = value.at("interrupted").get<std::int64_t>();
  row.aired_pct = optional_of<double>(value.at("aired_pct"));
  row.heard_pct = optional_of<double>(value.at("heard_pct"));
  if (!value.at("target_rule").is_null()) row.target_rule = target_rule_from(value.at("target_rule"));
  if (const auto& target = value.at("target"); !target.is_null()) {
    row.target = ScaledTarget{target.at("plays").get<std::int64_t>(), optional_of<double>(target.at("minutes"))};
  }
  row.meets_target = optional_of<bool>(value.at("meets_target"));
  row.last_contact = optional_time(value.at("last_contact"));
  row.silent = value.at("silent").get<bool>();
  return row;
}

json total_json(const FrequencyTotal& total) {
  return {{"all_groups", total.all_groups},
          {"group", total.group},
          {"category", total.category},
          {"stations", total.stations},
          {"plays_completed", total.plays_completed},
          {"frames_aired", total.frames_aired},
          {"plays_scheduled", or_null(total.plays_scheduled)},
          {"missed", total.missed},
          {"interrupted", total.interrupted},
          {"aired_pct", or_null(total.aired_pct)},
          {"with_target", total.with_target},
          {"meeting", total.meeting},
          {"silent", total.silent}};
}

FrequencyTotal total_from(const json& value) {
  FrequencyTotal total;
  total.all_groups = value.at("all_groups").get<bool>();
  total.group = value.at("group").get<std::string>();
  total.category = value.at("category").get<std::string>();
  total.stations = value.at("stations").get<std::int64_t>();
  total.plays_completed = value.at("plays_completed").get<std::int64_t>();
  total.frames_aired = value.at("frames_aired").get<std::int64_t>();
  total.plays_scheduled = optional_of<std::int64_t>(value.at("plays_scheduled"));
  total.missed = value.at("missed").get<std::int64_t>();
  total.interrupted = value.at("interrupted").get<std::int64_t>();
  total.aired_pct = optional_of<double>(value.at("aired_pct"));
  total.with_target = value.at("with_target").get<std::int64_t>();
  total.meeting = value.at("meeting").get<std::int64_t>();
  total.silent = value.at("silent").get<std::int64_t>();
  return total;
}

json list_json(const auto& items, const auto& to_json) {
  json out = json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

}  // namespace

std::string snapshot_text(const FrequencyReport& report) {
  const auto& request = report.request;
  const json out = {{"version", kMonthSnapshotVersion},
                    {"request",
                     {{"period_kind", kind_text(request.period.kind)},
                      {"year", request.period.year},
                      {"index", request.period.index},
                      {"from", store::utc_text(request.from)},
                      {"to", store::utc_text(request.to)},
                      {"time_zone", request.time_zone},
                      {"group", or_null(request.group)},
                      {"category", or_null(request.category)},
                      {"now", store::utc_text(request.now)},
                      {"silent_after_minutes", request.silent_after.count()}}},
                    {"rows", list_json(report.rows, row_json)},
                    {"category_totals", list_json(report.category_totals, total_json)},
                    {"group_totals", list_json(report.group_totals, total_json)}};
  // nlohmann's objects keep their keys sorted, and dump() without an indent adds no space.
  return out.dump();
}

FrequencyReport report_from_snapshot(std::string_view text) {
  try {
    const auto value = json::parse(text);
    if (value.at("version").get<int>() != kMonthSnapshotVersion) {
      throw std::invalid_argument("snapshot version " + value.at("version").dump());
    }
    FrequencyReport report;
    const auto& request = value.at("request");
    report.request.period.kind = kind_from(request.at("period_kind").get<std::string>());
    report.request.period.year = request.at("year").get<int>();
    report.request.period.index = request.at("index").get<unsigned>();
    report.request.from = store::parse_utc_text(request.at("from").get<std::string>());
    report.request.to = store::parse_utc_text(request.at("to").get<std::string>());
    report.request.time_zone = request.at("time_zone").get<std::string>();
    report.request.group = optional_of<std::string>(request.at("group"));
    report.request.category = optional_of<std::string>(request.at("category"));
    report.request.now = store::parse_utc_text(request.at("now").get<std::string>());
    report.request.silent_after = std::chrono::minutes(request.at("silent_after_minutes").get<std::int64_t>());
    for (const auto& row : value.at("rows")) report.rows.push_back(row_from(row));
    for (const auto& total : value.at("category_totals")) report.category_totals.push_back(total_from(total));
    for (const auto& total : value.at("group_totals")) report.group_totals.push_back(total_from(total));
    return report;
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("not a month snapshot: ") + e.what());
  }
}

}  // namespace loaxa::hub
