#include "store/hub_sync_store.hpp"

#include "store/transaction.hpp"
#include "store/utc_text.hpp"

#include <SQLiteCpp/Statement.h>

namespace loaxa::store {
namespace {

std::optional<schedules::UtcTime> optional_time(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return parse_utc_text(column.getString());
}

std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

}  // namespace

void HubSyncStore::ensure_row() {
  SQLite::Statement insert(db_.sql(), "INSERT OR IGNORE INTO hub_sync (hub_url) VALUES (?)");
  insert.bind(1, url_);
  insert.exec();
}

HubSyncState HubSyncStore::load() {
  SQLite::Statement q(db_.sql(),
                      "SELECT acked_seq, last_contact, last_error, last_error_at, conflict FROM hub_sync "
                      "WHERE hub_url = ?");
  q.bind(1, url_);
  HubSyncState state;
  if (!q.executeStep()) return state;
  state.acked_seq = q.getColumn(0).getInt64();
  state.last_contact = optional_time(q.getColumn(1));
  state.last_error = optional_text(q.getColumn(2));
  state.last_error_at = optional_time(q.getColumn(3));
  state.conflict = optional_text(q.getColumn(4));
  return state;
}

void HubSyncStore::acknowledged(std::int64_t acked_seq, schedules::UtcTime at) {
  WriteTransaction transaction(db_);
  ensure_row();
  // The hub's figure is the truth (a hub restored from a backup may hold less): not a max.
  SQLite::Statement update(db_.sql(),
                           "UPDATE hub_sync SET acked_seq = ?, last_contact = ?, last_error = NULL, "
                           "last_error_at = NULL WHERE hub_url = ?");
  update.bind(1, acked_seq);
  update.bind(2, utc_text(at));
  update.bind(3, url_);
  update.exec();
  transaction.commit();
}

void HubSyncStore::failed(const std::string& error, schedules::UtcTime at) {
  WriteTransaction transaction(db_);
  ensure_row();
  SQLite::Statement update(db_.sql(), "UPDATE hub_sync SET last_error = ?, last_error_at = ? WHERE hub_url = ?");
  update.bind(1, error);
  update.bind(2, utc_text(at));
  update.bind(3, url_);
  update.exec();
  transaction.commit();
}

void HubSyncStore::conflicted(const std::string& what, schedules::UtcTime at) {
  WriteTransaction transaction(db_);
  ensure_row();
  SQLite::Statement update(db_.sql(),
                           "UPDATE hub_sync SET conflict = ?, last_error = ?, last_error_at = ? WHERE hub_url = ?");
  update.bind(1, what);
  update.bind(2, what);
  update.bind(3, utc_text(at));
  update.bind(4, url_);
  update.exec();
  transaction.commit();
}

}  // namespace loaxa::store
