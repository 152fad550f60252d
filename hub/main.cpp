// loaxa-hub: the district server (máy chủ huyện) that commune stations report to.
// Parses the command line; the commands are in commands.cpp.

#include "common/i18n.hpp"
#include "hub/commands.hpp"
#include "hub/mandate_commands.hpp"
#include "hub/user_commands.hpp"

#include <CLI/CLI.hpp>

#include <cstring>
#include <iostream>

int main(int argc, char** argv) {
  using namespace loaxa;
  namespace cli = loaxa::hub::cli;
  const auto language = language_option(argc, argv);
  if (!select_language_or_say(language, std::cerr)) return 2;

  cli::Common common;
  std::string lang_value;
  CLI::App app{tr("loaxa-hub: the district server that commune stations report their as-run logs to"), "loaxa-hub"};
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--home", common.home,
                 tr("hub folder (default: $LOAXA_HUB_HOME, else the service's /var/lib/loaxa-hub when installed, else "
                    "~/.local/share/loaxa-hub)"));
  app.add_flag("--json", common.json, tr("print machine-readable JSON"));
  app.add_option("--lang", lang_value, tr("language of messages: vi (default) or en"));

  std::function<int()> action;

  cli::ServeOptions serve;
  auto* serve_cmd = app.add_subcommand("serve", tr("receive the stations' as-run logs over HTTPS"));
  serve_cmd->add_option("--listen", serve.listen, tr("ADDRESS:PORT to listen on (default 127.0.0.1:8443)"));
  serve_cmd->add_option("--tls-cert", serve.tls_cert, tr("TLS certificate chain (PEM)"));
  serve_cmd->add_option("--tls-key", serve.tls_key, tr("TLS private key (PEM)"));
  serve_cmd->add_flag("--allow-plain", serve.allow_plain,
                      tr("allow plain HTTP on an address other than loopback (behind a TLS proxy)"));
  serve_cmd
      ->add_option("--request-timeout", serve.request_timeout_s,
                   tr("seconds a client has to send a whole request (default 10)"))
      ->check(CLI::Range(1, 3600));
  serve_cmd->add_option("--max-connections", serve.max_connections, tr("connections open at once (default 256)"))
      ->check(CLI::Range(1, 100000));
  serve_cmd->callback([&] { action = [&] { return cli::serve(common, serve); }; });

  auto* station_cmd = app.add_subcommand("station", tr("stations that report to this hub"));
  station_cmd->require_subcommand(1);
  cli::StationAddOptions add;
  auto* add_cmd = station_cmd->add_subcommand("add", tr("add a station and print its secret key"));
  add_cmd->add_option("id", add.id, tr("station ID, as in the station's loaxa.toml"))->required();
  add_cmd->add_option("--name", add.name, tr("the station's name"))->required();
  add_cmd->add_option("--group", add.group, tr("group (e.g. the former district)"));
  add_cmd->add_option("--url", add.url, tr("the hub's address as stations reach it, for the printed [hub] lines"));
  add_cmd->add_option("--ca-file", add.ca_file, tr("where the station keeps the hub's CA certificate"));
  add_cmd->callback([&] { action = [&] { return cli::station_add(common, add); }; });
  auto* list_cmd = station_cmd->add_subcommand("list", tr("list the stations"));
  list_cmd->callback([&] { action = [&] { return cli::station_list(common); }; });
  std::string station_id;
  auto* show_cmd = station_cmd->add_subcommand("show", tr("a station's state, last contact and flags"));
  show_cmd->add_option("id", station_id, tr("station ID"))->required();
  show_cmd->callback([&] { action = [&] { return cli::station_show(common, station_id); }; });
  auto* disable_cmd = station_cmd->add_subcommand("disable", tr("refuse a station's requests"));
  disable_cmd->add_option("id", station_id, tr("station ID"))->required();
  disable_cmd->callback([&] { action = [&] { return cli::station_disable(common, station_id); }; });
  auto* enable_cmd = station_cmd->add_subcommand("enable", tr("accept a disabled station's requests again"));
  enable_cmd->add_option("id", station_id, tr("station ID"))->required();
  enable_cmd->callback([&] { action = [&] { return cli::station_enable(common, station_id); }; });
  auto* rotate_cmd = station_cmd->add_subcommand("rotate-key", tr("give a station a new secret key"));
  rotate_cmd->add_option("id", station_id, tr("station ID"))->required();
  rotate_cmd->callback([&] { action = [&] { return cli::station_rotate_key(common, station_id); }; });

  auto* target_cmd =
      app.add_subcommand("target", tr("targets: the plays (and minutes) a category needs per month or week"));
  target_cmd->require_subcommand(1);
  cli::TargetOptions target;
  const auto add_selectors = [&](CLI::App* cmd) {
    cmd->add_option("--category", target.category, tr("category code, e.g. CDS"))->required();
    cmd->add_option("--station", target.station, tr("for this station only"));
    cmd->add_option("--group", target.group, tr("for this group's stations"));
  };
  auto* target_set_cmd =
      target_cmd->add_subcommand("set", tr("set a target (for every station, a group or a station)"));
  add_selectors(target_set_cmd);
  target_set_cmd->add_option("--per", target.per, tr("month (default) or week"));
  target_set_cmd->add_option("--min", target.min, tr("plays aired at least"))->required();
  target_set_cmd->add_option("--min-minutes", target.min_minutes, tr("minutes aired at least"));
  target_set_cmd->callback([&] { action = [&] { return cli::target_set(common, target); }; });
  auto* target_list_cmd = target_cmd->add_subcommand("list", tr("list the targets"));
  target_list_cmd->callback([&] { action = [&] { return cli::target_list(common); }; });
  auto* target_remove_cmd = target_cmd->add_subcommand("remove", tr("remove a target"));
  add_selectors(target_remove_cmd);
  target_remove_cmd->callback([&] { action = [&] { return cli::target_remove(common, target); }; });

  cli::ReportOptions report;
  auto* report_cmd =
      app.add_subcommand("report", tr("the frequency report per station and category, or one station's plays"));
  report_cmd->add_option("--month", report.month, tr("a month, YYYY-MM"));
  report_cmd->add_option("--quarter", report.quarter, tr("a quarter, YYYY-Qn"));
  report_cmd->add_option("--year", report.year, tr("a year, YYYY"));
  report_cmd->add_option("--group", report.group, tr("only this group's stations"));
  report_cmd->add_option("--category", report.category, tr("only this category"));
  report_cmd->add_option("--format", report.format, tr("table (default), csv, xlsx or json"));
  report_cmd->add_option("--out", report.out, tr("write to this file (replaced whole, never half-written)"));
  report_cmd->add_option("--silent-after", report.silent_after,
                         tr("flag stations without contact for longer than this (default 72h; e.g. 3d, 12h)"));
  report_cmd->add_option("--station", report.station, tr("list this station's plays (with --from and --to)"));
  report_cmd->add_option("--from", report.from, tr("first day, YYYY-MM-DD or dd/mm/yyyy"));
  report_cmd->add_option("--to", report.to, tr("last day, included"));
  report_cmd->add_option("--time-zone", report.time_zone,
                         tr("the zone periods are counted in (default Asia/Ho_Chi_Minh)"));
  report_cmd->add_flag("--final", report.final,
                       tr("close the month: keep its report as a signed snapshot that later plays do not change"));
  report_cmd->add_flag("--verify", report.verify, tr("check a closed month's snapshot against its signature"));
  report_cmd->callback([&] { action = [&] { return cli::report(common, report); }; });

  cli::UserOptions user;
  cli::add_user_commands(app, common, user, action);
  cli::MandateOptions mandate;
  cli::add_mandate_commands(app, common, mandate, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << tr("Error: ") << e.what() << '\n' << tr("See: loaxa-hub --help") << '\n';
    return 2;
  }
  try {
    return action ? action() : 2;
  } catch (const std::exception& e) {
    std::cerr << tr("Error: ") << e.what() << '\n';
    return 1;
  }
}
