#include "hub/month_close.hpp"

#include "common/i18n.hpp"
#include "hub/month_snapshot.hpp"
#include "hub/report.hpp"
#include "store/utc_text.hpp"

#include <algorithm>
#include <map>

namespace loaxa::hub {
namespace {

MonthCloseError tampered(const std::string& month) {
  return MonthCloseError(
      MonthCloseError::Kind::tampered,
      trf("The closed report of {} fails its signature check: the hub database was changed outside loaxa-hub. "
          "Nothing is printed; restore hub.db from a backup.",
          month));
}

bool in_scope(const std::string& value, const std::optional<std::string>& asked) {
  return !asked || value == *asked;
}

}  // namespace

ClosedMonth close_month(HubStore& hub, MonthCloseStore& closes, const MonthCloseSigner& signer, const Clock& clock,
                        ReportRequest request) {
  if (request.period.kind != Period::Kind::month) {
    throw MonthCloseError(MonthCloseError::Kind::not_a_month,
                          tr("--final closes a month: give --month YYYY-MM, not a quarter or a year."));
  }
  if (request.group || request.category) {
    throw MonthCloseError(MonthCloseError::Kind::narrowed,
                          tr("--final closes the whole month, every station and category: leave out --group and "
                             "--category (a closed month's report can still be narrowed afterwards)."));
  }
  const auto month = request.period.text();
  ClosedMonth closed;
  hub.together([&] {
    // Read inside the transaction: a batch is stamped inside the server's own.
    const auto now = clock.now();
    if (now < request.to) {
      throw MonthCloseError(MonthCloseError::Kind::not_over,
                            trf("{} is not over yet (the hub's clock says {} UTC): only a past month can be closed.",
                                month, store::utc_text(now)));
    }
    if (const auto existing = closes.find(month)) {
      const auto closed_at =
          display_time(store::parse_utc_text(existing->closed_at), schedules::TimeZone(existing->time_zone));
      throw MonthCloseError(MonthCloseError::Kind::already_closed,
                            trf("{} was already closed on {}; its report stays as it was closed. See it with: "
                                "loaxa-hub report --month {}",
                                month, closed_at, month));
    }
    request.now = now;
    closed.report = build_frequency_report(request, hub.stations(), hub.report(request.from, request.to),
                                           hub.planned(request.from, request.to), hub.targets());
    closed.closed_at = now;
    ClosedMonthRecord record{month, request.time_zone, store::utc_text(now), snapshot_text(closed.report), ""};
    record.signature = signer.sign(record);
    if (!closes.insert(record)) {
      throw MonthCloseError(MonthCloseError::Kind::already_closed, trf("{} was closed meanwhile.", month));
    }
  });
  return closed;
}

std::optional<ClosedMonth> read_closed_month(MonthCloseStore& closes, const MonthCloseSigner& signer,
                                             const ReportRequest& request) {
  if (request.period.kind != Period::Kind::month) return std::nullopt;
  const auto month = request.period.text();
  const auto record = closes.find(month);
  if (!record) return std::nullopt;
  if (record->month != month || !signer.verify(*record)) throw tampered(month);
  ClosedMonth closed;
  try {
    closed.report = report_from_snapshot(record->snapshot);
    closed.closed_at = store::parse_utc_text(record->closed_at);
  } catch (const std::invalid_argument&) {
    throw tampered(month);  // signed by this hub, yet unreadable: never shown as if valid
  }
  if (closed.report.request.period.text() != month) throw tampered(month);

  const auto& full = closed.report;
  std::map<std::string, std::string> group_of;
  for (const auto& row : full.rows) group_of[row.station_id] = row.group;
  for (auto& late : closes.late_arrivals(full.request.from, full.request.to, closed.closed_at)) {
    const auto group = group_of.find(late.station_id);
    if (request.group && (group == group_of.end() || group->second != *request.group)) continue;
    if (!in_scope(late.category, request.category)) continue;
    closed.late.push_back(std::move(late));
  }
  closed.report = narrow_report(full, request.group, request.category);
  return closed;
}

SnapshotCheck check_closed_month(MonthCloseStore& closes, const MonthCloseSigner& signer, const std::string& month) {
  SnapshotCheck check;
  const auto record = closes.find(month);
  if (!record) return check;
  check.closed = true;
  check.valid = record->month == month && signer.verify(*record);
  if (!check.valid) return check;
  try {
    check.closed_at = store::parse_utc_text(record->closed_at);
    check.valid = report_from_snapshot(record->snapshot).request.period.text() == month;
  } catch (const std::invalid_argument&) {
    check.valid = false;
  }
  return check;
}

FrequencyReport narrow_report(const FrequencyReport& report, const std::optional<std::string>& group,
                              const std::optional<std::string>& category) {
  if (!group && !category) return report;
  FrequencyReport out;
  out.request = report.request;
  out.request.group = group;
  out.request.category = category;
  for (const auto& row : report.rows) {
    if (in_scope(row.group, group) && in_scope(row.category, category)) out.rows.push_back(row);
  }
  for (const auto& total : report.group_totals) {
    if (in_scope(total.group, group) && in_scope(total.category, category)) out.group_totals.push_back(total);
  }
  if (group) {
    // Over one group's stations, a category's total is that group's total.
    for (auto total : out.group_totals) {
      total.all_groups = true;
      total.group.clear();
      out.category_totals.push_back(std::move(total));
    }
  } else {
    for (const auto& total : report.category_totals) {
      if (in_scope(total.category, category)) out.category_totals.push_back(total);
    }
  }
  return out;
}

}  // namespace loaxa::hub
