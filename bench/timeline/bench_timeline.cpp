// Timeline benchmark: a realistic commune schedule (morning and evening sessions T2-T7,
// weekly CĐS campaigns, monthly items, holidays including Tết), expanded over a year, and
// the 48-hour recompute the daemon does after an edit. Prints medians (steady_clock).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "schedules/time_zone.hpp"
#include "schedules/timeline.hpp"
#include "schedules/weekdays.hpp"

using namespace loaxa::schedules;
using Clock = std::chrono::steady_clock;

namespace {

UtcTime utc(const char* text) { return UtcTime{parse_date_time(text).time_since_epoch()}; }

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
    const auto add = [&](std::int64_t programme, const char* start, std::string rrule, Level level = Level::normal) {
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
    add(5, "2025-01-01T05:20", "FREQ=DAILY", Level::priority);
    add(5, "2025-06-01T17:15", "FREQ=DAILY;UNTIL=20251031T235959", Level::priority);
    add(6, "2025-01-01T11:00", rrule_for_weekdays("T2-T6"));
    add(6, "2025-01-01T05:10", rrule_for_weekdays("T2,T5"));
    add(6, "2025-03-01T19:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA");
    add(3, "2025-01-01T19:15", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1");
    add(6, "2025-09-02T07:00", "FREQ=YEARLY");
    add(6, "2025-04-30T07:00", "FREQ=YEARLY");
    add(2, "2025-01-01T16:45", "FREQ=WEEKLY;BYDAY=SA,SU");
    add(1, "2025-02-01T05:15", "FREQ=DAILY;COUNT=200");
    add(5, "2025-01-01T12:00", "FREQ=WEEKLY;BYDAY=WE", Level::priority);
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

}  // namespace

int main() {
    const TimeZone zone("Asia/Ho_Chi_Minh");
    const Catalogue catalogue = make_catalogue();
    Schedule schedule = make_schedule();
    std::size_t year_count = 0, window_count = 0;
    const double year = median_ms(21, [&] {
        year_count = compute_timeline(schedule, catalogue, zone, utc("2025-01-01T00:00"), utc("2026-01-01T00:00")).size();
    });
    int edit = 0;
    const double window = median_ms(501, [&] {
        // An edit: move one slot by a minute, then recompute the next 48 hours.
        schedule.slots[2].start += std::chrono::minutes{(edit++ % 2) ? 1 : -1};
        window_count = compute_timeline(schedule, catalogue, zone, utc("2025-10-14T03:00"), utc("2025-10-16T03:00")).size();
    });
    std::printf("slots: %zu, programmes: %zu, segments: %zu, holidays: %zu\n", schedule.slots.size(),
                schedule.programmes.size(), catalogue.segments().size(), schedule.holidays.size());
    std::printf("year 2025 timeline: %zu occurrences, median %.2f ms (21 runs)\n", year_count, year);
    std::printf("48-hour recompute after an edit: %zu occurrences, median %.3f ms (501 runs)\n", window_count, window);
    return 0;
}
