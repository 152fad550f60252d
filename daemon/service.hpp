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

}  // namespace loaxa::daemon
