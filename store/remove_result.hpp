#pragma once
// What a removal did, so callers need no SQLite error codes to tell "not there" from
// "still used".

#include <cstdint>

namespace loaxa::store {

class Database;

enum class RemoveResult {
  removed,
  not_found,
  in_use,  // something still refers to it (a foreign key); nothing was changed
};

// For the stores: runs `delete_sql` (one `?`, bound to `id`) in a WriteTransaction and
// reports a foreign key failure as in_use. Throws BusyError, SQLite::Exception otherwise.
RemoveResult remove_row(Database& db, const char* delete_sql, std::int64_t id);

}  // namespace loaxa::store
