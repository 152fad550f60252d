#pragma once
// The hub database's migrations after the first two (sqlite_hub_store.cpp lists them in
// order), each in the file of the feature that owns its tables. Never edit a released one.

namespace loaxa::hub {

// 3: the dashboard's users and sessions (schema_accounts.cpp).
extern const char* const kAccountsSchema;
// 4: the month close: signed snapshots of a month's report (schema_month_close.cpp).
extern const char* const kMonthCloseSchema;
// 5: district bulletins — mandates, their stations' reports, plays' mandate and heard % (schema_mandates.cpp).
extern const char* const kMandatesSchema;

}  // namespace loaxa::hub
