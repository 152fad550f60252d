#pragma once
// What the dashboard keeps: its users (a name, an optional group, a crypto_pwhash string)
// and their sessions (a digest of the session's secret, never the secret itself, so a copy
// of the database signs nobody in). Behind this narrow interface so the rules
// (dashboard.hpp, session_rules.hpp) never see SQL; sqlite_account_store.hpp keeps it in
// the hub's database.
//
// Thread safety: one AccountStore per thread. Methods throw std::runtime_error on a storage
// failure; AccountStoreError for a refused change.

#include "common/clock.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace loaxa::hub {

class AccountStoreError : public std::runtime_error {
 public:
  enum class Kind { user_exists };
  AccountStoreError(Kind kind_, const std::string& user)
      : std::runtime_error("user '" + user + "' already exists"), kind(kind_) {}
  Kind kind;
};

struct Account {
  std::string name;
  std::optional<std::string> group;  // nullopt: every station
  std::string password_hash;         // web::hash_password()
  Instant created_at{};
  Instant password_changed_at{};
};

struct StoredSession {
  std::string digest;  // web::digest_hex(secret)
  std::string user;
  Instant created_at{};
  Instant last_seen{};
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Throws AccountStoreError{user_exists}.
  virtual void add_user(const Account& account) = 0;
  virtual std::optional<Account> find_user(const std::string& name) = 0;
  virtual std::vector<Account> users() = 0;  // by name
  // Removes the user and ends their sessions; false when there was none.
  virtual bool remove_user(const std::string& name) = 0;
  // Replaces the password and ends the user's sessions; false when there is no such user.
  virtual bool set_password(const std::string& name, const std::string& password_hash, Instant at) = 0;

  virtual void add_session(const StoredSession& session) = 0;
  virtual std::optional<StoredSession> find_session(const std::string& digest) = 0;
  virtual void touch_session(const std::string& digest, Instant at) = 0;
  virtual void remove_session(const std::string& digest) = 0;
  // Forgets sessions created before `created_before` or idle since before `seen_before`.
  virtual void remove_sessions_ended(Instant created_before, Instant seen_before) = 0;
  virtual int session_count(const std::string& user) = 0;
};

}  // namespace loaxa::hub
