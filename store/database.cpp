#include "store/database.hpp"

#include "store/migrations.hpp"

namespace loaxa::store {
namespace {
constexpr int kBusyTimeoutMs = 5000;
}

Database::Database(const std::filesystem::path& file)
    : Database(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, -1) {}

Database Database::in_memory(int version) {
  return Database(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, version);
}

Database::Database(const std::string& name, int flags, int version) : db_(name, flags, kBusyTimeoutMs) {
  db_.exec("PRAGMA journal_mode=WAL");
  db_.exec("PRAGMA foreign_keys=ON");
  // WAL with synchronous=NORMAL loses no committed transaction on a crash of the program,
  // only possibly the last ones on a power cut; FULL keeps those too, and imports are rare.
  db_.exec("PRAGMA synchronous=FULL");
  migrate(db_, version < 0 ? latest_schema_version() : version);
}

int Database::schema_version() {
  return store::schema_version(db_);
}

}  // namespace loaxa::store
