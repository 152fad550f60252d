#include "console/log_table.hpp"

#include "common/i18n.hpp"
#include "store/play_status_words.hpp"
#include "web/text.hpp"
#include "wording/display_text.hpp"
#include "wording/schedule_text.hpp"

#include <fmt/format.h>

#include <string_view>

namespace loaxa::console {
namespace {

// "30/11/2026 05:30"
std::string day_and_clock(schedules::UtcTime at, const schedules::TimeZone& zone) {
  const auto local = zone.to_local(at);
  return wording::display_iso_date(schedules::format_date(schedules::date_of(local))) + " " +
         wording::clock_text(local);
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void add_csv_line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
  out += "\r\n";
}

}  // namespace

std::vector<std::string> log_headings() {
  return {tr("No."),      tr("Start"), tr("End"),    tr("Programme"), tr("Title"),
          tr("Category"), tr("Level"), tr("Status"), tr("Reason"),    tr("Heard")};
}

std::vector<std::string> log_cells(const store::Play& p, const schedules::TimeZone& zone) {
  const auto when = p.started_at ? p.started_at : p.ended_at;
  return {p.seq ? std::to_string(*p.seq) : "",
          when ? day_and_clock(*when, zone) : "",
          p.started_at && p.ended_at ? wording::clock_text(zone.to_local(*p.ended_at)) : "",
          p.item.occurrence.is_manual() ? tr("(played by hand)") : p.item.programme_name,
          p.item.title,
          p.item.category,
          store::play_level_words(p.item.level),
          store::play_status_words(p.status),
          p.reason.empty() ? "" : store::play_reason_words(p.reason),
          p.heard ? fmt::format("{:.0f}%", p.heard->pct) : ""};
}

std::string play_day(const store::Play& play, const schedules::TimeZone& zone) {
  const auto when = play.started_at ? play.started_at : play.ended_at;
  return when ? schedules::format_date(schedules::date_of(zone.to_local(*when))) : "";
}

std::string log_row_html(const store::Play& play, const schedules::TimeZone& zone) {
  std::string out = fmt::format("<tr data-play-id=\"{}\" class=\"play-{}{}\">", play.id, store::to_string(play.status),
                                play.item.level == store::PlayLevel::emergency ? " level-emergency" : "");
  for (const auto& cell : log_cells(play, zone)) out += "<td>" + web::html_escape(cell) + "</td>";
  return out + "</tr>";
}

std::optional<double> heard_mean(const std::vector<store::Play>& plays) {
  double sum = 0;
  int measured = 0;
  for (const auto& p : plays) {
    if (!p.heard) continue;
    sum += p.heard->pct;
    ++measured;
  }
  if (measured == 0) return std::nullopt;
  return sum / measured;
}

std::string log_csv(const std::vector<store::Play>& plays, const schedules::TimeZone& zone) {
  std::string out = "\xEF\xBB\xBF";
  add_csv_line(out, log_headings());
  for (const auto& play : plays) add_csv_line(out, log_cells(play, zone));
  return out;
}

}  // namespace loaxa::console
