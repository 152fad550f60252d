#include "web/login_limiter.hpp"

#include <algorithm>

namespace loaxa::web {

std::chrono::seconds LoginLimiter::wait(const std::string& key, Instant now) const {
  const auto found = entries_.find(key);
  if (found == entries_.end() || found->second.locked_until <= now) return std::chrono::seconds(0);
  // Rounded up: "try again in 0 seconds" would be a lie.
  return std::chrono::ceil<std::chrono::seconds>(found->second.locked_until - now);
}

void LoginLimiter::failed(const std::string& key, Instant now) {
  if (entries_.size() >= policy_.max_keys && !entries_.contains(key)) forget_old(now);
  auto& entry = entries_[key];
  if (entry.failures > 0 && now - entry.last_failure >= policy_.forget_after) entry = {};
  ++entry.failures;
  entry.last_failure = now;
  const int over = entry.failures - policy_.free_failures;
  if (over <= 0) return;
  auto lockout = policy_.first_lockout;
  for (int i = 1; i < over && lockout < policy_.max_lockout; ++i) lockout *= 2;
  entry.locked_until = now + std::min(lockout, policy_.max_lockout);
}

void LoginLimiter::succeeded(const std::string& key) {
  entries_.erase(key);
}

void LoginLimiter::forget_old(Instant now) {
  std::erase_if(entries_, [&](const auto& pair) {
    return now - pair.second.last_failure >= policy_.forget_after && pair.second.locked_until <= now;
  });
  while (entries_.size() >= policy_.max_keys) {
    const auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
      return a.second.last_failure < b.second.last_failure;
    });
    entries_.erase(oldest);
  }
}

}  // namespace loaxa::web
