#pragma once
// The amplifier's switch: loaxa.toml's [amplifier] amp_on / amp_off commands, run without a
// shell and with a timeout. With no command configured nothing is run, but the state is
// still kept, so the scheduler's decisions are the same with or without a switch. A failing
// command is logged and counted as done: the programme airs anyway (an amplifier left on is
// better than a bulletin not played), and the command is not retried in a loop.
//
// Thread safety: the event-loop thread only; switch_on/switch_off block for at most the
// timeout. Nothing throws but std::bad_alloc.

#include "daemon/command_runner.hpp"
#include "daemon/log.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace loaxa::daemon {

class Amplifier {
 public:
  Amplifier(CommandRunner& runner, std::vector<std::string> on, std::vector<std::string> off, Log& log,
            std::chrono::milliseconds timeout = std::chrono::seconds(10));

  void switch_on();
  void switch_off();
  bool is_on() const noexcept { return on_; }
  // An amp_on command is configured: switching on takes the amplifier's lead time.
  bool switched() const noexcept { return !on_command_.empty(); }

 private:
  void run(const std::vector<std::string>& argv, const char* which);

  CommandRunner& runner_;
  std::vector<std::string> on_command_;
  std::vector<std::string> off_command_;
  Log& log_;
  std::chrono::milliseconds timeout_;
  bool on_ = false;
};

}  // namespace loaxa::daemon
