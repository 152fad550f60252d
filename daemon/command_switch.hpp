#pragma once
// The amplifier switched by commands: loaxa.toml's [amplifier] amp_on / amp_off, run
// without a shell and with a timeout. An empty command runs nothing. A command that fails,
// is killed or times out is logged with its outcome.
//
// Thread safety: the event-loop thread only; set() blocks for at most the timeout.

#include "daemon/amplifier_switch.hpp"
#include "daemon/command_runner.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace loaxa::daemon {

class CommandSwitch final : public AmplifierSwitch {
 public:
  CommandSwitch(CommandRunner& runner, std::vector<std::string> on, std::vector<std::string> off, Log& log,
                std::chrono::milliseconds timeout = std::chrono::seconds(10));

  void set(bool on) override;
  // An amp_on command is configured.
  bool switches() const noexcept override { return !on_command_.empty(); }

 private:
  CommandRunner& runner_;
  std::vector<std::string> on_command_;
  std::vector<std::string> off_command_;
  Log& log_;
  std::chrono::milliseconds timeout_;
};

}  // namespace loaxa::daemon
