#include "daemon/amplifier.hpp"

#include "daemon/command_switch.hpp"

namespace loaxa::daemon {

Amplifier::Amplifier(std::unique_ptr<AmplifierSwitch> wired_switch) : switch_(std::move(wired_switch)) {}

Amplifier::Amplifier(CommandRunner& runner, std::vector<std::string> on, std::vector<std::string> off, Log& log,
                     std::chrono::milliseconds timeout)
    : Amplifier(std::make_unique<CommandSwitch>(runner, std::move(on), std::move(off), log, timeout)) {}

void Amplifier::switch_on() {
  if (on_) return;
  on_ = true;
  switch_->set(true);
}

void Amplifier::switch_off() {
  if (!on_) return;
  on_ = false;
  switch_->set(false);
}

}  // namespace loaxa::daemon
