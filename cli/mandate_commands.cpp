// loaxa mandate list|decline|move: the district's bulletins at this station (docs/MANDATES.md).
// The sync brings them; the operator sees where each airs, declines one with a reason or moves
// an airing within its hours.

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "station/mandates.hpp"
#include "store/play_status_words.hpp"
#include "store/utc_text.hpp"
#include "wording/mandate_text.hpp"
#include "wording/schedule_text.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace loaxa::cli {

using wording::local_text;
using wording::mandate_state_text;
namespace {

nlohmann::json optional_json(const std::optional<std::int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json mandate_json(const station::MandateView& view, const schedules::TimeZone& zone) {
  const auto& m = view.mandate;
  nlohmann::json windows = nlohmann::json::array();
  for (const auto& window : schedules::windows_of(m.order.terms))
    windows.push_back(schedules::format_windows({window}));
  nlohmann::json next = nlohmann::json::array();
  for (const auto& o : view.next) {
    next.push_back({{"slot_id", o.slot_id},
                    {"start_local", schedules::format_date_time(zone.to_local(o.start))},
                    {"start_utc", schedules::format_utc(o.start)},
                    {"status", schedules::to_string(o.status)}});
  }
  return {{"id", m.order.id},
          {"title", m.order.title},
          {"category", m.order.category},
          {"from", schedules::format_date(m.order.terms.from)},
          {"until", schedules::format_date(m.order.terms.until)},
          {"times_per_week", m.order.terms.times_per_week},
          {"windows", windows},
          {"level", schedules::to_string(m.order.terms.level)},
          {"state", store::to_string(m.state)},
          {"reason", m.reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.reason)},
          {"received_at", store::utc_text(m.received_at)},
          {"state_at", store::utc_text(m.state_at)},
          {"reported", m.reported},
          {"segment_id", optional_json(m.segment_id)},
          {"programme_id", optional_json(m.programme_id)},
          {"required", view.required},
          {"planned", view.planned},
          {"aired", view.aired},
          {"next", next}};
}

std::string dates_text(const schedules::MandateTerms& terms) {
  return display_date(terms.from) + "–" + display_date(terms.until);
}

void run_list(Context& context) {
  auto& station = context.station();
  const auto now = station.now();
  const auto views = station::list_mandates(station, now.utc);
  const auto& zone = station.zone();
  if (context.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& view : views) out.push_back(mandate_json(view, zone));
    print_json(out);
    return;
  }
  if (views.empty()) {
    std::cout << tr("No district mandates yet: the sync with the district hub brings them.") << '\n';
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& view : views) {
    const auto& m = view.mandate;
    const bool emergency = m.order.terms.level == schedules::MandateLevel::emergency;
    rows.push_back({std::to_string(m.order.id), m.order.title, m.order.category, dates_text(m.order.terms),
                    emergency ? "–" : std::to_string(m.order.terms.times_per_week),
                    schedules::format_windows(schedules::windows_of(m.order.terms)),
                    store::mandate_level_words(m.order.terms.level), mandate_state_text(m.state),
                    std::to_string(view.planned) + "/" + std::to_string(view.required), std::to_string(view.aired),
                    view.next.empty() ? "–" : local_text(zone.to_local(view.next.front().start))});
  }
  print_table({tr("ID"), tr("Bulletin"), tr("Category"), tr("Dates"), tr("Times/week"), tr("Hours"), tr("Level"),
               tr("State"), tr("Planned/required"), tr("Aired"), tr("Next airing")},
              rows);
  // What the table cannot hold: the reasons, the shortfalls, every airing still to come.
  for (const auto& view : views) {
    const auto& m = view.mandate;
    if (!m.reason.empty()) std::cout << trf("#{}: {}: {}", m.order.id, mandate_state_text(m.state), m.reason) << '\n';
    if (m.state == store::MandateState::received && view.planned < view.required) {
      std::cout << trf("#{}: {} of the {} airings required could not be planned (days already past, holidays, or no "
                       "room in its hours).",
                       m.order.id, view.required - view.planned, view.required)
                << '\n';
    }
    for (const auto& o : view.next) {
      std::cout << "  " << trf("#{} airs {} (slot {})", m.order.id, local_text(zone.to_local(o.start)), o.slot_id)
                << '\n';
    }
  }
}

void run_decline(Context& context, std::int64_t id, const std::string& reason) {
  auto& station = context.station();
  const auto declined = station::decline_mandate(station, id, reason, station.now().utc);
  if (context.json) {
    print_json(mandate_json(station::find_mandate(station, id, station.now().utc), station.zone()));
    return;
  }
  std::cout << trf("Declined district mandate {} (\"{}\"): {}. Its airings still to come are removed; the district "
                   "hub learns the reason at the next sync.",
                   id, declined.order.title, declined.reason)
            << '\n';
}

void run_move(Context& context, std::int64_t slot_id, const std::string& to_text) {
  auto& station = context.station();
  const auto to = schedules::parse_date_time(to_text);
  const auto moved = station::move_mandate_airing(station, slot_id, to, station.now().utc);
  const auto mandate = station::mandate_slots(station);
  std::int64_t mandate_id = 0;
  for (const auto& [slot, id] : mandate) {
    if (slot == moved.stored.slot.id) mandate_id = id;
  }
  if (context.json) {
    print_json({{"slot_id", moved.stored.slot.id},
                {"replaced_slot_id", slot_id},
                {"mandate_id", mandate_id},
                {"start_local", schedules::format_date_time(moved.stored.slot.start)}});
    return;
  }
  std::cout << trf("Moved the airing of district mandate {} to {}: slot {} replaces slot {}.", mandate_id,
                   local_text(moved.stored.slot.start), moved.stored.slot.id, slot_id)
            << '\n';
}

struct DeclineOptions {
  std::int64_t id = 0;
  std::string reason;
};

struct MoveOptions {
  std::int64_t slot = 0;
  std::string to;
};

}  // namespace

void add_mandate_commands(CLI::App& app, Context& context, Outcome&) {
  auto* mandate = app.add_subcommand("mandate", tr("the district's bulletins (yêu cầu phát của huyện)"));
  mandate->require_subcommand(1);

  auto* list = mandate->add_subcommand("list", tr("the district's mandates, where each airs and how often it aired"));
  list->callback([&context] { run_list(context); });

  auto d = std::make_shared<DeclineOptions>();
  auto* decline = mandate->add_subcommand("decline", tr("decline a mandate, with the reason the district will read"));
  decline->add_option("id", d->id, tr("mandate ID"))->required();
  decline->add_option("--reason", d->reason, tr("why the commune declines it"))->required();
  decline->callback([&context, d] { run_decline(context, d->id, d->reason); });

  auto m = std::make_shared<MoveOptions>();
  auto* move = mandate->add_subcommand("move", tr("move one airing of a mandate within its hours and its week"));
  move->add_option("slot", m->slot, tr("the airing's slot ID (see: loaxa mandate list)"))->required();
  move->add_option("--to", m->to, tr("new local start, \"YYYY-MM-DD HH:MM\""))->required();
  move->callback([&context, m] { run_move(context, m->slot, m->to); });
}

}  // namespace loaxa::cli
