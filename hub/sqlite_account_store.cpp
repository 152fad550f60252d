#include "hub/sqlite_account_store.hpp"

#include "hub/method_transaction.hpp"
#include "store/utc_text.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace loaxa::hub {
namespace {

Account account_from(SQLite::Statement& row) {
  Account account;
  account.name = row.getColumn(0).getString();
  if (!row.getColumn(1).isNull()) account.group = row.getColumn(1).getString();
  account.password_hash = row.getColumn(2).getString();
  account.created_at = store::parse_utc_text(row.getColumn(3).getString());
  account.password_changed_at = store::parse_utc_text(row.getColumn(4).getString());
  return account;
}

constexpr const char* kUserColumns = "SELECT name, group_name, password_hash, created_at, password_changed_at ";

void delete_sessions_of(SQLite::Database& db, const std::string& name) {
  SQLite::Statement gone(db, "DELETE FROM dashboard_session WHERE user_name = ?");
  gone.bind(1, name);
  gone.exec();
}

}  // namespace

void SqliteAccountStore::add_user(const Account& account) {
  MethodTransaction transaction(db_);
  SQLite::Statement exists(db_, "SELECT 1 FROM dashboard_user WHERE name = ?");
  exists.bind(1, account.name);
  if (exists.executeStep()) throw AccountStoreError(AccountStoreError::Kind::user_exists, account.name);
  SQLite::Statement insert(db_,
                           "INSERT INTO dashboard_user (name, group_name, password_hash, created_at, "
                           "password_changed_at) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, account.name);
  if (account.group) {
    insert.bind(2, *account.group);
  } else {
    insert.bind(2);
  }
  insert.bind(3, account.password_hash);
  insert.bind(4, store::utc_text(account.created_at));
  insert.bind(5, store::utc_text(account.password_changed_at));
  insert.exec();
  transaction.commit();
}

std::optional<Account> SqliteAccountStore::find_user(const std::string& name) {
  MethodTransaction transaction(db_, "BEGIN");
  SQLite::Statement query(db_, std::string(kUserColumns) + "FROM dashboard_user WHERE name = ?");
  query.bind(1, name);
  std::optional<Account> found;
  if (query.executeStep()) found = account_from(query);
  transaction.commit();
  return found;
}

std::vector<Account> SqliteAccountStore::users() {
  MethodTransaction transaction(db_, "BEGIN");
  SQLite::Statement query(db_, std::string(kUserColumns) + "FROM dashboard_user ORDER BY name");
  std::vector<Account> all;
  while (query.executeStep()) all.push_back(account_from(query));
  transaction.commit();
  return all;
}

bool SqliteAccountStore::remove_user(const std::string& name) {
  MethodTransaction transaction(db_);
  SQLite::Statement remove(db_, "DELETE FROM dashboard_user WHERE name = ?");
  remove.bind(1, name);
  const bool removed = remove.exec() > 0;
  delete_sessions_of(db_, name);
  transaction.commit();
  return removed;
}

bool SqliteAccountStore::set_password(const std::string& name, const std::string& password_hash, Instant at) {
  MethodTransaction transaction(db_);
  SQLite::Statement update(db_, "UPDATE dashboard_user SET password_hash = ?, password_changed_at = ? WHERE name = ?");
  update.bind(1, password_hash);
  update.bind(2, store::utc_text(at));
  update.bind(3, name);
  const bool changed = update.exec() > 0;
  delete_sessions_of(db_, name);
  transaction.commit();
  return changed;
}

void SqliteAccountStore::add_session(const StoredSession& session) {
  MethodTransaction transaction(db_);
  SQLite::Statement insert(
      db_, "INSERT INTO dashboard_session (digest, user_name, created_at, last_seen) VALUES (?, ?, ?, ?)");
  insert.bind(1, session.digest);
  insert.bind(2, session.user);
  insert.bind(3, store::utc_text(session.created_at));
  insert.bind(4, store::utc_text(session.last_seen));
  insert.exec();
  transaction.commit();
}

std::optional<StoredSession> SqliteAccountStore::find_session(const std::string& digest) {
  MethodTransaction transaction(db_, "BEGIN");
  SQLite::Statement query(db_,
                          "SELECT digest, user_name, created_at, last_seen FROM dashboard_session WHERE digest = ?");
  query.bind(1, digest);
  std::optional<StoredSession> found;
  if (query.executeStep()) {
    found = StoredSession{query.getColumn(0).getString(), query.getColumn(1).getString(),
                          store::parse_utc_text(query.getColumn(2).getString()),
                          store::parse_utc_text(query.getColumn(3).getString())};
  }
  transaction.commit();
  return found;
}

void SqliteAccountStore::touch_session(const std::string& digest, Instant at) {
  MethodTransaction transaction(db_);
  SQLite::Statement update(db_, "UPDATE dashboard_session SET last_seen = ? WHERE digest = ?");
  update.bind(1, store::utc_text(at));
  update.bind(2, digest);
  update.exec();
  transaction.commit();
}

void SqliteAccountStore::remove_session(const std::string& digest) {
  MethodTransaction transaction(db_);
  SQLite::Statement remove(db_, "DELETE FROM dashboard_session WHERE digest = ?");
  remove.bind(1, digest);
  remove.exec();
  transaction.commit();
}

void SqliteAccountStore::remove_sessions_ended(Instant created_before, Instant seen_before) {
  MethodTransaction transaction(db_);
  SQLite::Statement remove(db_, "DELETE FROM dashboard_session WHERE created_at < ? OR last_seen < ?");
  remove.bind(1, store::utc_text(created_before));
  remove.bind(2, store::utc_text(seen_before));
  remove.exec();
  transaction.commit();
}

int SqliteAccountStore::session_count(const std::string& user) {
  MethodTransaction transaction(db_, "BEGIN");
  SQLite::Statement query(db_, "SELECT count(*) FROM dashboard_session WHERE user_name = ?");
  query.bind(1, user);
  query.executeStep();
  const int count = query.getColumn(0).getInt();
  transaction.commit();
  return count;
}

}  // namespace loaxa::hub
