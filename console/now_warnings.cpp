#include "console/now_warnings.hpp"

#include "common/i18n.hpp"
#include "store/schedule_snapshot.hpp"
#include "wording/display_text.hpp"
#include "wording/schedule_messages.hpp"
#include "wording/schedule_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

namespace loaxa::console {

std::vector<NowWarning> daemon_warnings(const control::DaemonStatus& status, const schedules::TimeZone& zone) {
  std::vector<NowWarning> out;
  const auto local = [&zone](std::chrono::sys_seconds at) {
    return wording::local_text(zone.to_local(schedules::UtcTime(at)));
  };
  if (const auto& trouble = status.device_trouble) {
    out.push_back({true, status.output_device + ": " +
                             trf("NOT WORKING since {}: {}. loaxad keeps trying; nothing airs until it works.",
                                 local(trouble->since), trouble->detail)});
  }
  if (const auto& monitor = status.monitor) {
    if (monitor->trouble) {
      out.push_back({true, std::string(tr("Monitor line")) + ": " +
                               trf("{}: NOT CAPTURING: {}", monitor->input, *monitor->trouble)});
    }
    if (const auto& unheard = monitor->last_unheard) {
      // A silent line is the amplifier's (or the line's) trouble, not the bulletin's.
      out.push_back(
          {unheard->monitor_silent,
           unheard->monitor_silent
               ? trf("\"{}\" at {}: the monitor line was silent, the loudspeakers may not have carried it. Check "
                     "the amplifier.",
                     unheard->title, local(unheard->at))
               : trf("\"{}\" at {}: the monitor line carried only {} of it.", unheard->title, local(unheard->at),
                     fmt::format("{:.0f}%", unheard->heard_pct))});
    }
  }
  if (status.last_error) out.push_back({false, std::string(tr("Last problem")) + ": " + *status.last_error});
  return out;
}

std::vector<NowWarning> expiry_warnings(const std::vector<store::Segment>& segments, schedules::LocalDate today) {
  const auto first = std::chrono::sys_days{today};
  const auto last = first + std::chrono::days(kExpiryNoticeDays - 1);
  std::vector<std::pair<std::chrono::sys_days, const store::Segment*>> expiring;
  for (const auto& segment : segments) {
    if (!segment.approved || !segment.valid_until) continue;
    try {
      const std::chrono::sys_days until{schedules::parse_date(*segment.valid_until)};
      if (until >= first && until <= last) expiring.emplace_back(until, &segment);
    } catch (const std::exception&) {
      // A date the store holds is ISO by construction; an unreadable one is not this page's to report.
    }
  }
  std::stable_sort(expiring.begin(), expiring.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<NowWarning> out;
  for (const auto& [until, segment] : expiring) {
    out.push_back({false, trf("Segment {} \"{}\" is valid until {}; after that day it is skipped.", segment->id,
                              segment->title, wording::display_iso_date(*segment->valid_until))});
  }
  return out;
}

std::vector<NowWarning> rotation_warnings(station::Station& station, const std::vector<schedules::Occurrence>& coming) {
  std::vector<NowWarning> out;
  if (coming.empty()) return out;
  const auto snapshot = store::load_snapshot(station.db(), station.now().utc);
  std::set<std::pair<std::int64_t, std::string>> seen;  // programme and day, each once
  for (const auto& occurrence : coming) {
    if (occurrence.status == schedules::OccurrenceStatus::dropped) continue;
    const auto date = schedules::date_of(occurrence.local_nominal);
    if (!seen.insert({occurrence.programme_id, schedules::format_date(date)}).second) continue;
    const auto& programmes = snapshot.schedule.programmes;
    const auto programme = std::find_if(programmes.begin(), programmes.end(),
                                        [&](const auto& p) { return p.id == occurrence.programme_id; });
    if (programme == programmes.end()) continue;
    for (const auto& warning : schedules::validate_programme(*programme, snapshot.catalogue, date)) {
      if (warning.kind != schedules::ProgrammeWarning::Kind::rotation_short) continue;
      out.push_back({false, trf("\"{}\" at {}: {}", occurrence.programme_name,
                                wording::local_text(occurrence.local_nominal), wording::describe(warning))});
    }
  }
  return out;
}

}  // namespace loaxa::console
