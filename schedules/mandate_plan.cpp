#include "schedules/mandate_plan.hpp"

#include "schedules/time_zone.hpp"

#include <algorithm>
#include <optional>

namespace loaxa::schedules {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

struct Interval {
  UtcTime start{};
  UtcTime end{};
};

// Slots start on whole minutes (the operator's HH:MM).
UtcTime ceil_minute(UtcTime time) {
  return std::chrono::ceil<minutes>(time);
}

class Placer {
 public:
  Placer(const MandatePlanInput& input, const TimeZone& zone) : in_(input), zone_(zone) {
    for (const Occurrence& o : input.busy) {
      if (o.status == OccurrenceStatus::dropped) continue;
      busy_.push_back({o.start, o.end});
      if (input.own_programme && o.programme_id == *input.own_programme) own_.push_back({o.start, o.end});
    }
    sort_busy();
    earliest_ = ceil_minute(input.received + input.lead);
  }

  UtcTime earliest() const { return earliest_; }

  // The first start in `window` on `day` that keeps every rule, if any; taken when found.
  std::optional<UtcTime> place(LocalDate day, const TimeWindow& window) {
    const UtcTime window_start = zone_.to_utc(at(day, window.start));
    const UtcTime window_end = zone_.to_utc(at(day, window.end));
    UtcTime candidate = ceil_minute(std::max(window_start, earliest_));
    // Each turn moves the candidate strictly later, so this ends at the window's end.
    while (candidate + in_.length <= window_end) {
      const UtcTime end = candidate + in_.length;
      // A wall time met twice (the hour after the clocks go back) is not one a slot can name.
      if (zone_.to_utc(zone_.to_local(candidate)) != candidate) {
        candidate += minutes{1};
        continue;
      }
      if (const Interval* hit = overlapping(candidate, end)) {
        candidate = ceil_minute(hit->end);
        continue;
      }
      if (const Interval* own = too_close_to_own(candidate, end)) {
        candidate = ceil_minute(own->end + in_.own_spacing);
        continue;
      }
      if (auto later = session_too_long(candidate, end)) {
        candidate = ceil_minute(*later);
        continue;
      }
      take({candidate, end});
      return candidate;
    }
    return std::nullopt;
  }

