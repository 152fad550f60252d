// loaxa: the operator's command line for a commune loudspeaker station.

#include "cli/commands.hpp"
#include "cli/parse_errors.hpp"
#include "common/i18n.hpp"
#include "store/busy.hpp"
#include "wording/schedule_messages.hpp"
#include "wording/station_messages.hpp"

#include <CLI/CLI.hpp>

#include <cstring>
#include <iostream>
#include <optional>
#include <string>

int main(int argc, char** argv) {
  using namespace loaxa;
  std::optional<std::string> language = language_option(argc, argv);
  if (!select_language_or_say(language, std::cerr)) return 2;

  cli::Context context;
  cli::Outcome outcome;
  CLI::App app{tr("loaxa: commune loudspeaker station — segments, programmes and the broadcast schedule"), "loaxa"};
  app.require_subcommand(1);
  // --home, --json and --lang may come anywhere on the line, also after the command.
  app.fallthrough();
  std::string lang_value;
  app.add_option("--home", context.home_option,
                 tr("station folder (default: $LOAXA_HOME, else the system service's /var/lib/loaxa when installed, "
                    "else ~/.local/share/loaxa)"));
  app.add_flag("--json", context.json, tr("print machine-readable JSON"));
  app.add_option("--lang", lang_value, tr("language of messages: vi (default) or en"));

  cli::add_segment_commands(app, context, outcome);
  cli::add_category_commands(app, context, outcome);
  cli::add_programme_commands(app, context, outcome);
  cli::add_slot_commands(app, context, outcome);
  cli::add_holiday_commands(app, context, outcome);
  cli::add_schedule_commands(app, context, outcome);
  cli::add_status_commands(app, context, outcome);
  cli::add_log_commands(app, context, outcome);
  cli::add_control_commands(app, context, outcome);
  cli::add_user_commands(app, context, outcome);
  cli::add_mandate_commands(app, context, outcome);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << tr("Error: ") << cli::describe(e) << '\n' << tr("See: loaxa --help") << '\n';
    return 2;
  } catch (const schedules::ScheduleError& e) {
    std::cerr << tr("Error: ") << wording::describe(e) << '\n';
    return 1;
  } catch (const station::StationError& e) {
    std::cerr << tr("Error: ") << wording::describe(e) << '\n';
    return 1;
  } catch (const store::BusyError&) {
    std::cerr << tr("Error: ")
              << tr("the station is busy: another loaxa command or the daemon is writing to it. Nothing was changed; "
                    "try again in a moment.")
              << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << tr("Error: ") << e.what() << '\n';
    return 1;
  }
  return outcome.exit_code;
}
