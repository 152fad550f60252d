#pragma once
// Transactions that two processes (the CLI and the daemon) can share a database with.
//
// WriteTransaction starts as BEGIN IMMEDIATE: the write lock is taken at the start, while the
// busy timeout can still wait for it, instead of at the first write of a read transaction,
// where SQLite must fail at once with SQLITE_BUSY to avoid a deadlock. Inside a caller's
// transaction it is a SAVEPOINT and commits with the caller's.
//
// ReadTransaction holds one snapshot: every statement inside it sees the database as it was
// at its first read, whatever another process commits meanwhile.
//
// Both roll back in the destructor unless committed. One per Database at a time, on the
// thread that owns that Database. Throws BusyError when the lock is not had in time, and
// SQLite::Exception for other failures.

#include "store/busy.hpp"
#include "store/database.hpp"

namespace loaxa::store {

class WriteTransaction {
 public:
  explicit WriteTransaction(Database& db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void commit();

 private:
  SQLite::Database& db_;
  bool nested_;
  bool done_ = false;
};

class ReadTransaction {
 public:
  explicit ReadTransaction(Database& db);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  SQLite::Database& db_;
  bool nested_;
};

}  // namespace loaxa::store
