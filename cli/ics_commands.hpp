#pragma once
// loaxa schedule export --ics FILE | schedule import --ics FILE: the schedule as an iCalendar
// file, and a calendar kept elsewhere read into the station (docs/SCHEDULING.md, "Calendar
// files (ICS)"). Registered under the `schedule` subcommand by add_schedule_commands().

#include "cli/commands.hpp"

namespace loaxa::cli {

void add_ics_commands(CLI::App& schedule, Context& context, Outcome& outcome);

}  // namespace loaxa::cli
