#pragma once
// The station database: one SQLite file in WAL mode, opened through SQLiteCpp's RAII
// connection, with foreign keys on and a busy timeout (5 s) so the CLI and the daemon can
// share it.
//
// Thread safety: one Database per thread; SQLite serialises writers across processes.
// Several processes may open the same file at once, even a brand-new one.

#include <SQLiteCpp/Database.h>

#include <filesystem>

namespace loaxa::store {

class Database {
 public:
  // Opens (creating if needed) and brings the schema to the latest version. A file it
  // creates is mode 0660 whatever the umask (the operator's CLI and the daemon's own user
  // share it through the loaxa group); an existing file's mode is left alone.
  // Throws BusyError when another process holds the database past the busy timeout,
  // std::system_error when the file cannot be created, std::runtime_error when the file is
  // newer than this program, ScheduleError{unknown_time_zone} when migration 3 meets a slot
  // whose zone this machine does not know (nothing is changed), SQLite::Exception otherwise.
  explicit Database(const std::filesystem::path& file);

  // An in-memory database for tests, migrated to `version` (default: latest).
  static Database in_memory(int version = -1);

  SQLite::Database& sql() noexcept { return db_; }
  int schema_version();

 private:
  Database(const std::string& name, int flags, int version);
  SQLite::Database db_;
};

}  // namespace loaxa::store
