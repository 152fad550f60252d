// loaxa status: which station this is and what it holds, and what its daemon (loaxad) says
// over the control socket: output, what airs, the amplifier, the last problem. The station
// part needs no daemon; a daemon that cannot be reached is reported, not an error.

#include "cli/commands.hpp"
#include "cli/control_messages.hpp"
#include "cli/output.hpp"
#include "common/i18n.hpp"
#include "control/client.hpp"
#include "control/socket_path.hpp"
#include "station/status.hpp"
#include "wording/daemon_text.hpp"
#include "wording/schedule_messages.hpp"
#include "wording/schedule_text.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

namespace loaxa::cli {

using wording::amplifier_text;
using wording::clock_text;
using wording::local_text;
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

// What the daemon said, or why it could not be asked.
struct DaemonView {
  std::optional<control::DaemonStatus> status;  // unset: not running or unreachable
  std::string problem;                          // set when it could not be asked
};

DaemonView ask_daemon(const Home& home) {
  constexpr std::chrono::milliseconds timeout{std::chrono::seconds(2)};
  DaemonView view;
  try {
    view.status = control::query_status(control::socket_path(home), timeout);
  } catch (const control::ClientError& e) {
    view.problem = client_failure_text(e, timeout);
  } catch (const std::exception& e) {
    view.problem = trf("loaxad's answer could not be read ({}). Are loaxa and loaxad the same version?", e.what());
  }
  return view;
}

// "1:05:03" or "05:03".
std::string clock_text(std::chrono::seconds elapsed) {
  const auto total = std::max<std::int64_t>(0, elapsed.count());
  if (total >= 3600) return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
  return fmt::format("{:02}:{:02}", total / 60, total % 60);
}

nlohmann::json monitor_json(const std::optional<control::MonitorStatus>& monitor) {
  if (!monitor) return nullptr;
  nlohmann::json unheard = nullptr;
  if (const auto& u = monitor->last_unheard) {
    unheard = {{"at_utc", control::format_utc(u->at)},
               {"title", u->title},
               {"heard_pct", u->heard_pct},
               {"monitor_silent", u->monitor_silent}};
  }
  return {{"input", monitor->input},
          {"trouble", monitor->trouble ? nlohmann::json(*monitor->trouble) : nlohmann::json(nullptr)},
          {"last_unheard", unheard}};
}

nlohmann::json daemon_json(const DaemonView& view) {
  if (!view.status) {
    return {{"running", false},
            {"problem", view.problem.empty() ? nlohmann::json(nullptr) : nlohmann::json(view.problem)}};
  }
  const control::DaemonStatus& d = *view.status;
  nlohmann::json now_airing = nullptr;
  if (d.now_airing) {
    now_airing = {{"programme", d.now_airing->programme},
                  {"item", d.now_airing->item},
                  {"level", d.now_airing->level},
                  {"position_ms", d.now_airing->position.count()},
                  {"since_utc", control::format_utc(d.now_airing->since)}};
  }
  return {
      {"running", true},
      {"version", d.version},
      {"uptime_s", d.uptime.count()},
      {"output", d.output_device},
      {"home", d.home},
      {"now_airing", now_airing},
      {"priority_waiting", d.priority_waiting},
      {"monitor", monitor_json(d.monitor)},
      {"amplifier", control::to_string(d.amplifier)},
      {"device_trouble", d.device_trouble ? nlohmann::json{{"since_utc", control::format_utc(d.device_trouble->since)},
                                                           {"detail", d.device_trouble->detail}}
                                          : nlohmann::json(nullptr)},
      {"last_error", d.last_error ? nlohmann::json(*d.last_error) : nlohmann::json(nullptr)}};
}

void print_monitor(const control::MonitorStatus& monitor, const schedules::TimeZone& zone) {
  std::cout << pad_label(tr("Monitor line"));
  if (monitor.trouble) {
    std::cout << trf("{}: NOT CAPTURING: {}", monitor.input, *monitor.trouble) << '\n';
  } else {
    std::cout << monitor.input << '\n';
  }
  if (const auto& unheard = monitor.last_unheard) {
    std::cout << pad_label(tr("Not heard"));
    if (unheard->monitor_silent) {
      std::cout << trf(
          "\"{}\" at {}: the monitor line was silent, the loudspeakers may not have carried it. Check "
          "the amplifier.",
          unheard->title, local_text(zone.to_local(schedules::UtcTime(unheard->at))));
    } else {
      std::cout << trf("\"{}\" at {}: the monitor line carried only {} of it.", unheard->title,
                       local_text(zone.to_local(schedules::UtcTime(unheard->at))),
                       fmt::format("{:.0f}%", unheard->heard_pct));  // the sign outside the text: not a C format
    }
    std::cout << '\n';
  }
}

void print_daemon(const DaemonView& view, const schedules::TimeZone& zone) {
  std::cout << pad_label(tr("Service"));
  if (!view.status) {
    std::cout << (view.problem.empty()
                      ? tr("loaxad is not running: nothing airs. Start it: sudo systemctl start loaxad")
                      : view.problem)
              << '\n';
    return;
  }
  const control::DaemonStatus& d = *view.status;
  std::cout << trf("loaxad {} running for {}, playing to {}", d.version, clock_text(d.uptime), d.output_device) << '\n';
  if (d.device_trouble) {
    const schedules::UtcTime since = d.device_trouble->since;
    std::cout << pad_label(tr("Output"))
              << trf("NOT WORKING since {}: {}. loaxad keeps trying; nothing airs until it works.",
                     local_text(zone.to_local(since)), d.device_trouble->detail)
              << '\n';
  }
  std::cout << pad_label(tr("On air"));
  if (d.now_airing) {
    const auto position = std::chrono::duration_cast<std::chrono::seconds>(d.now_airing->position);
    if (d.now_airing->level == "emergency") std::cout << tr("EMERGENCY") << " — ";
    if (d.now_airing->level == "priority") std::cout << tr("priority") << " — ";
    std::cout << (d.now_airing->programme.empty() ? tr("(played by hand)") : d.now_airing->programme) << " — "
              << d.now_airing->item << " (" << clock_text(position) << ")\n";
  } else {
    std::cout << tr("nothing") << '\n';
  }
  for (const auto& title : d.priority_waiting) {
    std::cout << pad_label(tr("First next")) << trf("\"{}\" (loaxa priority)", title) << '\n';
  }
  std::cout << pad_label(tr("Amplifier")) << amplifier_text(d.amplifier) << '\n';
  if (d.monitor) print_monitor(*d.monitor, zone);
  if (d.last_error) std::cout << pad_label(tr("Last problem")) << *d.last_error << '\n';
}

nlohmann::json optional_utc(const std::optional<schedules::UtcTime>& at) {
  return at ? nlohmann::json(schedules::format_utc(*at)) : nlohmann::json(nullptr);
}

nlohmann::json optional_text(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

nlohmann::json hub_json(const std::optional<station::HubSyncStatus>& hub) {
  if (!hub) return nullptr;
  return {{"url", hub->url},
          {"acked_seq", hub->state.acked_seq},
          {"latest_seq", hub->latest_seq},
          {"outbox_depth", hub->outbox_depth},
          {"last_contact_utc", optional_utc(hub->state.last_contact)},
          {"last_error", optional_text(hub->state.last_error)},
          {"last_error_utc", optional_utc(hub->state.last_error_at)},
          {"conflict", optional_text(hub->state.conflict)}};
}

void print_hub(const std::optional<station::HubSyncStatus>& hub, const schedules::TimeZone& zone) {
  std::cout << pad_label(tr("District hub"));
  if (!hub) {
    std::cout << tr("none ([hub] in loaxa.toml)") << '\n';
    return;
  }
  std::cout << hub->url << ": "
            << (hub->outbox_depth == 0 ? tr("every play sent")
                                       : trf("{} play(s) waiting to be sent", hub->outbox_depth))
            << "; "
            << (hub->state.last_contact ? trf("last contact {}", local_text(zone.to_local(*hub->state.last_contact)))
                                        : tr("never reached yet"))
            << '\n';
  if (hub->state.conflict) {
    std::cout << pad_label("") << trf("STOPPED: {}", *hub->state.conflict) << '\n';
  } else if (hub->state.last_error) {
    std::cout << pad_label("") << trf("last trouble: {}", *hub->state.last_error) << '\n';
  }
}

void run_status(Context& context) {
  auto& station = context.station();
  const auto status = station::station_status(station);
  const DaemonView daemon = ask_daemon(station.home());
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
                {"next", next},
                {"hub", hub_json(status.hub)},
                {"daemon", daemon_json(daemon)}});
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
  print_hub(status.hub, zone);
  print_daemon(daemon, zone);
}

}  // namespace

void add_status_commands(CLI::App& app, Context& context, Outcome&) {
  auto* status = app.add_subcommand("status", tr("which station this is, where its home is, what airs next"));
  status->callback([&context] { run_status(context); });
}

}  // namespace loaxa::cli
