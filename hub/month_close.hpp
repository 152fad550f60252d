#pragma once
// The month close (chốt số liệu tháng): `loaxa-hub report --month M --final` keeps the
// month's report — its rows and totals exactly as printed — as a signed snapshot, so what
// was reported to the level above stays reproducible when plays of that month arrive later
// (a station off-line for days sends them when its network returns). Every later report of
// the month prints the snapshot, and the late arrivals — plays of the month received after
// the close — beside it, never folded into its numbers.
//
// Rules:
//  - only a month that is over in the report's zone can be closed (not the current one, not
//    a future one), by the hub's clock;
//  - a month is closed once; closing it again is refused (the snapshot stays as it was);
//  - the snapshot covers every station and category: a close takes no group or category;
//    a later report of the month with --group/--category shows the snapshot's rows and
//    totals of that group/category;
//  - the snapshot is checked against its signature (month_close_signature.hpp) on every
//    read; one that fails is refused, never printed.
//
// The close happens inside the hub store's transaction (HubStore::together), with the
// close's time read inside it: the server stamps a batch's received_at inside its own
// transaction, so every play is either in the snapshot or received after the close.
//
// Thread safety: as the stores passed in (one thread).

#include "common/clock.hpp"
#include "hub/frequency_report.hpp"
#include "hub/hub_store.hpp"
#include "hub/month_close_signature.hpp"
#include "hub/month_close_store.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace loaxa::hub {

// A refused close or an unusable snapshot; what() is the operator's message (tr()).
class MonthCloseError : public std::runtime_error {
 public:
  enum class Kind { not_a_month, narrowed, not_over, already_closed, tampered };
  MonthCloseError(Kind what_kind, const std::string& message) : std::runtime_error(message), kind(what_kind) {}
  Kind kind;
};

struct ClosedMonth {
  FrequencyReport report;  // the snapshot, narrowed to a group/category when asked
  Instant closed_at{};
  std::vector<LateArrival> late;  // narrowed the same way
};

// Closes request.period (a month; no group, no category): builds the report at the hub's
// clock, signs and stores it. Throws MonthCloseError (not_a_month, narrowed, not_over,
// already_closed).
ClosedMonth close_month(HubStore& hub, MonthCloseStore& closes, const MonthCloseSigner& signer, const Clock& clock,
                        ReportRequest request);

// The closed month of request.period with its late arrivals, narrowed to request.group and
// request.category; nullopt when the period is not a closed month. Throws MonthCloseError
// (tampered) when the stored snapshot fails its signature or cannot be read.
std::optional<ClosedMonth> read_closed_month(MonthCloseStore& closes, const MonthCloseSigner& signer,
                                             const ReportRequest& request);

// For --verify: whether `month` ("2026-11") is closed and its snapshot holds.
struct SnapshotCheck {
  bool closed = false;
  bool valid = false;
  std::optional<Instant> closed_at;
};
SnapshotCheck check_closed_month(MonthCloseStore& closes, const MonthCloseSigner& signer, const std::string& month);

// The snapshot's rows and totals of one group and/or category (both nullopt: all of it).
FrequencyReport narrow_report(const FrequencyReport& report, const std::optional<std::string>& group,
                              const std::optional<std::string>& category);

}  // namespace loaxa::hub
