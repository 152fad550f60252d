// Timeline benchmark: a realistic commune schedule (morning and evening sessions T2-T7,
// weekly CĐS campaigns, monthly items, holidays including Tết), expanded over a year, and
// the 48-hour recompute the daemon does after an edit. Prints medians (steady_clock).
//
// Usage: bench_timeline [RULES-FILE]. With RULES-FILE, also writes the slots' DTSTART/RRULE
// pairs and the two windows (as local wall times) there, for bench/timeline/dateutil_peer.py
// to expand the same rules with python-dateutil in the same run (bench/timeline/run).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "schedules/recurrence.hpp"
#include "schedules/time_zone.hpp"
#include "schedules/timeline.hpp"
#include "schedules/weekdays.hpp"

using namespace loaxa::schedules;
using Clock = std::chrono::steady_clock;

namespace {

UtcTime utc(const char* text) {
  return UtcTime{parse_date_time(text).time_since_epoch()};
}

Catalogue make_catalogue() {
  std::vector<SegmentInfo> segments;
  const char* categories[] = {"CDS", "CCHC", "ANTT", "PCTT", "TB"};
  for (int i = 1; i <= 300; ++i) {
    SegmentInfo s;
    s.id = std::to_string(i);
    s.title = "Bản tin " + s.id;
    s.category = categories[i % 5];
    s.duration_ms = 60'000 + (i * 7919) % 240'000;
    s.approved = i % 11 != 0;
    if (i % 17 == 0) s.valid_until = parse_date("2025-06-30");
    if (i % 3 == 0) s.last_aired = utc("2024-12-01T05:00") + std::chrono::hours{i};
    segments.push_back(std::move(s));
  }
  return Catalogue(std::move(segments));
}

Schedule make_schedule() {
  Schedule s;
  const auto items = [](const char* text) { return parse_programme_items(text); };
  s.programmes = {
      {1, "Sáng", items("jingle:5 relay:vov1:15m rotate:CDS:2 rotate:CCHC:1 segment:10 jingle:5")},
      {2, "Chiều", items("jingle:5 relay:huyen:10m rotate:CDS:1 rotate:ANTT:2 segment:20 jingle:5")},
      {3, "CĐS tuần", items("rotate:CDS:3")},
      {4, "Tháng", items("segment:30 segment:40 rotate:TB:2")},
      {5, "Phòng chống thiên tai", items("rotate:PCTT:2")},
      {6, "Thông báo", items("segment:50 segment:60")},
  };
  const auto add = [&](std::int64_t programme, const char* start, std::string rrule,
                       SlotLevel level = SlotLevel::normal) {
    Slot slot;
    slot.id = static_cast<std::int64_t>(s.slots.size()) + 1;
    slot.programme_id = programme;
    slot.start = parse_date_time(start);
    slot.rrule = std::move(rrule);
    slot.level = level;
    s.slots.push_back(std::move(slot));
  };
  add(1, "2025-01-01T05:00", rrule_for_weekdays("T2-T7"));
  add(1, "2025-01-01T05:30", rrule_for_weekdays("CN"));
  add(2, "2025-01-01T17:00", rrule_for_weekdays("T2-T7"));
  add(2, "2025-01-01T18:30", rrule_for_weekdays("T2,T4,T6"));
  add(3, "2025-01-01T05:40", rrule_for_weekdays("T2"));
  add(3, "2025-01-01T17:40", rrule_for_weekdays("T5"));
  add(3, "2025-01-01T06:00", rrule_for_weekdays("T7"));
  add(4, "2025-01-01T06:10", "FREQ=MONTHLY;BYMONTHDAY=1");
  add(4, "2025-01-01T17:50", "FREQ=MONTHLY;BYMONTHDAY=-1");
  add(4, "2025-01-01T06:15", "FREQ=MONTHLY;BYDAY=1MO");
  add(4, "2025-01-01T18:00", "FREQ=MONTHLY;BYDAY=-1FR");
  add(5, "2025-01-01T05:20", "FREQ=DAILY", SlotLevel::priority);
  add(5, "2025-06-01T17:15", "FREQ=DAILY;UNTIL=20251031T235959", SlotLevel::priority);
  add(6, "2025-01-01T11:00", rrule_for_weekdays("T2-T6"));
  add(6, "2025-01-01T05:10", rrule_for_weekdays("T2,T5"));
  add(6, "2025-03-01T19:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA");
  add(3, "2025-01-01T19:15", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1");
  add(6, "2025-09-02T07:00", "FREQ=YEARLY");
  add(6, "2025-04-30T07:00", "FREQ=YEARLY");
  add(2, "2025-01-01T16:45", "FREQ=WEEKLY;BYDAY=SA,SU");
  add(1, "2025-02-01T05:15", "FREQ=DAILY;COUNT=200");
  add(5, "2025-01-01T12:00", "FREQ=WEEKLY;BYDAY=WE", SlotLevel::priority);
  s.slots[3].exception_dates = {parse_date("2025-05-19")};
  s.holidays = {{parse_date("2025-01-01"), parse_date("2025-01-01"), "Tết Dương lịch"},
                {parse_date("2025-01-25"), parse_date("2025-02-02"), "Tết Nguyên đán"},
                {parse_date("2025-04-07"), parse_date("2025-04-07"), "Giỗ Tổ"},
                {parse_date("2025-04-30"), parse_date("2025-05-01"), "30/4 - 1/5"},
                {parse_date("2025-09-01"), parse_date("2025-09-02"), "Quốc khánh"}};
  return s;
}

template <class F>
double median_ms(int runs, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    f();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// A measured window: UTC bounds for compute_timeline, and how many runs to take the median of.
struct Window {
  const char* name;
  UtcTime from, to;
  int runs;
};

// Rule expansion alone (what the dateutil peer does): every slot's RRULE parsed and expanded
// with libical over the window's local wall times, [from, to). No exception dates, holidays,
// overlap or programme resolution. Returns the raw instance count.
std::size_t expand_rules(const Schedule& schedule, const TimeZone& zone, const Window& w) {
  const LocalDateTime from = std::chrono::floor<std::chrono::seconds>(zone.to_local(w.from));
  const LocalDateTime to = std::chrono::floor<std::chrono::seconds>(zone.to_local(w.to));
  std::size_t count = 0;
  for (const Slot& slot : schedule.slots) count += Recurrence(slot.rrule, slot.start, zone).between(from, to).size();
  return count;
}

// The peer's input: "window|NAME|FROM|TO|RUNS" (local wall times) and "slot|ID|DTSTART|RRULE".
void write_rules(const char* path, const Schedule& schedule, const TimeZone& zone, const std::vector<Window>& windows) {
  std::ofstream out(path);
  for (const Window& w : windows)
    out << "window|" << w.name << '|'
        << format_date_time(std::chrono::floor<std::chrono::seconds>(zone.to_local(w.from))) << '|'
        << format_date_time(std::chrono::floor<std::chrono::seconds>(zone.to_local(w.to))) << '|' << w.runs << '\n';
  for (const Slot& slot : schedule.slots)
    out << "slot|" << slot.id << '|' << format_date_time(slot.start) << '|' << slot.rrule << '\n';
  if (!out.flush()) throw std::runtime_error(std::string("cannot write ") + path);
}

}  // namespace

int main(int argc, char** argv) {
  const TimeZone zone("Asia/Ho_Chi_Minh");
  const Catalogue catalogue = make_catalogue();
  Schedule schedule = make_schedule();
  const std::vector<Window> windows = {{"year", utc("2025-01-01T00:00"), utc("2026-01-01T00:00"), 21},
                                       {"48h", utc("2025-10-14T03:00"), utc("2025-10-16T03:00"), 501}};
  const Window& year_window = windows[0];
  const Window& hours_window = windows[1];
  if (argc > 1) write_rules(argv[1], schedule, zone, windows);  // before the edits below

  // Rule expansion only, like for like with the dateutil peer.
  std::size_t raw_counts[2] = {0, 0};
  double raw_ms[2] = {0, 0};
  for (std::size_t i = 0; i < windows.size(); ++i)
    raw_ms[i] = median_ms(windows[i].runs, [&] { raw_counts[i] = expand_rules(schedule, zone, windows[i]); });

  // The whole timeline: exception dates, holidays, overlaps, programmes and rotation.
  std::size_t year_count = 0, window_count = 0;
  std::ptrdiff_t holiday_drops = 0;  // returned, with status dropped (rule S4)
  const double year = median_ms(year_window.runs, [&] {
    const auto timeline = compute_timeline(schedule, catalogue, zone, year_window.from, year_window.to);
    year_count = timeline.size();
    holiday_drops = std::count_if(timeline.begin(), timeline.end(),
                                  [](const Occurrence& o) { return o.drop_reason == DropReason::holiday; });
  });
  int edit = 0;
  const double window = median_ms(hours_window.runs, [&] {
    // An edit: move one slot by a minute, then recompute the next 48 hours.
    schedule.slots[2].start += std::chrono::minutes{(edit++ % 2) ? 1 : -1};
    window_count = compute_timeline(schedule, catalogue, zone, hours_window.from, hours_window.to).size();
  });
  // The daemon's case: the week before the window aired and was frozen, so the rotation
  // replays from the end of that history instead of from the week before (rule T10).
  Schedule with_history = make_schedule();
  for (const Occurrence& o : compute_timeline(with_history, catalogue, zone, hours_window.from - std::chrono::days{7},
                                              hours_window.from - std::chrono::hours{1})) {
    if (o.status == OccurrenceStatus::dropped) continue;
    with_history.frozen.push_back(
        {o.slot_id, o.nominal_start, o.start, o.items, o.level, o.programme_id, o.programme_name});
  }
  std::size_t history_count = 0;
  const double with_frozen = median_ms(hours_window.runs, [&] {
    history_count = compute_timeline(with_history, catalogue, zone, hours_window.from, hours_window.to).size();
  });
  std::printf("slots: %zu, programmes: %zu, segments: %zu, holidays: %zu\n", schedule.slots.size(),
              schedule.programmes.size(), catalogue.segments().size(), schedule.holidays.size());
  std::printf("year 2025 timeline: %zu occurrences (%td dropped for holidays), median %.2f ms (21 runs)\n", year_count,
              holiday_drops, year);
  std::printf("48-hour recompute after an edit: %zu occurrences, median %.3f ms (501 runs)\n", window_count, window);
  std::printf(
      "48-hour timeline after a week of frozen history (%zu frozen): %zu occurrences, median %.3f ms (501 runs)\n",
      with_history.frozen.size(), history_count, with_frozen);
  for (std::size_t i = 0; i < windows.size(); ++i)
    std::printf("loaxa rules %s: %zu instances, median %.3f ms (%d runs)\n", windows[i].name, raw_counts[i], raw_ms[i],
                windows[i].runs);
  return 0;
}
