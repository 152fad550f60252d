#pragma once
// Everything the timeline needs, read from the store in one go: slots, programmes,
// holidays, frozen occurrences and the segment catalogue.
//
// Call on the thread that owns the Database. Throws BusyError when the read cannot start
// within the busy timeout, ScheduleError{unknown_time_zone} for a slot in a zone this
// machine does not know, SQLite::Exception for other failures.

#include "schedules/catalogue.hpp"
#include "schedules/timeline.hpp"
#include "store/database.hpp"

namespace loaxa::store {

struct Snapshot {
  schedules::Schedule schedule;
  // Segments as the scheduler sees them: the playable span (after trimmed silence) as the
  // duration, approval and validity, and as last_aired the latest airing before the history
  // point: a frozen occurrence's item, or a play of the as-run log that went out.
  schedules::Catalogue catalogue;
};

// All of it inside one read transaction, so it is one state of the database even while
// another process writes (a slot and the holiday added with it are both seen or neither).
// schedule.frozen holds the frozen occurrences whose nominal start is at or after
// `history_from`, ordered by nominal start; older airings are summarised per segment in
// SegmentInfo::last_aired (schedules::history_start says where the point must be).
Snapshot load_snapshot(Database& db, schedules::UtcTime history_from);

}  // namespace loaxa::store
