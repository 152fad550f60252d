#pragma once
// AccountStore in the hub's database (hub.db), on the SqliteHubStore's own connection: its
// tables (dashboard_user, dashboard_session) come with the hub's migration 3
// (schema_accounts.cpp). Each method is one transaction, nested as a savepoint when the
// connection is already inside one.
//
// Thread safety: the thread that owns the connection (the SqliteHubStore's).

#include "hub/account_store.hpp"

namespace SQLite {
class Database;
}

namespace loaxa::hub {

class SqliteAccountStore final : public AccountStore {
 public:
  // `db` (SqliteHubStore::database(), already migrated) must outlive the store.
  explicit SqliteAccountStore(SQLite::Database& db) : db_(db) {}

  void add_user(const Account& account) override;
  std::optional<Account> find_user(const std::string& name) override;
  std::vector<Account> users() override;
  bool remove_user(const std::string& name) override;
  bool set_password(const std::string& name, const std::string& password_hash, Instant at) override;
  void add_session(const StoredSession& session) override;
  std::optional<StoredSession> find_session(const std::string& digest) override;
  void touch_session(const std::string& digest, Instant at) override;
  void remove_session(const std::string& digest) override;
  void remove_sessions_ended(Instant created_before, Instant seen_before) override;
  int session_count(const std::string& user) override;

 private:
  SQLite::Database& db_;
};

}  // namespace loaxa::hub
