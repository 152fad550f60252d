#include "store/user_store.hpp"

#include "store/transaction.hpp"
#include "store/utc_text.hpp"

#include <SQLiteCpp/Statement.h>

namespace loaxa::store {
namespace {

constexpr const char* kUserColumns = "SELECT name, role, password_hash, created_at, password_changed_at ";

ConsoleUser user_from(SQLite::Statement& row) {
  return {row.getColumn(0).getString(), row.getColumn(1).getString(), row.getColumn(2).getString(),
          parse_utc_text(row.getColumn(3).getString()), parse_utc_text(row.getColumn(4).getString())};
}

void delete_sessions_of(Database& db, const std::string& name) {
  SQLite::Statement gone(db.sql(), "DELETE FROM console_sessions WHERE user = ?");
  gone.bind(1, name);
  gone.exec();
}

}  // namespace

bool UserStore::add(const ConsoleUser& user) {
  WriteTransaction transaction(db_);
  SQLite::Statement insert(db_.sql(),
                           "INSERT INTO console_users (name, role, password_hash, created_at, password_changed_at) "
                           "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  insert.bind(1, user.name);
  insert.bind(2, user.role);
  insert.bind(3, user.password_hash);
  insert.bind(4, utc_text(user.created_at));
  insert.bind(5, utc_text(user.password_changed_at));
  const bool added = insert.exec() == 1;
  transaction.commit();
  return added;
}

std::optional<ConsoleUser> UserStore::find(const std::string& name) {
  SQLite::Statement query(db_.sql(), std::string(kUserColumns) + "FROM console_users WHERE name = ?");
  query.bind(1, name);
  if (!query.executeStep()) return std::nullopt;
  return user_from(query);
}

std::vector<ConsoleUser> UserStore::list() {
  SQLite::Statement query(db_.sql(), std::string(kUserColumns) + "FROM console_users ORDER BY name");
  std::vector<ConsoleUser> out;
  while (query.executeStep()) out.push_back(user_from(query));
  return out;
}

bool UserStore::remove(const std::string& name) {
  WriteTransaction transaction(db_);
  SQLite::Statement remove(db_.sql(), "DELETE FROM console_users WHERE name = ?");
  remove.bind(1, name);
  const bool removed = remove.exec() > 0;
  transaction.commit();
  return removed;
}

bool UserStore::set_password(const std::string& name, const std::string& password_hash, schedules::UtcTime at) {
  WriteTransaction transaction(db_);
  SQLite::Statement update(db_.sql(),
                           "UPDATE console_users SET password_hash = ?, password_changed_at = ? WHERE name = ?");
  update.bind(1, password_hash);
  update.bind(2, utc_text(at));
  update.bind(3, name);
  const bool changed = update.exec() > 0;
  delete_sessions_of(db_, name);
  transaction.commit();
  return changed;
}

bool UserStore::set_role(const std::string& name, const std::string& role) {
  WriteTransaction transaction(db_);
  SQLite::Statement update(db_.sql(), "UPDATE console_users SET role = ? WHERE name = ?");
  update.bind(1, role);
  update.bind(2, name);
  const bool changed = update.exec() > 0;
  transaction.commit();
  return changed;
}

bool UserStore::add_session(const ConsoleSession& session) {
  WriteTransaction transaction(db_);
  // Checked here rather than left to the foreign key, whose failure is an exception that
  // says nothing of which row was missing.
  SQLite::Statement insert(db_.sql(),
                           "INSERT INTO console_sessions (digest, user, created_at, last_seen) "
                           "SELECT ?, name, ?, ? FROM console_users WHERE name = ?");
  insert.bind(1, session.digest);
  insert.bind(2, utc_text(session.created_at));
  insert.bind(3, utc_text(session.last_seen));
  insert.bind(4, session.user);
  const bool added = insert.exec() == 1;
  transaction.commit();
  return added;
}

std::optional<ConsoleSession> UserStore::find_session(const std::string& digest) {
  SQLite::Statement query(db_.sql(),
                          "SELECT digest, user, created_at, last_seen FROM console_sessions WHERE digest = ?");
  query.bind(1, digest);
  if (!query.executeStep()) return std::nullopt;
  return ConsoleSession{query.getColumn(0).getString(), query.getColumn(1).getString(),
                        parse_utc_text(query.getColumn(2).getString()), parse_utc_text(query.getColumn(3).getString())};
}

void UserStore::touch_session(const std::string& digest, schedules::UtcTime at) {
  WriteTransaction transaction(db_);
  SQLite::Statement update(db_.sql(), "UPDATE console_sessions SET last_seen = ? WHERE digest = ?");
  update.bind(1, utc_text(at));
  update.bind(2, digest);
  update.exec();
  transaction.commit();
}

void UserStore::remove_session(const std::string& digest) {
  WriteTransaction transaction(db_);
  SQLite::Statement remove(db_.sql(), "DELETE FROM console_sessions WHERE digest = ?");
  remove.bind(1, digest);
  remove.exec();
  transaction.commit();
}

void UserStore::remove_sessions_ended(schedules::UtcTime created_before, schedules::UtcTime seen_before) {
  WriteTransaction transaction(db_);
  // utc_text is fixed width, so the text compares as the time does.
  SQLite::Statement remove(db_.sql(), "DELETE FROM console_sessions WHERE created_at < ? OR last_seen < ?");
  remove.bind(1, utc_text(created_before));
  remove.bind(2, utc_text(seen_before));
  remove.exec();
  transaction.commit();
}

int UserStore::session_count(const std::string& user) {
  SQLite::Statement query(db_.sql(), "SELECT count(*) FROM console_sessions WHERE user = ?");
  query.bind(1, user);
  query.executeStep();
  return query.getColumn(0).getInt();
}

}  // namespace loaxa::store
