// The month report at scale (issue 9: 300 stations × 1 year ≈ 2.2 million plays, ≤ 100 ms).
//
//   bench_hub_report generate --home DIR --stations N [--plays-per-day 20] [--year 2026]
//     makes DIR/hub.db through SqliteHubStore (so the schema and its migrations are the
//     hub's own), stations added through the store, then every station's year of plays
//     written in bulk SQL: two sessions a day (05:00 and 17:00 local) of plays-per-day / 2
//     items in five categories, mostly completed, some missed, interrupted or failed; each
//     received a few minutes after it ended. Rows are real-sized (titles, sha256, hash).
//     No ANALYZE: a hub never runs it, so the planner works without statistics here too.
//   bench_hub_report time --home DIR --month 2026-06 [--rounds 7]
//     opens the store as the CLI does, then per round: HubStore::report (the query), the
//     stations, plans and targets, build_frequency_report, and the sheet laid out as a
//     table. Prints one JSON line: the median and min/max in ms of the query alone and of
//     the whole, the rows read.

#include "hub/frequency_report.hpp"
#include "hub/report.hpp"
#include "hub/report_period.hpp"
#include "hub/report_sheet.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "hub/sqlite_month_close_store.hpp"
#include "store/utc_text.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace loaxa;
using namespace loaxa::hub;
using Ms = std::chrono::duration<double, std::milli>;

namespace {

struct Options {
  std::string mode;
  std::filesystem::path home;
  int stations = 300;
  int plays_per_day = 20;
  int year = 2026;
  std::string month = "2026-06";
  int rounds = 7;
};

Options parse(int argc, char** argv) {
  Options o;
  if (argc < 2) throw std::runtime_error("usage: bench_hub_report generate|time --home DIR …");
  o.mode = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--home") {
      o.home = value;
    } else if (key == "--stations") {
      o.stations = std::stoi(value);
    } else if (key == "--plays-per-day") {
      o.plays_per_day = std::stoi(value);
    } else if (key == "--year") {
      o.year = std::stoi(value);
    } else if (key == "--month") {
      o.month = value;
    } else if (key == "--rounds") {
      o.rounds = std::stoi(value);
    } else {
      throw std::runtime_error("unknown option " + key);
    }
  }
  if (o.home.empty()) throw std::runtime_error("--home DIR is needed");
  return o;
}

struct Item {
  const char* category;
  const char* title;
  int seconds;
};

constexpr std::array kItems{
    Item{"TT", "Nhạc hiệu đài truyền thanh xã", 20},
    Item{"CDS", "Chuyển đổi số: hướng dẫn cài đặt ứng dụng VNeID và định danh điện tử mức 2", 300},
    Item{"CCHC", "Cải cách hành chính: thủ tục cấp giấy chứng nhận quyền sử dụng đất", 240},
    Item{"TT", "Tiếp âm chương trình thời sự của Đài Tiếng nói Việt Nam", 1800},
    Item{"CDS", "Chuyển đổi số: thanh toán không dùng tiền mặt tại chợ xã", 180},
    Item{"TB", "Thông báo lịch tiêm phòng cho gia súc, gia cầm đợt 2", 90},
    Item{"CCHC", "Dịch vụ công trực tuyến: đăng ký khai sinh, khai tử", 200},
    Item{"KHAC", "Phòng chống cháy nổ trong mùa khô", 150},
    Item{"CDS", "An toàn thông tin: cảnh giác lừa đảo qua điện thoại", 210},
    Item{"TT", "Bản tin nông nghiệp: thời tiết và sâu bệnh", 600},
};

std::string hex64(std::mt19937_64& random) {
  static const char* digits = "0123456789abcdef";
  std::string out(64, '0');
  for (auto& c : out) c = digits[random() & 15];
  return out;
}

