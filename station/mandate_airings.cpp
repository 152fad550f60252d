#include "station/mandate_airings.hpp"

#include "station/catalogue.hpp"
#include "station/timeline.hpp"
#include "store/mandate_store.hpp"
#include "store/slot_store.hpp"

#include <algorithm>

namespace loaxa::station {

std::pair<schedules::UtcTime, schedules::UtcTime> local_days_span(schedules::LocalDate first, schedules::LocalDate last,
                                                                  const schedules::TimeZone& zone) {
  const auto begin = zone.to_utc(schedules::at(first, schedules::TimeOfDay{0}));
  const auto day_after = std::chrono::sys_days{last} + std::chrono::days{1};
  const auto end = zone.to_utc(std::chrono::local_days{day_after.time_since_epoch()});
  return {begin, end};
}

std::pair<schedules::UtcTime, schedules::UtcTime> mandate_span(const schedules::MandateTerms& terms,
                                                               const schedules::TimeZone& zone) {
  return local_days_span(terms.from, terms.until, zone);
}

std::chrono::milliseconds airing_length(const store::Segment& segment) {
  return std::chrono::milliseconds(std::max<std::int64_t>(segment.trim_end_ms - segment.trim_start_ms, 0));
}

schedules::MandatePlanInput plan_input(Station& station, const schedules::MandateTerms& terms,
                                       std::chrono::milliseconds length, schedules::UtcTime now) {
  const auto [begin, end] = mandate_span(terms, station.zone());
  schedules::MandatePlanInput input;
  input.terms = terms;
  input.length = length;
  input.received = now;
  input.max_session = std::chrono::minutes(station.config().max_session_minutes);
  for (const auto& holiday : store::HolidayStore(station.db()).list()) input.holidays.push_back(holiday.holiday);
  if (std::max(begin, now) < end) input.busy = plan_window(station, std::max(begin, now), end);
  return input;
}

std::vector<std::int64_t> write_airings(Station& station, const store::MandateOrder& order, std::int64_t programme_id,
                                        const std::vector<schedules::LocalDateTime>& starts, schedules::UtcTime now) {
  store::SlotStore slots(station.db());
  store::MandateStore mandates(station.db());
  const auto level = order.terms.level == schedules::MandateLevel::priority ? schedules::SlotLevel::priority
                                                                            : schedules::SlotLevel::normal;
  std::vector<std::int64_t> ids;
  for (const auto start : starts) {
    schedules::Slot slot;
    slot.programme_id = programme_id;
    slot.start = start;
    slot.level = level;
    const auto slot_id = slots.add(slot, station.zone().name(), iso_utc(now));
    mandates.set_slot_mandate(slot_id, order.id);
    ids.push_back(slot_id);
  }
  return ids;
}

}  // namespace loaxa::station
