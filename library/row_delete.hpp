#pragma once
// The library's one call that deletes a segment row: the store's answer in the library's
// words, in one place, so a change of the store's API touches one line.
//
// Thread safety: on the thread that owns the Database, inside the caller's write transaction.

#include "store/database.hpp"

#include <cstdint>

namespace loaxa::library::detail {

enum class RowDelete { deleted, not_found, in_use };

// Throws store::BusyError and SQLite::Exception (failures other than "in use").
RowDelete delete_segment_row(store::Database& db, std::int64_t id);

}  // namespace loaxa::library::detail
