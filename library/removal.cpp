#include "library/removal.hpp"

#include "library/library_lock.hpp"
#include "library/row_delete.hpp"
#include "store/transaction.hpp"

#include <unistd.h>

namespace loaxa::library {

void (*detail::after_row_removed)() = nullptr;

Removal remove_segment(const Home& home, store::Database& db, std::int64_t id) {
  LibraryLock lock(home);
  Removal result;
  {
    store::WriteTransaction transaction(db);
    result.segment = store::SegmentStore(db).find(id);
    if (!result.segment) return result;
    switch (detail::delete_segment_row(db, id)) {
      case detail::RowDelete::not_found:
        result.segment.reset();
        return result;
      case detail::RowDelete::in_use:
        result.status = Removal::Status::in_use;
        return result;
      case detail::RowDelete::deleted:
        break;
    }
    transaction.commit();
  }
  // The row is gone first: a crash here leaves a file without a row (verify removes it),
  // never a row without its audio. Still under the lock, so no import of the same content
  // can have placed a new file for a new row in between.
  if (detail::after_row_removed) detail::after_row_removed();
  result.status = Removal::Status::removed;
  result.file_removed = ::unlink((home.segments() / result.segment->file_name).c_str()) == 0;
  return result;
}

}  // namespace loaxa::library