 private:
  void sort_busy() {
    std::sort(busy_.begin(), busy_.end(), [](const Interval& a, const Interval& b) {
      return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
  }

  void take(Interval airing) {
    busy_.push_back(airing);
    own_.push_back(airing);
    sort_busy();
  }

  const Interval* overlapping(UtcTime start, UtcTime end) const {
    for (const Interval& b : busy_) {
      if (b.start >= end) break;
      // A zero-length occurrence still holds its instant.
      if (b.end > start || (b.start == b.end && b.start >= start)) return &b;
    }
    return nullptr;
  }

  const Interval* too_close_to_own(UtcTime start, UtcTime end) const {
    for (const Interval& o : own_) {
      if (o.start < end + in_.own_spacing && start < o.end + in_.own_spacing) return &o;
    }
    return nullptr;
  }

  // The session [start, end) would join: every occurrence reached through gaps shorter than
  // in_.gap. When it is longer than max_session, where the candidate must move to: `gap`
  // after the part before it that it touches, or after the whole session when it only touches
  // what follows.
  std::optional<UtcTime> session_too_long(UtcTime start, UtcTime end) const {
    UtcTime first = start;
    UtcTime last = end;
    for (bool grew = true; grew;) {
      grew = false;
      for (const Interval& b : busy_) {
        if (b.start < last + in_.gap && b.end + in_.gap > first && (b.start < first || b.end > last)) {
          first = std::min(first, b.start);
          last = std::max(last, b.end);
          grew = true;
        }
      }
    }
    if (last - first <= in_.max_session) return std::nullopt;
    std::optional<UtcTime> touching_before;
    for (const Interval& b : busy_) {
      if (b.end <= start && b.end + in_.gap > start) touching_before = std::max(touching_before.value_or(b.end), b.end);
    }
    if (touching_before) return *touching_before + in_.gap;
    return last + in_.gap;
  }

  const MandatePlanInput& in_;
  const TimeZone& zone_;
  std::vector<Interval> busy_;
  std::vector<Interval> own_;
  UtcTime earliest_{};
};

std::vector<LocalDate> days_left(const MandatePeriod& period, LocalDate from, const std::vector<Holiday>& holidays) {
  std::vector<LocalDate> days;
  const std::chrono::sys_days last{period.last};
  for (std::chrono::sys_days day = std::max(std::chrono::sys_days{period.first}, std::chrono::sys_days{from});
       day <= last; day += std::chrono::days{1}) {
    if (!is_holiday(holidays, LocalDate{day})) days.push_back(LocalDate{day});
  }
  return days;
}

// The day `preferred` first, then its neighbours outward, later before earlier.
std::vector<std::size_t> day_order(std::size_t preferred, std::size_t count) {
  std::vector<std::size_t> order{preferred};
  for (std::size_t distance = 1; order.size() < count; ++distance) {
    if (preferred + distance < count) order.push_back(preferred + distance);
    if (distance <= preferred) order.push_back(preferred - distance);
  }
  return order;
}

}  // namespace

int MandatePlan::shortfall() const noexcept {
  int total = 0;
  for (const auto& period : periods) total += period.shortfall;
  return total;
}

MandatePlan plan_mandate(const MandatePlanInput& input, const TimeZone& zone) {
  check_terms(input.terms);
  MandatePlan plan;
  const auto windows = windows_of(input.terms);
  Placer placer(input, zone);
  const LocalDate first_day = date_of(zone.to_local(placer.earliest()));
  std::size_t turn = 0;  // which window the next airing tries first
  const auto periods = mandate_periods(input.terms);
  for (std::size_t p = 0; p < periods.size(); ++p) {
    PlannedMandatePeriod out{periods[p], p < input.already.size() ? input.already[p] : 0, 0, 0};
    const int needed = std::max(0, out.period.required - out.already);
    const auto days = days_left(out.period, first_day, input.holidays);
    for (int k = 0; k < needed && !days.empty(); ++k) {
      // The middle of the k-th of `needed` equal shares of the days left.
      const auto preferred =
          static_cast<std::size_t>((2 * k + 1) * days.size() / (2 * static_cast<std::size_t>(needed)));
      std::optional<UtcTime> start;
      for (const std::size_t d : day_order(preferred, days.size())) {
        for (std::size_t w = 0; w < windows.size() && !start; ++w) {
          start = placer.place(days[d], windows[(turn + w) % windows.size()]);
        }
        if (start) break;
      }
      ++turn;
      if (!start) break;  // no day of the period has room: the rest is shortfall too
      plan.starts.push_back(zone.to_local(*start));
      ++out.planned;
    }
    out.shortfall = std::max(0, needed - out.planned);
    plan.periods.push_back(out);
  }
  std::sort(plan.starts.begin(), plan.starts.end());
  return plan;
}

int mandate_period_index(const MandateTerms& terms, LocalDate date) {
  const auto periods = mandate_periods(terms);
  for (std::size_t p = 0; p < periods.size(); ++p) {
    if (periods[p].first <= date && date <= periods[p].last) return static_cast<int>(p);
  }
  return -1;
}

bool inside_a_window(const MandateTerms& terms, LocalDateTime start, milliseconds length, const TimeZone& zone) {
  if (zone.classify(start) == TimeZone::LocalKind::gap) return false;
  const LocalDate day = date_of(start);
  const UtcTime begin = zone.to_utc(start);
  for (const TimeWindow& window : windows_of(terms)) {
    if (start < at(day, window.start)) continue;
    if (begin + length <= zone.to_utc(at(day, window.end))) return true;
  }
  return false;
}

}  // namespace loaxa::schedules
