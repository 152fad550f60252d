#pragma once
// Programmes (chuyên mục) and their ordered items.

#include "schedules/programme.hpp"
#include "store/database.hpp"

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

  // Inserts the programme and its items in one transaction; returns the new id. Segment
  // ids must be decimal numbers of existing segments. Throws SQLite::Exception (a unique
  // or foreign key constraint) or std::invalid_argument for a non-numeric segment id.
  std::int64_t add(const std::string& name, const std::vector<schedules::ProgrammeItem>& items,
                   const std::string& created_at);
  // Throws SQLite::Exception with SQLITE_CONSTRAINT_FOREIGNKEY while slots use it.
  bool remove(std::int64_t id);

 private:
  std::vector<schedules::ProgrammeItem> items_of(std::int64_t id);
  Database& db_;
};

}  // namespace loaxa::store
