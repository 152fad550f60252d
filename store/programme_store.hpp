#pragma once
// Programmes (chuyên mục) and their ordered items.
//
// Call on the thread that owns the Database. Every write is one WriteTransaction (a
// savepoint inside a caller's transaction) and throws BusyError when the write lock is not
// had within the busy timeout.

#include "schedules/programme.hpp"
#include "store/database.hpp"
#include "store/remove_result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace loaxa::store {

class ProgrammeStore {
 public:
  explicit ProgrammeStore(Database& db) noexcept : db_(db) {}

  std::vector<schedules::Programme> list();
  std::optional<schedules::Programme> find(std::int64_t id);
  // Names compare without regard to ASCII case.
  std::optional<schedules::Programme> find_by_name(const std::string& name);

  // Inserts the programme and its items in one transaction; returns the new id, or nullopt
  // (nothing changed) when a programme of that name exists, names compared without regard
  // to ASCII case. Segment ids must be decimal numbers of existing segments and categories
  // must exist: the caller checks them first; otherwise throws SQLite::Exception (foreign
  // key) or std::invalid_argument for a non-numeric segment id, and nothing is stored.
  std::optional<std::int64_t> add(const std::string& name, const std::vector<schedules::ProgrammeItem>& items,
                                  const std::string& created_at);
  // Replaces the programme's items, in this order, in one transaction; false (nothing
  // changed) when there is no such programme. The same preconditions as add.
  bool set_items(std::int64_t id, const std::vector<schedules::ProgrammeItem>& items);
  // in_use while a slot uses it; its items go with it.
  RemoveResult remove(std::int64_t id);

 private:
  std::vector<schedules::ProgrammeItem> items_of(std::int64_t id);
  void insert_items(std::int64_t id, const std::vector<schedules::ProgrammeItem>& items);
  Database& db_;
};

}  // namespace loaxa::store
