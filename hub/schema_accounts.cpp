#include "hub/hub_schema.hpp"

namespace loaxa::hub {

// Migration: the dashboard's users and sessions.
const char* const kAccountsSchema = R"sql(
-- (no tables yet)
)sql";

}  // namespace loaxa::hub
