#pragma once
// Checkpoints hub.db's write-ahead log on a thread of its own, for the server's writer
// connection (ingest_writer.hpp). SQLite's automatic checkpoint runs inside the commit that
// takes the log past 1000 pages: copying the pages into the database and fsyncing it, a
// third of the writer's time under a steady ingest, while the stations waited for their
// answers. Here the writer's commit only signals; this thread checkpoints (PASSIVE, which
// never blocks the writer) through its own connection, synchronous=FULL as the hub opens
// every connection, so the log is reset only once the database holds it durably (SQLite's
// rules, unchanged).

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

namespace SQLite {
class Database;
}

namespace loaxa::hub {

class WalCheckpointer {
 public:
  // Takes over `writer`'s checkpoints (its automatic checkpoint is replaced: sqlite3_wal_hook)
  // and opens a connection of its own on `file`, the same database. Call before `writer` is
  // handed to another thread. Throws SQLite::Exception when the file cannot be opened.
  WalCheckpointer(SQLite::Database& writer, const std::filesystem::path& file, int pages = 1000);
  // Gives `writer` its automatic checkpoint back and stops the thread (a checkpoint under way
  // finishes first). Call once `writer` is no longer used on another thread.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

 private:
  void request();
  void run();

  SQLite::Database& writer_;
  std::unique_ptr<SQLite::Database> own_;
  int pages_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;  // guarded by mutex_
  bool stopping_ = false;   // guarded by mutex_
  std::thread thread_;      // last: started once the rest exists
};

}  // namespace loaxa::hub
