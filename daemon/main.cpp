// loaxad: the station daemon. Plays the schedule on time and writes the as-run log.

#include "common/i18n.hpp"
#include "daemon/service.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
  using namespace loaxa;
  select_language(std::nullopt);
  daemon::ServiceOptions options;
  CLI::App app{tr("loaxad: the station daemon — plays the schedule on time and keeps the as-run log"), "loaxad"};
  app.add_option("--home", options.home, tr("station folder (default: as for loaxa)"));
  app.add_option(
      "--output", options.output,
      tr("where to play: null, portaudio, portaudio:DEVICE, jack, jack:PORTS or file:PATH (default: [audio] output in "
         "loaxa.toml)"));
  bool check = false;
  app.add_flag("--check-output", check,
               tr("open the output, play a moment of silence into it and say whether it works, then exit"));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (check) return daemon::check_output(options, std::cout, std::cerr);
  return daemon::run_service(options, std::cerr);
}
