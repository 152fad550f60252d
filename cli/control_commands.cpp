// loaxa play / stop / reload / emergency / priority: commands for the running daemon, over
// its control socket (docs/CONTROL.md). They need no database, only the home to find the
// socket — except `loaxa emergency FILE`, which imports the file first.

#include "cli/commands.hpp"
#include "cli/control_messages.hpp"
#include "cli/output.hpp"
#include "common/home.hpp"
#include "common/i18n.hpp"
#include "control/client.hpp"
#include "control/socket_path.hpp"
#include "station/catalogue.hpp"
#include "wording/import_messages.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

namespace loaxa::cli {

using wording::describe;
namespace {

// The daemon's refusals by their reason code, in the operator's words; an unknown code (a
// newer daemon) falls back to the daemon's own detail.
std::string refusal_text(const control::Request& request, const control::Error& error) {
  const auto id = request.segment;
  const std::string& r = error.reason;
  if (r == "no_such_segment" ||
      (request.command != control::Command::stop && error.kind == control::ErrorKind::not_found)) {
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

// The daemon's answer to `request`; a daemon that does not answer is an error in the
// operator's words.
control::Response ask(Context& context, const control::Request& request) {
  const auto home = resolve_home(context.home_option);
  const auto path = control::socket_path(home);
  const auto timeout = control::kDefaultTimeout;
  try {
    return control::request(path, request, timeout);
  } catch (const control::ClientError& e) {
    throw std::runtime_error(client_failure_text(e, timeout));
  }
}

void run(Context& context, const control::Request& request) {
  const control::Response response = ask(context, request);
  // Stopping when nothing plays leaves the station as asked: said, not an error.
  const bool already_quiet = response.error && response.error->reason == "nothing_on_air";
  if (response.error && !already_quiet) throw std::runtime_error(refusal_text(request, *response.error));
  if (context.json) {
    nlohmann::json out = {{"ok", true}, {"command", control::to_string(request.command)}};
    if (request.command != control::Command::stop && request.command != control::Command::reload) {
      out["segment"] = request.segment;
    }
    if (request.command == control::Command::emergency) out["repeat"] = request.repeat;
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
    case control::Command::emergency:
      std::cout << trf("EMERGENCY: loaxad is airing segment {} now, {} time(s); what was on air goes on after it.",
                       request.segment, request.repeat)
                << '\n';
      break;
    case control::Command::priority:
      std::cout << trf("Segment {} will air first in the next programme.", request.segment) << '\n';
      break;
    case control::Command::status:
      break;
  }
}

struct EmergencyOptions {
  std::string what;  // a segment's ID or a file
  int repeat = 1;
  std::string category;
  std::optional<std::string> title;
};

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// A segment's ID as typed, or the segment a file becomes: imported (approved, since the
// operator names it for the air) with the category given.
std::int64_t emergency_segment(Context& context, const EmergencyOptions& options) {
  if (all_digits(options.what)) {
    try {
      return std::stoll(options.what);
    } catch (const std::out_of_range&) {
      throw std::runtime_error(trf("there is no segment {} (see: loaxa segment list).", options.what));
    }
  }
  if (options.category.empty()) {
    throw std::runtime_error(
        trf("{} is a file: give its category to import it first, e.g. --category KC.", options.what));
  }
  // Nothing is imported for an emergency that cannot air: the daemon must answer first.
  ask(context, {control::Command::status, 0, std::nullopt});
  library::ImportRequest request;
  request.file = options.what;
  request.category = options.category;
  request.title = options.title;
  request.approve = true;
  try {
    const auto result = station::import_segment(context.station(), request);
    if (!context.json) {
      std::cout << trf("Imported segment {}: \"{}\".", result.segment.id, result.segment.title) << '\n';
    }
    return result.segment.id;
  } catch (const library::ImportError& e) {
    throw std::runtime_error(describe(e));
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
  auto emergency = std::make_shared<EmergencyOptions>();
  auto* alarm = app.add_subcommand(
      "emergency", tr("air a segment or a file at once (khẩn cấp), cutting what is on air; it then goes on"));
  alarm->add_option("SEGMENT_OR_FILE", emergency->what, tr("the segment's ID, or an audio file to import first"))
      ->required();
  alarm->add_option("--repeat", emergency->repeat, tr("how many times it airs (1 to 20)"))
      ->check(CLI::Range(1, control::kMaxEmergencyRepeat));
  alarm->add_option("--category", emergency->category, tr("a file's category (needed to import it)"));
  alarm->add_option("--title", emergency->title, tr("a file's title (default: its tag, else its name)"));
  alarm->callback([&context, emergency] {
    control::Request request{control::Command::emergency, emergency_segment(context, *emergency), std::nullopt};
    request.repeat = emergency->repeat;
    run(context, request);
  });

  auto priority = std::make_shared<std::int64_t>(0);
  auto* first = app.add_subcommand("priority", tr("air a segment first in the next programme (ưu tiên)"));
  first->add_option("SEGMENT", *priority, tr("the segment's ID (see: loaxa segment list)"))->required();
  first->callback([&context, priority] { run(context, {control::Command::priority, *priority, std::nullopt}); });

  app.add_subcommand("reload", tr("make the station service loaxad read the settings and the schedule again"))
      ->callback([&context] {
        run(context, {control::Command::reload, 0, std::nullopt});
      });
}

}  // namespace loaxa::cli
