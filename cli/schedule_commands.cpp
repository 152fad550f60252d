// loaxa schedule upcoming (and, from ics_commands.cpp, export/import)

#include "cli/commands.hpp"
#include "cli/ics_commands.hpp"
#include "cli/output.hpp"
#include "common/i18n.hpp"
#include "common/text_width.hpp"
#include "station/mandates.hpp"
#include "station/timeline.hpp"
#include "wording/mandate_text.hpp"
#include "wording/schedule_messages.hpp"
#include "wording/schedule_text.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <map>
#include <memory>

namespace loaxa::cli {

using wording::clock_text;
using wording::describe;
using wording::item_kind_text;
using wording::level_text;
using wording::local_text;
using wording::status_text;
namespace {

struct UpcomingOptions {
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<int> days;
};

// A local date-time, or a date meaning its midnight.
schedules::LocalDateTime parse_local(const std::string& text) {
  if (text.size() <= 10) return std::chrono::local_days{schedules::parse_date(text)};
  return schedules::parse_date_time(text);
}

// Slot id → the district mandate it airs.
using MandateSlots = std::map<std::int64_t, std::int64_t>;

std::optional<std::int64_t> mandate_of(const MandateSlots& mandates, std::int64_t slot_id) {
  const auto found = mandates.find(slot_id);
  if (found == mandates.end()) return std::nullopt;
  return found->second;
}

nlohmann::json occurrence_json(const schedules::Occurrence& o, const schedules::TimeZone& zone,
                               const MandateSlots& mandates) {
  const auto mandate = mandate_of(mandates, o.slot_id);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : o.items) {
    items.push_back(
        {{"kind", schedules::to_string(item.kind)},
         {"segment_id",
          item.segment_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::stoll(item.segment_id))},
         {"title", item.title},
         {"category", item.category.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.category)},
         {"planned_ms", item.planned_ms},
         {"skipped", item.skipped ? nlohmann::json(schedules::to_string(*item.skipped)) : nlohmann::json(nullptr)}});
  }
  return {
      {"slot_id", o.slot_id},
      {"programme", o.programme_name},
      {"mandate_id", mandate ? nlohmann::json(*mandate) : nlohmann::json(nullptr)},
      {"start_local", schedules::format_date_time(zone.to_local(o.start))},
      {"start_utc", schedules::format_utc(o.start)},
      {"end_local", schedules::format_date_time(zone.to_local(o.end))},
      {"end_utc", schedules::format_utc(o.end)},
      {"nominal_start_local", schedules::format_date_time(o.local_nominal)},
      {"level", schedules::to_string(o.level)},
      {"status", schedules::to_string(o.status)},
      {"delay_ms", o.delay.count()},
      {"drop_reason", o.drop_reason ? nlohmann::json(schedules::to_string(*o.drop_reason)) : nlohmann::json(nullptr)},
      {"planned_ms", o.planned_ms},
      {"items", items}};
}

std::string status_line(const schedules::Occurrence& o) {
  switch (o.status) {
    case schedules::OccurrenceStatus::planned:
      return status_text(o.status);
    case schedules::OccurrenceStatus::shifted:
      return trf("{} {} (after slot {})", status_text(o.status), display_duration(o.delay.count()), o.blocked_by_slot);
    case schedules::OccurrenceStatus::dropped:
      return status_text(o.status) + ": " + (o.drop_reason ? describe(*o.drop_reason) : "");
  }
  return {};
}

void print_occurrence(const schedules::Occurrence& o, const schedules::TimeZone& zone, const MandateSlots& mandates) {
  const auto start = zone.to_local(o.start);
  std::string when = local_text(start);
  if (o.status != schedules::OccurrenceStatus::dropped) {
    when += "–" + clock_text(zone.to_local(o.end)) + " (" + display_duration(o.planned_ms) + ")";
  }
  std::cout << when << "  " << o.programme_name;
  if (const auto mandate = mandate_of(mandates, o.slot_id)) std::cout << "  " << wording::mandate_mark(*mandate);
  std::cout << "  [" << level_text(o.level) << "]  " << status_line(o) << "  " << trf("(slot {})", o.slot_id) << '\n';
  if (o.status == schedules::OccurrenceStatus::dropped) return;
  auto at = o.start;
  for (const auto& item : o.items) {
    // A relay names its source; a rotation that found nothing names its category.
    std::string what = item.kind == schedules::ItemKind::relay ? item.title
                       : item.segment_id.empty()               ? item.category
                                                               : "#" + item.segment_id + " " + item.title;
    if (item.skipped) what += "  (" + trf("skipped: {}", describe(*item.skipped)) + ")";
    std::cout << "    " << clock_text(zone.to_local(at), true) << "  " << pad_right(item_kind_text(item.kind), 10)
              << "  " << pad_right(display_duration(item.planned_ms), 6) << "  " << what << '\n';
    at += std::chrono::milliseconds(item.planned_ms);
  }
}

void run_upcoming(Context& context, const UpcomingOptions& options) {
  auto& station = context.station();
  const auto& zone = station.zone();
  const auto now = station.now();
  if (options.to && options.days) throw std::runtime_error(tr("Give --to or --days, not both."));
  const auto from_local =
      options.from ? parse_local(*options.from) : std::chrono::floor<std::chrono::seconds>(now.local);
  schedules::LocalDateTime to_local;
  if (options.to) {
    to_local = parse_local(*options.to);
  } else {
    const int days = options.days.value_or(2);
    if (days < 1 || days > 366) throw std::runtime_error(trf("--days {} is out of range: give 1 to 366.", days));
    to_local = from_local + std::chrono::days(days);
  }
  if (to_local <= from_local) {
    throw std::runtime_error(
        trf("The end {} is not after the start {}.", local_text(to_local), local_text(from_local)));
  }

  const auto timeline = station::plan_window(station, zone.to_utc(from_local), zone.to_utc(to_local));
  const auto listed = station::mandate_slots(station);
  const MandateSlots mandates(listed.begin(), listed.end());
  if (context.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& o : timeline) out.push_back(occurrence_json(o, zone, mandates));
    print_json(out);
    return;
  }
  std::cout << trf("Schedule from {} to {} ({}):", local_text(from_local), local_text(to_local), zone.name()) << '\n';
  if (timeline.empty()) {
    std::cout << tr("Nothing airs in this period.") << '\n';
    return;
  }
  for (const auto& o : timeline) print_occurrence(o, zone, mandates);
}

}  // namespace

void add_schedule_commands(CLI::App& app, Context& context, Outcome& outcome) {
  auto* schedule = app.add_subcommand("schedule", tr("the broadcast schedule (lịch phát)"));
  schedule->require_subcommand(1);

  auto o = std::make_shared<UpcomingOptions>();
  auto* upcoming = schedule->add_subcommand("upcoming", tr("what will air, occurrence by occurrence"));
  upcoming->add_option("--from", o->from, tr("local start, YYYY-MM-DD[THH:MM] (default: now)"));
  upcoming->add_option("--to", o->to, tr("local end, YYYY-MM-DD[THH:MM]"));
  upcoming->add_option("--days", o->days, tr("number of days to show (default 2)"));
  upcoming->callback([&context, o] { run_upcoming(context, *o); });

  add_ics_commands(*schedule, context, outcome);
}

}  // namespace loaxa::cli
