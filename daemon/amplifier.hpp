#pragma once
// The amplifier's state, and the switch that makes the real one follow it (amplifier_switch.hpp:
// loaxa.toml's [amplifier] commands or GPIO line). With nothing configured nothing is
// switched, but the state is still kept, so the scheduler's decisions are the same with or
// without a switch. A switching that fails is logged by the switch and counted as done: the
// programme airs anyway (an amplifier left on is better than a bulletin not played), and it
// is not retried in a loop.
//
// Thread safety: the event-loop thread only; switch_on/switch_off block for at most the
// switch's timeout. Nothing throws but std::bad_alloc.

#include "daemon/amplifier_switch.hpp"
#include "daemon/command_runner.hpp"
#include "daemon/log.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace loaxa::daemon {

class Amplifier {
 public:
  explicit Amplifier(std::unique_ptr<AmplifierSwitch> wired_switch);
  // Switched by commands (a CommandSwitch); empty commands: nothing is run.
  Amplifier(CommandRunner& runner, std::vector<std::string> on, std::vector<std::string> off, Log& log,
            std::chrono::milliseconds timeout = std::chrono::seconds(10));

  void switch_on();
  void switch_off();
  bool is_on() const noexcept { return on_; }
  // A switch is wired (an amp_on command, a GPIO line): switching on takes the amplifier's
  // lead time.
  bool switched() const noexcept { return switch_->switches(); }

 private:
  std::unique_ptr<AmplifierSwitch> switch_;
  bool on_ = false;
};

}  // namespace loaxa::daemon
