#include "daemon/command_switch.hpp"

#include "common/i18n.hpp"
#include "daemon/log.hpp"

#include <cstring>

namespace loaxa::daemon {

CommandSwitch::CommandSwitch(CommandRunner& runner, std::vector<std::string> on, std::vector<std::string> off, Log& log,
                             std::chrono::milliseconds timeout)
    : runner_(runner), on_command_(std::move(on)), off_command_(std::move(off)), log_(log), timeout_(timeout) {}

void CommandSwitch::set(bool on) {
  const std::vector<std::string>& argv = on ? on_command_ : off_command_;
  const char* which = on ? "amp_on" : "amp_off";
  if (argv.empty()) return;
  const CommandResult result = runner_.run(argv, timeout_);
  switch (result.outcome) {
    case CommandResult::Outcome::exited:
      if (result.code == 0) {
        log_.write("amplifier", trf("{} done: {}", which, argv.front()));
      } else {
        log_.warn("amplifier", trf("{} failed: {} exited with status {}", which, argv.front(), result.code));
      }
      return;
    case CommandResult::Outcome::killed_by_signal:
      log_.warn("amplifier", trf("{} failed: {} was killed by signal {}", which, argv.front(), result.code));
      return;
    case CommandResult::Outcome::timed_out:
      log_.warn("amplifier", trf("{} failed: {} did not finish within {} s and was stopped", which, argv.front(),
                                 std::chrono::duration_cast<std::chrono::seconds>(timeout_).count()));
      return;
    case CommandResult::Outcome::not_started:
      log_.warn("amplifier", trf("{} failed: cannot run {}: {}", which, argv.front(), std::strerror(result.code)));
      return;
  }
}

}  // namespace loaxa::daemon
