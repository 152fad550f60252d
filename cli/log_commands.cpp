// loaxa log: the as-run log (nhật ký phát), read from the database, so it works whether the
// daemon runs or not (station/log.hpp, docs/ASRUN.md).

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/i18n.hpp"
#include "station/log.hpp"
#include "store/play_status_words.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <optional>

namespace loaxa::cli {
namespace {

struct LogOptions {
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> status;
};

// A local date-time; a date alone is its midnight, or for an end the midnight after it, so
// `--to 30/11/2026` includes that day. Throws ScheduleError on bad text.
schedules::LocalDateTime parse_local(const std::string& text, bool end) {
  if (text.size() <= 10) {
    const auto day = std::chrono::local_days{schedules::parse_date(text)};
    return end ? day + std::chrono::days(1) : day;
  }
  return schedules::parse_date_time(text);
}

// "05/02/2027 05:30"
std::string local_minute_text(schedules::LocalDateTime time) {
  const auto date = schedules::date_of(time);
  std::chrono::hh_mm_ss clock{time - std::chrono::floor<std::chrono::days>(time)};
  return fmt::format("{:02}/{:02}/{:04} {:02}:{:02}", unsigned(date.day()), unsigned(date.month()), int(date.year()),
                     clock.hours().count(), clock.minutes().count());
}

// ISO 8601 with the station's offset: "2026-12-01T05:30:00+07:00".
std::string iso_local(schedules::UtcTime time, const schedules::TimeZone& zone) {
  const auto offset = std::chrono::duration_cast<std::chrono::minutes>(zone.utc_offset(time)).count();
  const auto magnitude = offset < 0 ? -offset : offset;
  return schedules::format_date_time(zone.to_local(time)) +
         fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

nlohmann::json optional_iso(const std::optional<schedules::UtcTime>& time, const schedules::TimeZone& zone) {
  return time ? nlohmann::json(iso_local(*time, zone)) : nlohmann::json(nullptr);
}

// "slot:3@2026-12-01T05:30:00+07:00" or "manual:KEY": stable across runs and machines.
std::string occurrence_text(const store::OccurrenceKey& key, const schedules::TimeZone& zone) {
  if (key.is_manual()) return "manual:" + key.manual;
  return "slot:" + std::to_string(key.slot_id) + "@" + iso_local(key.nominal_start, zone);
}

store::PlayStatus parse_status(const std::string& text) {
  if (auto status = store::play_status_from(text)) return *status;
  throw std::runtime_error(
      trf("Unknown status '{}': use playing, completed, interrupted, failed, skipped or missed.", text));
}

nlohmann::json play_json(const store::Play& p, const schedules::TimeZone& zone) {
  const auto& i = p.item;
  return {{"seq", p.seq ? nlohmann::json(*p.seq) : nlohmann::json(nullptr)},
          {"occurrence", occurrence_text(i.occurrence, zone)},
          {"programme_id", i.programme_id ? nlohmann::json(*i.programme_id) : nlohmann::json(nullptr)},
          {"programme", i.programme_name},
          {"position", i.position},
          {"segment_id", i.segment_id ? nlohmann::json(*i.segment_id) : nlohmann::json(nullptr)},
          {"segment_sha256", i.segment_sha256.empty() ? nlohmann::json(nullptr) : nlohmann::json(i.segment_sha256)},
          {"category", i.category},
          {"title", i.title},
          {"level", store::to_string(i.level)},
          {"status", store::to_string(p.status)},
          {"reason", p.reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.reason)},
          {"scheduled_start", optional_iso(i.scheduled_start, zone)},
          {"started_at", optional_iso(p.started_at, zone)},
          {"ended_at", optional_iso(p.ended_at, zone)},
          {"frames", p.frames},
          {"underruns", p.underruns},
          {"heard_pct", p.heard ? nlohmann::json(p.heard->pct) : nlohmann::json(nullptr)},
          {"heard_delay_ms", p.heard ? nlohmann::json(p.heard->delay_ms) : nlohmann::json(nullptr)},
          {"hash", p.hash.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.hash)}};
}

void print_plays(const std::vector<store::Play>& plays, const schedules::TimeZone& zone) {
  // The heard column only where a monitor line checked plays (proof it was heard).
  const bool heard = std::any_of(plays.begin(), plays.end(), [](const store::Play& p) { return p.heard.has_value(); });
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : plays) {
    const auto when = p.started_at ? p.started_at : p.ended_at;
    const auto end = p.started_at && p.ended_at ? local_minute_text(zone.to_local(*p.ended_at)).substr(11) : "";
    rows.push_back({p.seq ? std::to_string(*p.seq) : "", when ? local_minute_text(zone.to_local(*when)) : "", end,
                    p.item.occurrence.is_manual() ? tr("(played by hand)") : p.item.programme_name, p.item.title,
                    p.item.category, store::play_level_words(p.item.level), store::play_status_words(p.status),
                    p.reason.empty() ? "" : store::play_reason_words(p.reason)});
    if (heard) rows.back().push_back(p.heard ? fmt::format("{:.0f}%", p.heard->pct) : "");
  }
  std::vector<std::string> header{tr("No."),      tr("Start"), tr("End"),    tr("Programme"), tr("Title"),
                                  tr("Category"), tr("Level"), tr("Status"), tr("Reason")};
  if (heard) header.push_back(tr("Heard"));
  print_table(header, rows);
}

void run_log(Context& context, const LogOptions& options) {
  auto& station = context.station();
  const auto& zone = station.zone();
  store::PlayFilter filter;
  // Without --from: the last seven days, today included.
  const auto from_local = options.from ? parse_local(*options.from, false)
                                       : std::chrono::local_days{station.now().today} - std::chrono::days(6);
  filter.from = zone.to_utc(from_local);
  std::optional<schedules::LocalDateTime> to_local;
  if (options.to) {
    to_local = parse_local(*options.to, true);
    if (*to_local <= from_local) {
      throw std::runtime_error(
          trf("The end {} is not after the start {}.", local_minute_text(*to_local), local_minute_text(from_local)));
    }
    filter.to = zone.to_utc(*to_local);
  }
  if (options.status) filter.status = parse_status(*options.status);

  const auto plays = station::list_plays(station, filter);
  if (context.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : plays) out.push_back(play_json(p, zone));
    print_json(out);
    return;
  }
  const std::string until = to_local ? local_minute_text(*to_local) : tr("now");
  std::cout << trf("As-run log from {} to {} ({}):", local_minute_text(from_local), until, zone.name()) << '\n';
  if (plays.empty()) {
    std::cout << tr("Nothing was logged in this period.") << '\n';
    return;
  }
  print_plays(plays, zone);
}

}  // namespace

void add_log_commands(CLI::App& app, Context& context, Outcome&) {
  auto o = std::make_shared<LogOptions>();
  auto* log = app.add_subcommand("log", tr("the as-run log (nhật ký phát): what aired, was skipped or missed"));
  log->add_option("--from", o->from, tr("local start, YYYY-MM-DD[THH:MM] (default: 7 days ago)"));
  log->add_option("--to", o->to, tr("local end, YYYY-MM-DD[THH:MM]; a date alone includes that day"));
  log->add_option("--status", o->status,
                  tr("only plays with this status: playing, completed, interrupted, failed, skipped, missed"));
  log->callback([&context, o] { run_log(context, *o); });
}

}  // namespace loaxa::cli
