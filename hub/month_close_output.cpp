#include "hub/month_close_output.hpp"

#include "common/i18n.hpp"
#include "hub/report.hpp"
#include "store/utc_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace loaxa::hub {

Sheet closed_month_sheet(const ClosedMonth& closed, const schedules::TimeZone& zone) {
  auto sheet = frequency_sheet(closed.report, zone);
  const auto when = display_time(closed.closed_at, zone);
  sheet.title = trf("{} — CLOSED {}", sheet.title, when);
  sheet.notes.insert(sheet.notes.begin(),
                     trf("CLOSED on {}: the numbers above are the month as it was closed (signed snapshot).", when));
  if (closed.late.empty()) {
    sheet.notes.push_back(tr("LATE ARRIVALS: none; no play of this month arrived after the close."));
    return sheet;
  }
  sheet.notes.push_back(tr("LATE ARRIVALS, received after the close and NOT in the numbers above:"));
  for (const auto& late : closed.late) {
    sheet.notes.push_back(trf("  {} {}: {} plays ({} aired, {} minutes, {} missed, {} interrupted)", late.station_id,
                              late.category, late.plays, late.plays_completed,
                              fmt::format("{:.1f}", minutes_aired(late.frames_aired)), late.missed, late.interrupted));
  }
  return sheet;
}

std::string closed_month_json(const ClosedMonth& closed) {
  using nlohmann::json;
  auto out = json::parse(report_json(closed.report));
  json late = json::array();
  for (const auto& arrival : closed.late) {
    late.push_back({{"station_id", arrival.station_id},
                    {"category", arrival.category},
                    {"plays", arrival.plays},
                    {"plays_completed", arrival.plays_completed},
                    {"minutes_aired", std::round(minutes_aired(arrival.frames_aired) * 10.0) / 10.0},
                    {"missed", arrival.missed},
                    {"interrupted", arrival.interrupted}});
  }
  out["closed_at"] = store::utc_text(closed.closed_at);
  out["late"] = std::move(late);
  return out.dump(2);
}

}  // namespace loaxa::hub
