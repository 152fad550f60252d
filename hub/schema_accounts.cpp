#include "hub/hub_schema.hpp"

namespace loaxa::hub {

// Migration: the dashboard's users and sessions (sqlite_account_store.cpp). Instants are
// UTC text as the rest of the hub writes them. A session is kept by the digest of its
// secret; the login rate limit is kept in memory (login_limiter.hpp), not here.
const char* const kAccountsSchema = R"sql(
CREATE TABLE dashboard_user (
  name                TEXT PRIMARY KEY,
  group_name          TEXT,
  password_hash       TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE dashboard_session (
  digest     TEXT PRIMARY KEY,
  user_name  TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX dashboard_session_by_user ON dashboard_session(user_name);
)sql";

}  // namespace loaxa::hub
