// loaxa status: which station this is and what it holds.

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/schedule_messages.hpp"
#include "cli/schedule_text.hpp"
#include "common/i18n.hpp"
#include "station/status.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

namespace loaxa::cli {
namespace {

std::string home_source_text(HomeSource source) {
  switch (source) {
    case HomeSource::option:
      return tr("given with --home");
    case HomeSource::environment:
      return tr("from LOAXA_HOME");
    case HomeSource::service:
      return tr("the system service's own");
    case HomeSource::system:
      return tr("the system service's station");
    case HomeSource::personal:
      return tr("a personal station (no system service installed)");
  }
  return {};
}

void run_status(Context& context) {
  auto& station = context.station();
  const auto status = station::station_status(station);
  const auto& config = station.config();
  const auto& zone = station.zone();
  if (context.json) {
    nlohmann::json next = nullptr;
    if (status.next) {
      next = {{"slot_id", status.next->slot_id},
              {"programme", status.next->programme_name},
              {"start_utc", schedules::format_utc(status.next->start)},
              {"start_local", schedules::format_date_time(zone.to_local(status.next->start))}};
    }
    print_json({{"home", status.home.root.string()},
                {"home_source", to_string(status.home.source)},
                {"station_id", config.station_id},
                {"station_name", config.station_name},
                {"time_zone", zone.name()},
                {"now_utc", schedules::format_utc(status.now.utc)},
                {"schema_version", status.schema_version},
                {"segments", status.counts.segments},
                {"approved_segments", status.counts.approved_segments},
                {"programmes", status.counts.programmes},
                {"slots", status.counts.enabled_slots},
                {"holidays", status.counts.holidays},
                {"next", next}});
    return;
  }
  std::cout << pad_label(tr("Station")) << config.station_name << " (" << config.station_id << ")\n"
            << pad_label(tr("Home")) << status.home.root.string() << " — " << home_source_text(status.home.source)
            << '\n'
            << pad_label(tr("Now")) << local_text(status.now.local) << " (" << zone.name() << ")\n"
            << pad_label(tr("Segments"))
            << trf("{}, {} approved", status.counts.segments, status.counts.approved_segments) << '\n'
            << pad_label(tr("Programmes")) << status.counts.programmes << '\n'
            << pad_label(tr("Slots")) << trf("{} on", status.counts.enabled_slots) << '\n'
            << pad_label(tr("Holidays")) << status.counts.holidays << '\n'
            << pad_label(tr("Next"));
  if (status.next) {
    std::cout << local_text(zone.to_local(status.next->start)) << "  " << status.next->programme_name << "  "
              << trf("(slot {})", status.next->slot_id) << '\n';
  } else {
    std::cout << tr("nothing in the coming week") << '\n';
  }
}

}  // namespace

void add_status_commands(CLI::App& app, Context& context, Outcome&) {
  auto* status = app.add_subcommand("status", tr("which station this is, where its home is, what airs next"));
  status->callback([&context] { run_status(context); });
}

}  // namespace loaxa::cli
