#pragma once
// Where the sync with the district hub stands, kept in the station's database (migration 5)
// so a restart, a power cut or weeks off-line resume exactly where the hub left off: the
// highest seq it acknowledged, when it last answered, the last trouble, and a conflict the
// hub reported (which stops the sync until someone looks). One row per hub URL.
//
// Call on the thread that owns the Database. Writes are one IMMEDIATE transaction each and
// throw BusyError as the other stores do.

#include "schedules/civil_time.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace loaxa::store {

struct HubSyncState {
  std::int64_t acked_seq = 0;
  std::optional<schedules::UtcTime> last_contact;
  std::optional<std::string> last_error;
  std::optional<schedules::UtcTime> last_error_at;
  std::optional<std::string> conflict;  // the hub refused a row as conflicting: what it said
};

class HubSyncStore {
 public:
  HubSyncStore(Database& db, std::string hub_url) : db_(db), url_(std::move(hub_url)) {}

  HubSyncState load();
  // The hub answered: what it holds, when; clears the last error.
  void acknowledged(std::int64_t acked_seq, schedules::UtcTime at);
  void failed(const std::string& error, schedules::UtcTime at);
  void conflicted(const std::string& what, schedules::UtcTime at);

 private:
  void ensure_row();
  Database& db_;
  std::string url_;
};

}  // namespace loaxa::store
