#include "daemon/systemd_notify.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>

namespace loaxa::daemon {

void notify_ready() noexcept {
  sd_notify(0, "READY=1");
}
void notify_stopping() noexcept {
  sd_notify(0, "STOPPING=1");
}
void notify_watchdog() noexcept {
  sd_notify(0, "WATCHDOG=1");
}

std::optional<std::chrono::microseconds> watchdog_ping_interval() noexcept {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(static_cast<std::int64_t>(usec / 2));
}

}  // namespace loaxa::daemon
