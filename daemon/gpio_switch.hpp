#pragma once
// The amplifier switched by a GPIO line (libgpiod 1.6, the kernel's GPIO character device),
// for the relay boards stations wire to a PC or a single-board computer.
//
// The line is requested as an output once, at construction, with the consumer "loaxad" and
// the value off, and held for the switch's lifetime: while the daemon runs no other program
// can toggle it (gpioset on it fails with "Device or resource busy"). active_low is the
// kernel's flag: on is the line low. A chip or line that cannot be had is logged at once,
// naming the chip, the line and the system's reason; each later set() tries to request it
// again (the relay board may be plugged in after the daemon started) and logs again if it
// still cannot, so the journal says at every switching that the amplifier was not
// switched. The daemon runs on either way.
//
// Thread safety: the event-loop thread only. Nothing throws but std::bad_alloc.

#include "config/config.hpp"
#include "daemon/amplifier_switch.hpp"

#include <memory>
#include <optional>
#include <string>

struct gpiod_chip;
struct gpiod_line;

namespace loaxa::daemon {

class GpioSwitch final : public AmplifierSwitch {
 public:
  GpioSwitch(AmplifierGpio gpio, Log& log);
  ~GpioSwitch() override;  // releases the line (its value stays as last set) and the chip
  GpioSwitch(const GpioSwitch&) = delete;
  GpioSwitch& operator=(const GpioSwitch&) = delete;

  void set(bool on) override;
  bool switches() const noexcept override { return true; }
  // The line is requested and held by this switch.
  bool held() const noexcept { return line_ != nullptr; }

 private:
  // Opens the chip, finds the line, requests it as an output set off. Returns what could
  // not be done and the system's reason, or nothing when the line is held.
  std::optional<std::string> request();
  void release() noexcept;
  std::string line_text() const;

  AmplifierGpio gpio_;
  Log& log_;
  gpiod_chip* chip_ = nullptr;
  gpiod_line* line_ = nullptr;
};

}  // namespace loaxa::daemon
