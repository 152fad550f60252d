#pragma once
// loaxad under systemd (Type=notify, WatchdogSec=): READY=1 just before the event loop runs,
// STOPPING=1 on SIGTERM, WATCHDOG=1 from a loop timer, so a stuck loop gets restarted.
// Outside systemd ($NOTIFY_SOCKET unset) every call does nothing.
//
// Thread safety: the event-loop thread. Nothing throws.

#include <chrono>
#include <optional>

namespace loaxa::daemon {

void notify_ready() noexcept;
void notify_stopping() noexcept;
void notify_watchdog() noexcept;
// How often to ping the watchdog (half its timeout), when systemd set one for this process.
std::optional<std::chrono::microseconds> watchdog_ping_interval() noexcept;

}  // namespace loaxa::daemon
