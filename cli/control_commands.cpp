// loaxa play / stop / reload: commands for the running daemon, over its control socket
// (docs/CONTROL.md). They need no database: only the home, to find the socket.

#include "cli/commands.hpp"
#include "cli/control_messages.hpp"
#include "cli/output.hpp"
#include "common/home.hpp"
#include "common/i18n.hpp"
#include "control/client.hpp"
#include "control/socket_path.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <stdexcept>

namespace loaxa::cli {
namespace {

// The daemon's refusals by their reason code, in the operator's words; an unknown code (a
// newer daemon) falls back to the daemon's own detail.
std::string refusal_text(const control::Request& request, const control::Error& error) {
  const auto id = request.segment;
  const std::string& r = error.reason;
  if (r == "no_such_segment" ||
      (request.command == control::Command::play && error.kind == control::ErrorKind::not_found)) {
    return trf("there is no segment {} (see: loaxa segment list).", id);
  }
  if (r == "not_approved")
    return trf("segment {} \"{}\" is not approved yet: loaxa segment approve {}", id, error.subject, id);
  if (r == "not_yet_valid") {
    return trf("segment {} \"{}\" is not valid yet today (see: loaxa segment show {}).", id, error.subject, id);
  }
  if (r == "expired")
    return trf("segment {} \"{}\" is out of date (see: loaxa segment show {}).", id, error.subject, id);
  if (r == "on_air") {
    return error.subject.empty() ? tr("another segment is on air; stop it first: loaxa stop")
                                 : trf("the programme \"{}\" is on air; stop it first: loaxa stop", error.subject);
  }
  if (r == "next_programme") {
    return trf("segment {} would run into the programme \"{}\", which starts soon; play it after that programme.", id,
               error.subject);
  }
  if (r == "file_unreadable") return trf("the file of segment {} cannot be played; check it: loaxa segment verify", id);
  if (error.kind == control::ErrorKind::refused) return trf("loaxad will not do it now: {}", error.detail);
  return trf("loaxad could not do it: {}", error.detail);
}

void run(Context& context, const control::Request& request) {
  const auto home = resolve_home(context.home_option);
  const auto path = control::socket_path(home);
  const auto timeout = control::kDefaultTimeout;
  control::Response response;
  try {
    response = control::request(path, request, timeout);
  } catch (const control::ClientError& e) {
    throw std::runtime_error(client_failure_text(e, timeout));
  }
  // Stopping when nothing plays leaves the station as asked: said, not an error.
  const bool already_quiet = response.error && response.error->reason == "nothing_on_air";
  if (response.error && !already_quiet) throw std::runtime_error(refusal_text(request, *response.error));
  if (context.json) {
    nlohmann::json out = {{"ok", true}, {"command", control::to_string(request.command)}};
    if (request.command == control::Command::play) out["segment"] = request.segment;
    if (already_quiet) out["nothing_on_air"] = true;
    print_json(out);
    return;
  }
  switch (request.command) {
    case control::Command::play:
      std::cout << trf("loaxad is playing segment {}.", request.segment) << '\n';
      break;
    case control::Command::stop:
      std::cout << (already_quiet ? tr("Nothing is on air.") : tr("loaxad stopped playing.")) << '\n';
      break;
    case control::Command::reload:
      std::cout << tr("loaxad has read the settings and the schedule again.") << '\n';
      break;
    case control::Command::status:
      break;
  }
}

}  // namespace

void add_control_commands(CLI::App& app, Context& context, Outcome&) {
  auto segment = std::make_shared<std::int64_t>(0);
  auto* play = app.add_subcommand("play", tr("play a segment now, through the station service loaxad"));
  play->add_option("SEGMENT", *segment, tr("the segment's ID (see: loaxa segment list)"))->required();
  play->callback([&context, segment] { run(context, {control::Command::play, *segment, std::nullopt}); });

  app.add_subcommand("stop", tr("stop what the station service loaxad is playing"))->callback([&context] {
    run(context, {control::Command::stop, 0, std::nullopt});
  });
  app.add_subcommand("reload", tr("make the station service loaxad read the settings and the schedule again"))
      ->callback([&context] {
        run(context, {control::Command::reload, 0, std::nullopt});
      });
}

}  // namespace loaxa::cli
