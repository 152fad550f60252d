#include "hub/report.hpp"

#include "hub/report_period.hpp"
#include "store/utc_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace loaxa::hub {
namespace {

using nlohmann::json;

double one_decimal(double value) {
  return std::round(value * 10.0) / 10.0;
}

template <typename T>
json or_null(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json percent_or_null(const std::optional<double>& value) {
  return value ? json(one_decimal(*value)) : json(nullptr);
}

json time_or_null(const std::optional<Instant>& at) {
  return at ? json(store::utc_text(*at)) : json(nullptr);
}

json total_json(const FrequencyTotal& total) {
  json out = {{"category", total.category},
              {"stations", total.stations},
              {"plays_completed", total.plays_completed},
              {"minutes_aired", one_decimal(total.minutes_aired())},
              {"plays_scheduled", or_null(total.plays_scheduled)},
              {"missed", total.missed},
              {"interrupted", total.interrupted},
              {"aired_pct", percent_or_null(total.aired_pct)},
              {"stations_with_target", total.with_target},
              {"stations_meeting_target", total.meeting},
              {"stations_silent", total.silent}};
  if (!total.all_groups) out["group"] = total.group.empty() ? json(nullptr) : json(total.group);
  return out;
}

}  // namespace

std::string display_time(Instant at, const schedules::TimeZone& zone) {
  const auto local = zone.to_local(at);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{local - day};
  return fmt::format("{:02}/{:02}/{:04} {:02}:{:02}", static_cast<unsigned>(date.day()),
                     static_cast<unsigned>(date.month()), static_cast<int>(date.year()), time.hours().count(),
                     time.minutes().count());
}

std::optional<Month> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    if (i == 4) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    if (i < 4) {
      year = year * 10 + (text[i] - '0');
    } else {
      month = month * 10 + static_cast<unsigned>(text[i] - '0');
    }
  }
  if (year < 2000 || month < 1 || month > 12) return std::nullopt;
  return Month{year, month};
}

std::pair<Instant, Instant> month_window(Month month, const schedules::TimeZone& zone) {
  return period_window(month_period(month.year, month.month), zone);
}

double minutes_aired(std::int64_t frames) noexcept {
  return static_cast<double>(frames) / static_cast<double>(kFramesPerSecond) / 60.0;
}

std::string report_json(const FrequencyReport& report) {
  const auto& request = report.request;
  json rows = json::array();
  for (const auto& row : report.rows) {
    json target = nullptr;
    if (row.target_rule) {
      target = {
          {"per", to_string(row.target_rule->per)},
          {"min_plays", row.target_rule->min_plays},
          {"min_minutes", or_null(row.target_rule->min_minutes)},
          {"scope", to_string(row.target_rule->scope)},
          {"scope_name", row.target_rule->scope_name.empty() ? json(nullptr) : json(row.target_rule->scope_name)}};
    }
    rows.push_back({{"station_id", row.station_id},
                    {"name", row.station_name},
                    {"group", row.group.empty() ? json(nullptr) : json(row.group)},
                    {"category", row.category.empty() ? json(nullptr) : json(row.category)},
                    {"plays_completed", row.plays_completed},
                    {"minutes_aired", one_decimal(row.minutes_aired())},
                    {"plays_scheduled", or_null(row.plays_scheduled)},
                    {"missed", row.missed},
                    {"interrupted", row.interrupted},
                    {"aired_pct", percent_or_null(row.aired_pct)},
                    {"heard_pct", percent_or_null(row.heard_pct)},
                    {"target", row.target ? json(row.target->plays) : json(nullptr)},
                    {"target_minutes", row.target && row.target->minutes ? json(*row.target->minutes) : json(nullptr)},
                    {"target_rule", target},
                    {"meets_target", or_null(row.meets_target)},
                    {"last_contact", time_or_null(row.last_contact)},
                    {"silent", row.silent}});
  }
  json categories = json::array();
  for (const auto& total : report.category_totals) categories.push_back(total_json(total));
  json groups = json::array();
  for (const auto& total : report.group_totals) groups.push_back(total_json(total));
  const char* kind = request.period.kind == Period::Kind::month     ? "month"
                     : request.period.kind == Period::Kind::quarter ? "quarter"
                                                                    : "year";
  json out = {{"period", request.period.text()},
              {"period_kind", kind},
              {"from", store::utc_text(request.from)},
              {"to", store::utc_text(request.to)},
              {"time_zone", request.time_zone},
              {"group", or_null(request.group)},
              {"category", or_null(request.category)},
              {"silent_after_hours", one_decimal(static_cast<double>(request.silent_after.count()) / 60.0)},
              {"rows", rows},
              {"totals", {{"categories", categories}, {"groups", groups}}}};
  if (request.period.kind == Period::Kind::month) out["month"] = request.period.text();
  return out.dump(2);
}

std::string plays_json(const std::string& station_id, const std::vector<store::Play>& plays, Instant from, Instant to,
                       const schedules::TimeZone& zone) {
  json list = json::array();
  for (const auto& play : plays) {
    list.push_back({{"seq", or_null(play.seq)},
                    {"occurrence", play.item.occurrence.text()},
                    {"category", play.item.category},
                    {"programme_name", play.item.programme_name},
                    {"title", play.item.title},
                    {"level", store::to_string(play.item.level)},
                    {"status", store::to_string(play.status)},
                    {"reason", play.reason.empty() ? json(nullptr) : json(play.reason)},
                    {"scheduled_start", time_or_null(play.item.scheduled_start)},
                    {"started_at", time_or_null(play.started_at)},
                    {"ended_at", time_or_null(play.ended_at)},
                    {"minutes_aired", one_decimal(minutes_aired(play.frames))}});
  }
  return json{{"station_id", station_id},
              {"from", store::utc_text(from)},
              {"to", store::utc_text(to)},
              {"time_zone", zone.name()},
              {"plays", list}}
      .dump(2);
}

}  // namespace loaxa::hub
