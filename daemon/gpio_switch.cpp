#include "daemon/gpio_switch.hpp"

#include "common/i18n.hpp"
#include "daemon/log.hpp"

#include <gpiod.h>

#include <cerrno>
#include <cstring>

namespace loaxa::daemon {
namespace {

// The consumer name gpioinfo shows beside a line loaxad holds.
constexpr const char* consumer = "loaxad";

// errno as text; libgpiod leaves it set when a call returns NULL or -1. A lookup that finds
// nothing may leave it 0: that is "no such file or directory" to the operator.
std::string reason_text(int error) {
  return std::strerror(error != 0 ? error : ENOENT);
}

}  // namespace

GpioSwitch::GpioSwitch(AmplifierGpio gpio, Log& log) : gpio_(std::move(gpio)), log_(log) {
  if (const auto failure = request()) {
    log_.warn("amplifier", trf("GPIO line {} of chip {} cannot be used: {}; the amplifier will not be switched until "
                               "it can (tried again at each switching)",
                               line_text(), gpio_.chip, *failure));
    return;
  }
  log_.write("amplifier", trf("GPIO line {} of chip {} held as the amplifier's switch, set off{}", line_text(),
                              gpio_.chip, gpio_.active_low ? tr(" (active low)") : ""));
}

GpioSwitch::~GpioSwitch() {
  release();
}

void GpioSwitch::set(bool on) {
  const char* which = on ? "amp_on" : "amp_off";
  if (line_ == nullptr) {
    if (const auto failure = request()) {
      log_.warn("amplifier",
                trf("{} failed: GPIO line {} of chip {} cannot be used: {}", which, line_text(), gpio_.chip, *failure));
      return;
    }
    log_.write("amplifier", trf("GPIO line {} of chip {} held as the amplifier's switch", line_text(), gpio_.chip));
  }
  // With the active-low flag the kernel inverts: 1 is "on" in either wiring.
  if (gpiod_line_set_value(line_, on ? 1 : 0) != 0) {
    const int error = errno;
    log_.warn("amplifier", trf("{} failed: cannot set GPIO line {} of chip {}: {}", which, line_text(), gpio_.chip,
                               reason_text(error)));
    return;
  }
  const bool high = on != gpio_.active_low;
  log_.write("amplifier", trf("{} done: GPIO line {} of chip {} set {}", which, line_text(), gpio_.chip,
                              high ? tr("high") : tr("low")));
}

std::optional<std::string> GpioSwitch::request() {
  errno = 0;
  chip_ = gpiod_chip_open_lookup(gpio_.chip.c_str());
  if (chip_ == nullptr) return trf("cannot open the chip: {}", reason_text(errno));
  errno = 0;
  gpiod_line* line = std::holds_alternative<unsigned int>(gpio_.line)
                         ? gpiod_chip_get_line(chip_, std::get<unsigned int>(gpio_.line))
                         : gpiod_chip_find_line(chip_, std::get<std::string>(gpio_.line).c_str());
  if (line == nullptr) {
    const int error = errno;
    release();
    return trf("the chip has no such line: {}", reason_text(error));
  }
  const int flags = gpio_.active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
  if (gpiod_line_request_output_flags(line, consumer, flags, 0) != 0) {
    const int error = errno;
    std::string failure = trf("cannot take it as an output: {}", reason_text(error));
    // Held by another program: name it, so the operator knows what to stop.
    if (error == EBUSY && gpiod_line_update(line) == 0 && gpiod_line_consumer(line) != nullptr) {
      failure += trf(" (held by {})", gpiod_line_consumer(line));
    }
    release();
    return failure;
  }
  line_ = line;
  return std::nullopt;
}

void GpioSwitch::release() noexcept {
  if (line_ != nullptr) gpiod_line_release(line_);
  line_ = nullptr;
  if (chip_ != nullptr) gpiod_chip_close(chip_);
  chip_ = nullptr;
}

std::string GpioSwitch::line_text() const {
  if (std::holds_alternative<unsigned int>(gpio_.line)) return std::to_string(std::get<unsigned int>(gpio_.line));
  return "\"" + std::get<std::string>(gpio_.line) + "\"";
}

}  // namespace loaxa::daemon
