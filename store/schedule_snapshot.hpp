#pragma once
// Everything the timeline needs, read from the store in one go: slots, programmes and
// holidays, and the segment catalogue.

#include "schedules/catalogue.hpp"
#include "schedules/timeline.hpp"
#include "store/database.hpp"

namespace loaxa::store {

schedules::Schedule load_schedule(Database& db);

// Segments as the scheduler sees them: the playable span (after trimmed silence) as the
// duration, approval and validity. Rotation history comes from the as-run log once there is
// one; until then every segment counts as never aired.
schedules::Catalogue load_catalogue(Database& db);

}  // namespace loaxa::store
