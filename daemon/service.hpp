#pragma once
// loaxad as a whole: resolves the home, takes the single-instance lock, opens the station
// and the output, then runs the event loop (one thread: timers, SQLite, signals) beside the
// audio thread until SIGTERM or SIGINT. main() only parses the command line.
//
// Thread safety: call once, from main().

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

namespace loaxa::daemon {

struct ServiceOptions {
  std::optional<std::filesystem::path> home;  // --home
  std::optional<std::string> output;          // --output: overrides [audio] output
};

// Returns the process's exit code: 0 after a clean stop, 1 when it cannot start (the reason
// is written to `err` for the operator).
int run_service(const ServiceOptions& options, std::ostream& err);

// `loaxad --check-output`: opens the output the daemon would use, plays a quarter of a
// second of silence into it and closes it, touching neither the schedule nor the log (no
// lock: it may run beside the daemon for a file or null output; a sound card the daemon
// holds may refuse). 0 when it works (said on `out`), 1 with the reason on `err`.
int check_output(const ServiceOptions& options, std::ostream& out, std::ostream& err);

}  // namespace loaxa::daemon
