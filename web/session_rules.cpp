#include "web/session_rules.hpp"

#include <algorithm>

namespace loaxa::web {

SessionState session_state(const SessionTimes& times, Instant now, const SessionPolicy& policy) noexcept {
  if (now >= times.created_at + policy.absolute) return SessionState::absolute_expired;
  if (now >= times.last_seen + policy.idle) return SessionState::idle_expired;
  return SessionState::valid;
}

Instant session_ends(const SessionTimes& times, const SessionPolicy& policy) noexcept {
  return std::min(times.created_at + policy.absolute, times.last_seen + policy.idle);
}

bool session_needs_touch(const SessionTimes& times, Instant now, const SessionPolicy& policy) noexcept {
  return now >= times.last_seen + policy.touch_every;
}

}  // namespace loaxa::web
