#pragma once
// How much a station holds, for `loaxa status`: read in one snapshot.
//
// Call on the thread that owns the Database. Throws BusyError, SQLite::Exception.

#include "store/database.hpp"

#include <cstddef>

namespace loaxa::store {

struct Counts {
  std::size_t segments = 0;
  std::size_t approved_segments = 0;
  std::size_t programmes = 0;
  std::size_t enabled_slots = 0;
  std::size_t holidays = 0;
};

Counts count_contents(Database& db);

}  // namespace loaxa::store
