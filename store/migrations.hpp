#pragma once
// Numbered schema migrations, applied in order at open. PRAGMA user_version records the
// version reached. A migration is never edited once released: add a new one instead.
//
// Each step runs in its own BEGIN IMMEDIATE transaction and re-reads user_version inside
// it, so several processes opening one database at once apply each step exactly once: the
// others wait for the write lock, then see the step done.
//
// Call on the thread that owns the Database.

#include <span>

namespace SQLite {
class Database;
}

namespace loaxa::store {

class Database;

struct Migration {
  int version;
  const char* sql;
  // Run after `sql`, in the same transaction, for what SQL alone cannot do (e.g. convert a
  // UTC instant to the wall time it meant in its zone). Null when the SQL is all.
  void (*convert)(SQLite::Database& db) = nullptr;
};

std::span<const Migration> migrations() noexcept;
int latest_schema_version() noexcept;

int schema_version(SQLite::Database& db);

// Applies every migration above the current version up to `target`.
// Throws std::runtime_error if the database is newer than this program knows, BusyError when
// another process holds the write lock past the busy timeout, SQLite::Exception otherwise.
void migrate(Database& db, int target);

}  // namespace loaxa::store
