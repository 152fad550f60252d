#include "daemon/amplifier_switch.hpp"

#include "config/config.hpp"
#include "daemon/command_switch.hpp"
#include "daemon/gpio_switch.hpp"

namespace loaxa::daemon {

std::unique_ptr<AmplifierSwitch> make_amplifier_switch(const Config& config, CommandRunner& runner, Log& log) {
  // load_config() refuses a file with both forms.
  if (config.amp_gpio) return std::make_unique<GpioSwitch>(*config.amp_gpio, log);
  return std::make_unique<CommandSwitch>(runner, config.amp_on, config.amp_off, log);
}

}  // namespace loaxa::daemon
