#pragma once
// When a dashboard session ends. A session ends 30 minutes after its last request (a
// browser left open in the commune office does not stay signed in) and 12 hours after the
// login whatever happens (a working day; a stolen cookie is good for a day at most). Its
// last-request time is written at most once a minute, not at every page.
//
// Pure; safe from any thread.

#include "common/clock.hpp"

#include <chrono>

namespace loaxa::web {

struct SessionPolicy {
  std::chrono::minutes idle{30};
  std::chrono::minutes absolute{12 * 60};
  std::chrono::seconds touch_every{60};
};

struct SessionTimes {
  Instant created_at{};
  Instant last_seen{};
};

enum class SessionState { valid, idle_expired, absolute_expired };

// Times ahead of `now` (the clock was set back) do not end a session early.
SessionState session_state(const SessionTimes& times, Instant now, const SessionPolicy& policy = {}) noexcept;

// The first instant it is no longer valid (unless touched before).
Instant session_ends(const SessionTimes& times, const SessionPolicy& policy = {}) noexcept;

// Whether a request at `now` should write the session's last-request time.
bool session_needs_touch(const SessionTimes& times, Instant now, const SessionPolicy& policy = {}) noexcept;

}  // namespace loaxa::web
