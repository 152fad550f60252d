#pragma once
// One SqliteHubStore method's transaction. Alone it is `begin` (BEGIN IMMEDIATE to write,
// BEGIN to read) … COMMIT. Inside together() (a transaction already open on this
// connection) it is a savepoint: a method that fails undoes its own changes only, and the
// group's one COMMIT makes every method's changes durable at once (one fsync for several
// requests). Rolled back unless committed. Included by the store's .cpp files only.

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

namespace loaxa::hub {

class MethodTransaction {
 public:
  explicit MethodTransaction(SQLite::Database& db, const char* begin = "BEGIN IMMEDIATE")
      : db_(db), nested_(sqlite3_get_autocommit(db.getHandle()) == 0) {
    db_.exec(nested_ ? "SAVEPOINT hub_call" : begin);
  }
  ~MethodTransaction() {
    if (done_) return;
    try {
      db_.exec(nested_ ? "ROLLBACK TO hub_call; RELEASE hub_call" : "ROLLBACK");
    } catch (...) {  // SQLite rolls back on close anyway
    }
  }
  MethodTransaction(const MethodTransaction&) = delete;
  MethodTransaction& operator=(const MethodTransaction&) = delete;
  void commit() {
    db_.exec(nested_ ? "RELEASE hub_call" : "COMMIT");
    done_ = true;
  }

 private:
  SQLite::Database& db_;
  bool nested_;
  bool done_ = false;
};

}  // namespace loaxa::hub
