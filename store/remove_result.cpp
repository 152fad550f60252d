#include "store/remove_result.hpp"

#include "store/transaction.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

namespace loaxa::store {

RemoveResult remove_row(Database& db, const char* delete_sql, std::int64_t id) {
  WriteTransaction transaction(db);
  SQLite::Statement q(db.sql(), delete_sql);
  q.bind(1, id);
  int changed = 0;
  try {
    changed = q.exec();
  } catch (const SQLite::Exception& e) {
    // Foreign keys are checked per statement, so the failed DELETE has undone itself.
    if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY) return RemoveResult::in_use;
    throw;
  }
  transaction.commit();
  return changed == 0 ? RemoveResult::not_found : RemoveResult::removed;
}

}  // namespace loaxa::store
