#pragma once
// Each group of commands registers its CLI11 subcommands; the callbacks run the command and
// throw an operator message (std::runtime_error) on failure.

#include "cli/context.hpp"

namespace CLI {
class App;
}

namespace loaxa::cli {

// Set by a command that did part of its work (e.g. some files of several failed).
struct Outcome {
  int exit_code = 0;
};

void add_segment_commands(CLI::App& app, Context& context, Outcome& outcome);
void add_category_commands(CLI::App& app, Context& context, Outcome& outcome);
void add_programme_commands(CLI::App& app, Context& context, Outcome& outcome);
void add_slot_commands(CLI::App& app, Context& context, Outcome& outcome);
void add_holiday_commands(CLI::App& app, Context& context, Outcome& outcome);
void add_schedule_commands(CLI::App& app, Context& context, Outcome& outcome);
void add_status_commands(CLI::App& app, Context& context, Outcome& outcome);
void add_log_commands(CLI::App& app, Context& context, Outcome& outcome);
// play, stop, reload: talk to the running daemon (control/).
void add_control_commands(CLI::App& app, Context& context, Outcome& outcome);
// The station console's users (station/users.hpp).
void add_user_commands(CLI::App& app, Context& context, Outcome& outcome);
// The district's bulletins at this station (station/mandates.hpp).
void add_mandate_commands(CLI::App& app, Context& context, Outcome& outcome);

}  // namespace loaxa::cli
