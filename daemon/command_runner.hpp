#pragma once
// Runs an external command (the amplifier's switch) without a shell: argv[0] is looked up in
// PATH, the arguments are passed as they are, stdout and stderr go where the daemon's go
// (the journal). A command that outlives its timeout is killed.
//
// Thread safety: run() from any one thread at a time per runner; it blocks until the
// command has ended or been killed. Nothing throws but std::bad_alloc.

#include <chrono>
#include <string>
#include <vector>

namespace loaxa::daemon {

struct CommandResult {
  enum class Outcome { exited, killed_by_signal, timed_out, not_started };
  Outcome outcome = Outcome::exited;
  int code = 0;  // exit status, signal number, or errno for not_started
  bool ok() const noexcept { return outcome == Outcome::exited && code == 0; }
};

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  virtual CommandResult run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) = 0;
};

// The real thing: posix_spawnp, then waits on a pidfd with the timeout (no polling loop);
// past it, SIGKILL and reap.
class ProcessRunner final : public CommandRunner {
 public:
  CommandResult run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) override;
};

}  // namespace loaxa::daemon
