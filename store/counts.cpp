#include "store/counts.hpp"

#include "store/transaction.hpp"

namespace loaxa::store {

Counts count_contents(Database& db) {
  ReadTransaction snapshot(db);
  auto count = [&](const char* sql) { return static_cast<std::size_t>(db.sql().execAndGet(sql).getInt64()); };
  Counts counts;
  counts.segments = count("SELECT count(*) FROM segment");
  counts.approved_segments = count("SELECT count(*) FROM segment WHERE approved = 1");
  counts.programmes = count("SELECT count(*) FROM programme");
  counts.enabled_slots = count("SELECT count(*) FROM slot WHERE enabled = 1");
  counts.holidays = count("SELECT count(*) FROM holiday");
  return counts;
}

}  // namespace loaxa::store
