#pragma once
// The station console's users and their sessions (migration 7). A user is a name, a role
// ("operator" or "viewer") and a web::hash_password string; a session is the digest of its
// secret, never the secret. The rules (which names, which passwords, when a session ends)
// live in station/users.hpp and web/session_rules.hpp; this only keeps the rows.
//
// Call on the thread that owns the Database. Each write is one IMMEDIATE transaction (a
// savepoint inside the caller's) and throws BusyError as the other stores do.

#include "schedules/civil_time.hpp"
#include "store/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace loaxa::store {

struct ConsoleUser {
  std::string name;
  std::string role;  // "operator" or "viewer" (the table's CHECK refuses anything else)
  std::string password_hash;
  schedules::UtcTime created_at{};
  schedules::UtcTime password_changed_at{};
};

struct ConsoleSession {
  std::string digest;  // web::digest_hex(secret)
  std::string user;
  schedules::UtcTime created_at{};
  schedules::UtcTime last_seen{};
};

class UserStore {
 public:
  explicit UserStore(Database& db) noexcept : db_(db) {}

  // False when a user of that name exists already (nothing is changed).
  bool add(const ConsoleUser& user);
  std::optional<ConsoleUser> find(const std::string& name);
  std::vector<ConsoleUser> list();  // by name
  // Removes the user and (by the foreign key's cascade) their sessions; false when none.
  bool remove(const std::string& name);
  // Replaces the password and ends the user's sessions; false when there is no such user.
  bool set_password(const std::string& name, const std::string& password_hash, schedules::UtcTime at);
  // False when there is no such user.
  bool set_role(const std::string& name, const std::string& role);

  // False when the user does not exist (nothing is added).
  bool add_session(const ConsoleSession& session);
  std::optional<ConsoleSession> find_session(const std::string& digest);
  void touch_session(const std::string& digest, schedules::UtcTime at);
  void remove_session(const std::string& digest);
  // Forgets sessions created before `created_before` or last seen before `seen_before`.
  void remove_sessions_ended(schedules::UtcTime created_before, schedules::UtcTime seen_before);
  int session_count(const std::string& user);

 private:
  Database& db_;
};

}  // namespace loaxa::store
