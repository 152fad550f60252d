#pragma once
// What actually switches the amplifier: a command pair (command_switch.hpp) or a GPIO line
// wired to a relay board (gpio_switch.hpp). The Amplifier keeps the on/off state and asks
// its switch to follow; a switch logs its own failures (naming what it tried) and never
// throws them, because the programme airs whether or not the amplifier answered.
//
// Thread safety: the event-loop thread only, like the Amplifier that owns it.

#include <memory>

namespace loaxa {
struct Config;
}

namespace loaxa::daemon {

class CommandRunner;
class Log;

class AmplifierSwitch {
 public:
  virtual ~AmplifierSwitch() = default;
  // Puts the amplifier on or off. A failure is logged, not retried here, not thrown.
  virtual void set(bool on) = 0;
  // Something is wired: switching on takes the amplifier's lead time.
  virtual bool switches() const noexcept = 0;
};

// The switch loaxa.toml's [amplifier] names: its GPIO line (requested now, held until the
// switch is destroyed), its commands, or nothing (a command switch with no command).
std::unique_ptr<AmplifierSwitch> make_amplifier_switch(const Config& config, CommandRunner& runner, Log& log);

}  // namespace loaxa::daemon
