#include "hub/hub_schema.hpp"

namespace loaxa::hub {

// Migration: the month close's snapshots.
const char* const kMonthCloseSchema = R"sql(
-- (no tables yet)
)sql";

}  // namespace loaxa::hub
