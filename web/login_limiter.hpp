#pragma once
// The dashboard's login rate limit, per key: the user name tried ("user:NAME") and the
// client's address ("addr:IP") are each a key, and a login waits for the longer of the two.
// The first 5 failures of a key cost nothing; each one after locks the key for 30 s, then
// 60 s, 120 s, … up to an hour. A success clears the key; a key without a failure for a day
// is forgotten. Guessing one user's password from many addresses, or many users' from one
// address, is thus slowed alike.
//
// Kept in memory: a restart of the hub clears it (an attacker cannot restart the hub).
// At most `max_keys` keys are kept; beyond, the ones that failed longest ago go first.
//
// Thread safety: one thread (the server's io thread).

#include "common/clock.hpp"

#include <chrono>
#include <cstddef>
#include <map>
#include <string>

namespace loaxa::web {

struct LoginLimitPolicy {
  int free_failures = 5;
  std::chrono::seconds first_lockout{30};
  std::chrono::seconds max_lockout{3600};
  std::chrono::hours forget_after{24};
  std::size_t max_keys = 10000;
};

class LoginLimiter {
 public:
  explicit LoginLimiter(LoginLimitPolicy policy = {}) : policy_(policy) {}

  // How long `key` must still wait before its next try; zero when it may try now.
  std::chrono::seconds wait(const std::string& key, Instant now) const;
  void failed(const std::string& key, Instant now);
  void succeeded(const std::string& key);

  std::size_t keys() const noexcept { return entries_.size(); }

 private:
  struct Entry {
    int failures = 0;
    Instant last_failure{};
    Instant locked_until{};
  };
  void forget_old(Instant now);

  LoginLimitPolicy policy_;
  std::map<std::string, Entry> entries_;
};

}  // namespace loaxa::web
