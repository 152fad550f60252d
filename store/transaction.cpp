#include "store/transaction.hpp"

#include <sqlite3.h>

namespace loaxa::store {
namespace {

bool in_transaction(SQLite::Database& db) {
  return sqlite3_get_autocommit(db.getHandle()) == 0;
}

}  // namespace

bool is_busy(const SQLite::Exception& e) noexcept {
  const int code = e.getErrorCode() & 0xff;
  return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

WriteTransaction::WriteTransaction(Database& db) : db_(db.sql()), nested_(in_transaction(db_)) {
  busy_as_error([&] { db_.exec(nested_ ? "SAVEPOINT loaxa_write" : "BEGIN IMMEDIATE"); });
}

WriteTransaction::~WriteTransaction() {
  if (done_) return;
  try {
    if (nested_) {
      db_.exec("ROLLBACK TO loaxa_write");
      db_.exec("RELEASE loaxa_write");
    } else if (in_transaction(db_)) {
      db_.exec("ROLLBACK");
    }
  } catch (...) {  // a destructor must not throw; SQLite rolls back on close anyway
  }
}

void WriteTransaction::commit() {
  busy_as_error([&] { db_.exec(nested_ ? "RELEASE loaxa_write" : "COMMIT"); });
  done_ = true;
}

ReadTransaction::ReadTransaction(Database& db) : db_(db.sql()), nested_(in_transaction(db_)) {
  if (nested_) return;  // the caller's transaction already holds a snapshot
  busy_as_error([&] {
    db_.exec("BEGIN DEFERRED");
    // A deferred transaction takes its snapshot at the first read; take it now.
    db_.execAndGet("SELECT count(*) FROM sqlite_master");
  });
}

ReadTransaction::~ReadTransaction() {
  if (nested_) return;
  try {
    if (in_transaction(db_)) db_.exec("COMMIT");
  } catch (...) {
  }
}

}  // namespace loaxa::store
