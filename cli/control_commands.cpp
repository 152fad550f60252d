// loaxa play / stop / reload: commands for the running daemon, over its control socket
// (docs/CONTROL.md). They need no database: only the home, to find the socket.

#include "cli/commands.hpp"
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

std::string client_failure_text(const control::ClientError& e, std::chrono::milliseconds timeout) {
  const auto path = e.path().string();
  switch (e.kind()) {
    case control::ClientError::Kind::not_running:
      return trf(
          "the station service loaxad is not running (nothing answers on {}). Start it: "
          "sudo systemctl start loaxad",
          path);
    case control::ClientError::Kind::not_permitted:
      return trf(
          "you may not talk to loaxad ({}): join the loaxa group (sudo adduser $USER loaxa), then log in "
          "again.",
          path);
    case control::ClientError::Kind::timeout:
      return trf("loaxad did not answer within {} s; it may be stuck. See: journalctl -u loaxad",
                 std::chrono::duration_cast<std::chrono::seconds>(timeout).count());
    case control::ClientError::Kind::protocol:
      break;
  }
  return trf("loaxad's answer could not be read ({}). Are loaxa and loaxad the same version?", e.what());
}

std::string refusal_text(const control::Request& request, const control::Error& error) {
  if (request.command == control::Command::play && error.kind == control::ErrorKind::not_found) {
    return trf("there is no segment {} (see: loaxa segment list).", request.segment);
  }
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
  if (response.error) throw std::runtime_error(refusal_text(request, *response.error));
  if (context.json) {
    nlohmann::json out = {{"ok", true}, {"command", control::to_string(request.command)}};
    if (request.command == control::Command::play) out["segment"] = request.segment;
    print_json(out);
    return;
  }
  switch (request.command) {
    case control::Command::play:
      std::cout << trf("loaxad is playing segment {}.", request.segment) << '\n';
      break;
    case control::Command::stop:
      std::cout << tr("loaxad stopped playing.") << '\n';
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
