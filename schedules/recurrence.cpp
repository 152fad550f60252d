#include "schedules/recurrence.hpp"
#include "common/i18n.hpp"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>

#include "schedules/error.hpp"
#include "schedules/time_zone.hpp"

namespace loaxa::schedules {

namespace {

using std::chrono::seconds;

std::string_view strip_prefix(std::string_view rrule) {
  constexpr std::string_view prefix = "RRULE:";
  if (rrule.size() >= prefix.size() && rrule.substr(0, prefix.size()) == prefix) rrule.remove_prefix(prefix.size());
  return rrule;
}

icalrecurrencetype parse_rule(std::string_view rrule) {
  const std::string text(rrule);
  const auto fail = [&](const char* why) { return ScheduleError(ScheduleError::Kind::bad_rrule, text, why); };
  if (text.empty() || text.find_first_of(" \t\r\n") != std::string::npos) throw fail(tr("empty or contains spaces"));
  icalerror_clear_errno();
  const icalrecurrencetype rule = icalrecurrencetype_from_string(text.c_str());
  if (rule.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
    icalerror_clear_errno();
    throw fail(tr("libical cannot read it"));
  }
  if (rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE)
    throw fail(tr("SECONDLY and MINUTELY are not allowed"));
  if (rule.interval < 1) throw fail(tr("INTERVAL must be at least 1"));
  return rule;
}

icaltimetype to_ical(LocalDateTime t) {
  const LocalDate d = date_of(t);
  const std::chrono::hh_mm_ss hms{t - std::chrono::local_days{d}};
  icaltimetype out = icaltime_null_time();
  out.year = static_cast<int>(d.year());
  out.month = static_cast<int>(static_cast<unsigned>(d.month()));
  out.day = static_cast<int>(static_cast<unsigned>(d.day()));
  out.hour = static_cast<int>(hms.hours().count());
  out.minute = static_cast<int>(hms.minutes().count());
  out.second = static_cast<int>(hms.seconds().count());
  return out;
}

LocalDateTime from_ical(const icaltimetype& t) {
  const LocalDate d{std::chrono::year{t.year}, std::chrono::month{static_cast<unsigned>(t.month)},
                    std::chrono::day{static_cast<unsigned>(t.day)}};
  return std::chrono::local_days{d} + std::chrono::hours{t.hour} + std::chrono::minutes{t.minute} + seconds{t.second};
}

struct StringFree {
  void operator()(char* p) const noexcept { icalmemory_free_buffer(p); }
};
struct IteratorFree {
  void operator()(icalrecur_iterator* p) const noexcept { icalrecur_iterator_free(p); }
};

}  // namespace

void validate_rrule(std::string_view rrule) {
  parse_rule(strip_prefix(rrule));
}

Recurrence::Recurrence(std::string_view rrule, LocalDateTime start, const TimeZone& zone) : start_(start) {
  rrule = strip_prefix(rrule);
  if (rrule.empty()) return;
  icalrecurrencetype rule = parse_rule(rrule);
  has_count_ = rule.count > 0;
  interval_ = rule.interval;
  // RFC 5545 expands a YEARLY BYMONTHDAY over every month; libical 3.0 keeps only DTSTART's
  // month. Spelling the months out gives the RFC meaning (checked against dateutil, R4).
  if (rule.freq == ICAL_YEARLY_RECURRENCE && rule.by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX &&
      rule.by_month[0] == ICAL_RECURRENCE_ARRAY_MAX && rule.by_year_day[0] == ICAL_RECURRENCE_ARRAY_MAX &&
      rule.by_week_no[0] == ICAL_RECURRENCE_ARRAY_MAX) {
    for (short m = 1; m <= 12; ++m) rule.by_month[m - 1] = m;
    rule.by_month[12] = ICAL_RECURRENCE_ARRAY_MAX;
  }
  // The iterator runs on floating (zone-less) wall times, so UNTIL must be one too.
  if (!icaltime_is_null_time(rule.until)) {
    if (rule.until.is_date) {
      rule.until.is_date = 0;
      rule.until.hour = 23;
      rule.until.minute = 59;
      rule.until.second = 59;
    } else if (icaltime_is_utc(rule.until)) {
      const auto utc = std::chrono::sys_seconds{seconds{icaltime_as_timet(rule.until)}};
      rule.until = to_ical(zone.to_local(UtcTime{utc}));
    }
  }
  const std::unique_ptr<char, StringFree> text{icalrecurrencetype_as_string_r(&rule)};
  rule_ = text ? text.get() : std::string(rrule);
}

std::vector<LocalDateTime> Recurrence::between(LocalDateTime from, LocalDateTime to, std::size_t limit) const {
  std::vector<LocalDateTime> out;
  if (from >= to) return out;
  if (rule_.empty()) {
    if (start_ >= from && start_ < to) out.push_back(start_);
    return out;
  }
  icalrecurrencetype rule = icalrecurrencetype_from_string(rule_.c_str());
  // UNTIL (inclusive) no later than the window: libical checks it while it searches, so an
  // impossible filter stops at `to` instead of at libical's last year (seconds for HOURLY).
  const icaltimetype last = to_ical(to - seconds{1});
  if (icaltime_is_null_time(rule.until) || icaltime_compare(last, rule.until) < 0) rule.until = last;
  const std::unique_ptr<icalrecur_iterator, IteratorFree> it{icalrecur_iterator_new(rule, to_ical(start_))};
  // libical gives no iterator for a readable rule that can never match its start, e.g.
  // YEARLY;BYMONTH=6 from 31 August (there is no 31 June): no instances, as in dateutil.
  if (!it) return out;
  // Jumping ahead keeps a 48-hour window cheap for a rule that started years ago; a COUNT
  // rule must be walked from its start because earlier instances use up the count.
  if (!has_count_ && from > start_) icalrecur_iterator_set_start(it.get(), to_ical(from));
  for (icaltimetype t = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(t);
       t = icalrecur_iterator_next(it.get())) {
    const LocalDateTime instance = from_ical(t);
    if (instance >= to) break;
    if (instance >= from) {
      out.push_back(instance);
      if (out.size() >= limit) break;
    }
  }
  return out;
}

bool Recurrence::some_date_may_match() const {
  if (rule_.empty()) return true;
  const icalrecurrencetype rule = icalrecurrencetype_from_string(rule_.c_str());
  if (rule.by_month_day[0] == ICAL_RECURRENCE_ARRAY_MAX) return true;
  // Longest each month can be in any year (29 February exists in leap years).
  constexpr int longest[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const auto month_allowed = [&](int m) {
    if (rule.by_month[0] == ICAL_RECURRENCE_ARRAY_MAX) return true;
    for (int i = 0; i < ICAL_BY_MONTH_SIZE && rule.by_month[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i)
      if (rule.by_month[i] == m) return true;
    return false;
  };
  for (int m = 1; m <= 12; ++m) {
    if (!month_allowed(m)) continue;
    for (int i = 0; i < ICAL_BY_MONTHDAY_SIZE && rule.by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
      const int d = rule.by_month_day[i];
      // -1 is the last day, -29 only exists in a 29-day (or longer) month.
      if (d != 0 && std::abs(d) <= longest[m - 1]) return true;
    }
  }
  return false;
}

}  // namespace loaxa::schedules
