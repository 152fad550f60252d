#pragma once
// Numbered schema migrations, applied in order at open. PRAGMA user_version records the
// version reached. A migration is never edited once released: add a new one instead.

#include <span>

namespace SQLite {
class Database;
}

namespace loaxa::store {

struct Migration {
  int version;
  const char* sql;
};

std::span<const Migration> migrations() noexcept;
int latest_schema_version() noexcept;

int schema_version(SQLite::Database& db);

// Applies every migration above the current version up to `target`, each in its own
// transaction. Throws std::runtime_error if the database is newer than this program knows.
void migrate(SQLite::Database& db, int target);

}  // namespace loaxa::store
