#include "library/row_delete.hpp"

#include "store/segment_store.hpp"

namespace loaxa::library::detail {

RowDelete delete_segment_row(store::Database& db, std::int64_t id) {
  switch (store::SegmentStore(db).remove(id)) {
    case store::RemoveResult::removed:
      return RowDelete::deleted;
    case store::RemoveResult::not_found:
      return RowDelete::not_found;
    case store::RemoveResult::in_use:
      return RowDelete::in_use;
  }
  return RowDelete::not_found;
}

}  // namespace loaxa::library::detail
