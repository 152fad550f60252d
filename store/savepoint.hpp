#pragma once
// A transaction that nests: at the top level it behaves as BEGIN/COMMIT, inside a caller's
// transaction it commits with it. Rolled back in the destructor unless released, like
// SQLite::Transaction. (SQLiteCpp 3.2's Savepoint rolls back without releasing, which would
// leave a top-level transaction open, hence this one.)

#include <SQLiteCpp/Database.h>

namespace loaxa::store {

class Savepoint {
 public:
  explicit Savepoint(SQLite::Database& db) : db_(db) { db_.exec("SAVEPOINT loaxa"); }
  ~Savepoint() {
    if (released_) return;
    try {
      db_.exec("ROLLBACK TO loaxa");
      db_.exec("RELEASE loaxa");
    } catch (...) {  // a destructor must not throw; SQLite rolls back on close anyway
    }
  }
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;

  // Throws SQLite::Exception.
  void release() {
    db_.exec("RELEASE loaxa");
    released_ = true;
  }

 private:
  SQLite::Database& db_;
  bool released_ = false;
};

}  // namespace loaxa::store
