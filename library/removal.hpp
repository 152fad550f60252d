#pragma once
// Removing a segment: its row, then its file, under the library lock (library_lock.hpp), so a
// re-import of the same content racing the removal ends either with the row and its file or
// with neither — never a row whose file is gone.
//
// Thread safety: on the thread that owns the Database; not inside a transaction of the
// caller's (the library lock must come before the database's write lock).

#include "common/home.hpp"
#include "store/database.hpp"
#include "store/segment_store.hpp"

#include <cstdint>
#include <optional>

namespace loaxa::library {

struct Removal {
  enum class Status {
    removed,    // the row is gone and so is its file
    not_found,  // no segment with that id
    in_use,     // a programme refers to it: nothing was changed
  };
  Status status = Status::not_found;
  std::optional<store::Segment> segment;  // the row as it was (removed, in_use)
  // removed only: false when the file could not be unlinked (already gone, or an I/O error);
  // the row is gone anyway and verify_library reports a file left without a row.
  bool file_removed = false;
};

// Throws store::BusyError (LockBusyError included) when the library or the database stayed
// busy; SQLite::Exception and std::system_error (the lock file) for other failures. Nothing
// is changed when it throws.
Removal remove_segment(const Home& home, store::Database& db, std::int64_t id);

namespace detail {
// Tests only: called between the row's commit and the file's unlink, to widen the window a
// racing import would need if the lock did not close it. Empty in the programs.
extern void (*after_row_removed)();
}  // namespace detail

}  // namespace loaxa::library