int generate(const Options& o) {
  std::filesystem::create_directories(o.home);
  SqliteHubStore store(o.home / "hub.db");
  for (int s = 0; s < o.stations; ++s) {
    Station station;
    char id[32];
    std::snprintf(id, sizeof id, "xa-%04d", s + 1);
    station.id = id;
    station.name = "Xã số " + std::to_string(s + 1);
    station.group = "Huyện " + std::to_string(s / 15 + 1);  // 15 communes a district
    station.sealed_key = std::vector<std::uint8_t>(60, 1);
    station.created_at = store::parse_utc_text(std::to_string(o.year - 1) + "-12-01T00:00:00.000Z");
    store.add_station(station);
  }
  auto& db = store.database();
  db.exec("PRAGMA synchronous=OFF");  // a bench's bulk load: durability is not what is measured
  std::mt19937_64 random(42);
  std::uniform_int_distribution<int> percent(0, 999);
  // 05:00 local on 1 January is 22:00Z on 31 December.
  const auto first_day = store::parse_utc_text(std::to_string(o.year - 1) + "-12-31T22:00:00.000Z");
  const int days = 365;
  const int per_session = std::max(1, o.plays_per_day / 2);
  SQLite::Statement insert(db, R"sql(
INSERT INTO play (station_id, seq, occurrence, programme_id, programme_name, position, segment_id, segment_sha256,
                  category, title, level, scheduled_start, started_at, ended_at, frames, underruns, status, reason,
                  hash, received_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql");
  std::int64_t rows = 0;
  const auto started = std::chrono::steady_clock::now();
  for (int s = 0; s < o.stations; ++s) {
    char id[32];
    std::snprintf(id, sizeof id, "xa-%04d", s + 1);
    SQLite::Transaction transaction(db);
    std::int64_t seq = 0;
    for (int day = 0; day < days; ++day) {
      for (int session = 0; session < 2; ++session) {
        const auto nominal = first_day + std::chrono::days(day) + std::chrono::hours(12 * session);
        auto cursor = nominal + std::chrono::milliseconds(random() % 60000);
        const auto occurrence = "slot:" + std::to_string(session + 1) + "@" + store::utc_text(nominal);
        for (int position = 0; position < per_session; ++position) {
          const auto& item = kItems[static_cast<std::size_t>(position + day) % kItems.size()];
          const int roll = percent(random);
          const char* status = "completed";
          const char* reason = "";
          auto length = std::chrono::milliseconds(item.seconds * 1000 + static_cast<int>(random() % 1000));
          if (roll < 15) {
            status = "missed";
            reason = "station_off";
          } else if (roll < 35) {
            status = "interrupted";
            reason = "stopped";
            length /= 3;
          } else if (roll < 45) {
            status = "failed";
            reason = "device_lost";
            length /= 2;
          }
          const bool aired = roll >= 15;
          const auto ended = cursor + (aired ? length : std::chrono::milliseconds(0));
          insert.bind(1, id);
          insert.bind(2, ++seq);
          insert.bind(3, occurrence);
          insert.bind(4, session + 1);
          insert.bind(5, session == 0 ? "Chương trình phát thanh buổi sáng" : "Chương trình phát thanh buổi chiều");
          insert.bind(6, position);
          insert.bind(7, position * 31 + day % 30);
          insert.bind(8, hex64(random));
          insert.bind(9, item.category);
          insert.bind(10, item.title);
          insert.bind(11, "normal");
          insert.bind(12, store::utc_text(cursor));
          if (aired) {
            insert.bind(13, store::utc_text(cursor));
          } else {
            insert.bind(13);
          }
          insert.bind(14, store::utc_text(ended));
          insert.bind(15, static_cast<std::int64_t>(aired ? length.count() * 48 : 0));
          insert.bind(16, 0);
          insert.bind(17, status);
          insert.bind(18, reason);
          insert.bind(19, hex64(random));
          insert.bind(20, store::utc_text(ended + std::chrono::minutes(random() % 10)));
          insert.exec();
          insert.reset();
          ++rows;
          cursor = ended + std::chrono::milliseconds(200);
        }
      }
    }
    SQLite::Statement contact(db, "UPDATE station SET last_contact = ?, acked_seq = ? WHERE id = ?");
    contact.bind(1, store::utc_text(first_day + std::chrono::days(days)));
    contact.bind(2, seq);
    contact.bind(3, id);
    contact.exec();
    transaction.commit();
  }
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << R"({"generated_plays":)" << rows << R"(,"stations":)" << o.stations << R"(,"seconds":)" << seconds
            << "}\n";
  return 0;
}

// The same numbers as HubStore::report, summed in C++ from the covering index's rows read in
// its order (station, time): no GROUP BY sort. What a rewrite of the store's query would get.
struct Sums {
  std::int64_t completed = 0, frames = 0, missed = 0, interrupted = 0;
  bool operator==(const Sums&) const = default;
};
using SumsByRow = std::map<std::pair<std::string, std::string>, Sums>;

SumsByRow aggregate_in_cpp(SQLite::Database& db, const std::string& from, const std::string& to) {
  SQLite::Statement q(
      db,
      "SELECT s.id, p.category, p.status, p.frames FROM station s CROSS JOIN play p ON p.station_id = s.id "
      "AND coalesce(p.started_at, p.ended_at) >= ? AND coalesce(p.started_at, p.ended_at) < ? "
      "ORDER BY s.id");
  q.bind(1, from);
  q.bind(2, to);
  SumsByRow sums;
  std::string station;
  std::map<std::string, Sums> of_station;
  const auto flush = [&] {
    for (auto& [category, s] : of_station) sums[{station, category}] = s;
    of_station.clear();
  };
  while (q.executeStep()) {
    const char* id = q.getColumn(0).getText();
    if (station != id) {
      flush();
      station = id;
    }
    auto& s = of_station[q.getColumn(1).getString()];
    const std::string_view status = q.getColumn(2).getText();
    s.completed += status == "completed";
    s.missed += status == "missed";
    s.interrupted += status == "interrupted";
    s.frames += q.getColumn(3).getInt64();
  }
  flush();
  return sums;
}

// Whether the store's rows (stations without plays aside) hold the same sums.
bool same_sums(const std::vector<ReportRow>& rows, const SumsByRow& sums) {
  SumsByRow from_store;
  for (const auto& row : rows) {
    if (row.category.empty()) continue;
    from_store[{row.station_id, row.category}] = {row.plays_completed, row.frames_aired, row.missed, row.interrupted};
  }
  return from_store == sums;
}

struct Spread {
  double median = 0;
  double min = 0;
  double max = 0;
};

Spread spread(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v.front(), v.back()};
}

int time_report(const Options& o) {
  const auto month = parse_month(o.month);
  if (!month) throw std::runtime_error("--month YYYY-MM");
  const schedules::TimeZone zone("Asia/Ho_Chi_Minh");
  std::vector<double> query_ms;
  std::vector<double> whole_ms;
  std::vector<double> cpp_ms;
  bool same = true;
  std::vector<double> late_ms;
  std::size_t late_rows = 0;
  std::int64_t plays = 0;
  std::size_t rows = 0;
  std::size_t table_bytes = 0;
  for (int r = 0; r < o.rounds + 1; ++r) {  // the first round warms the page cache: not counted
    const auto t0 = std::chrono::steady_clock::now();
    SqliteHubStore store(o.home / "hub.db");
    ReportRequest request;
    request.period = month_period(month->year, month->month);
    std::tie(request.from, request.to) = period_window(request.period, zone);
    request.time_zone = zone.name();
    request.now = request.to;
    const auto t1 = std::chrono::steady_clock::now();
    const auto aggregates = store.report(request.from, request.to);
    const auto t2 = std::chrono::steady_clock::now();
    const auto report = build_frequency_report(request, store.stations(), aggregates,
                                               store.planned(request.from, request.to), store.targets());
    const auto table = render_table(frequency_sheet(report, zone));
    const auto t3 = std::chrono::steady_clock::now();
    const auto sums = aggregate_in_cpp(store.database(), store::utc_text(request.from), store::utc_text(request.to));
    const auto t4 = std::chrono::steady_clock::now();
    // A closed month's read: its late arrivals, the plays received a day after its end or later.
    SqliteMonthCloseStore closes(store);
    const auto late = closes.late_arrivals(request.from, request.to, request.to + std::chrono::hours(24));
    const auto t5 = std::chrono::steady_clock::now();
    if (r == 0) continue;
    cpp_ms.push_back(Ms(t4 - t3).count());
    late_ms.push_back(Ms(t5 - t4).count());
    late_rows = late.size();
    same = same && same_sums(aggregates, sums);
    query_ms.push_back(Ms(t2 - t1).count());
    whole_ms.push_back(Ms(t3 - t0).count());
    plays = 0;
    for (const auto& row : aggregates) plays += row.plays_completed + row.missed + row.interrupted;
    rows = report.rows.size();
    table_bytes = table.size();
  }
  const auto q = spread(query_ms);
  const auto w = spread(whole_ms);
  const auto c = spread(cpp_ms);
  const auto l = spread(late_ms);
  std::printf(
      "{\"month\":\"%s\",\"report_rows\":%zu,\"table_bytes\":%zu,\"plays_counted\":%lld,\"query_ms\":{\"median\":%.1f,"
      "\"min\":%.1f,"
      "\"max\":%.1f},\"whole_ms\":{\"median\":%.1f,\"min\":%.1f,\"max\":%.1f},\"sum_in_cpp_ms\":{\"median\":%.1f,"
      "\"min\":%.1f,\"max\":%.1f},"
      "\"sum_in_cpp_same_numbers\":%s,\"late_arrivals_ms\":{\"median\":%.1f,\"min\":%.1f,\"max\":%.1f},"
      "\"late_rows\":%zu,\"rounds\":%d}\n",
      o.month.c_str(), rows, table_bytes, static_cast<long long>(plays), q.median, q.min, q.max, w.median, w.min, w.max,
      c.median, c.min, c.max, same ? "true" : "false", l.median, l.min, l.max, late_rows, o.rounds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto o = parse(argc, argv);
    if (o.mode == "generate") return generate(o);
    if (o.mode == "time") return time_report(o);
    throw std::runtime_error("mode: generate or time");
  } catch (const std::exception& e) {
    std::cerr << "bench_hub_report: " << e.what() << '\n';
    return 1;
  }
}
