// R4: libical's expansion (through Recurrence) against python-dateutil's rrule, over a
// deterministic, generated set of rules and windows.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "schedules/recurrence.hpp"
#include "schedules/time_zone.hpp"

using namespace loaxa::schedules;

namespace {

// A tiny fixed PRNG (SplitMix64) so the generated set is the same on every machine.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))];
  }

 private:
  std::uint64_t state_;
};

std::string ical(LocalDateTime t) {
  std::string s = format_date_time(t);  // 2024-02-29T05:30:00
  std::string out;
  for (char c : s)
    if (c != '-' && c != ':') out += c;
  return out;
}

LocalDateTime random_start(Random& r) {
  // Dates that stress the calendar: month ends, 29 February, year ends, plus any day.
  static const std::vector<std::string> special = {"2020-02-29", "2024-02-29", "2023-12-31", "2024-01-31",
                                                   "2024-03-31", "2025-12-31", "2023-02-28", "2028-02-29",
                                                   "2021-08-31", "2024-10-31"};
  LocalDate d;
  if (r.below(3) == 0) {
    d = parse_date(r.pick(special));
  } else {
    const auto base = std::chrono::sys_days{parse_date("2019-01-01")};
    d = LocalDate{base + std::chrono::days{r.below(365 * 11)}};
  }
  return at(d, std::chrono::minutes{r.below(24) * 60 + r.pick(std::vector<int>{0, 0, 15, 30, 45})});
}

std::string random_rule(Random& r, LocalDateTime start) {
  static const std::vector<std::string> freqs = {"DAILY", "WEEKLY", "MONTHLY", "MONTHLY", "YEARLY", "YEARLY"};
  static const std::vector<std::string> days = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  static const std::vector<std::string> monthdays = {"31", "-1", "29", "30", "1", "15", "-2", "28", "31,-1", "1,15,-1"};
  static const std::vector<std::string> ordinals = {"1MO", "-1FR", "2TU,4TU", "-1SU", "1SA,3SA", "5WE", "-2TH", "1SU"};
  static const std::vector<std::string> setpos = {"1", "-1", "2", "-2", "1,-1"};
  const std::string freq = r.pick(freqs);
  std::string rule = "FREQ=" + freq;
  if (r.below(3) == 0) rule += ";INTERVAL=" + std::to_string(2 + r.below(3));
  const int shape = r.below(6);
  if (freq == "WEEKLY") {
    std::string list;
    for (std::size_t i = 0; i < 7; ++i)
      if (r.below(3) == 0) list += (list.empty() ? "" : ",") + days[i];
    if (!list.empty()) rule += ";BYDAY=" + list;
  } else if (freq == "MONTHLY" || freq == "YEARLY") {
    if (freq == "YEARLY" && r.below(2) == 0)
      rule += ";BYMONTH=" + r.pick(std::vector<std::string>{"2", "12", "1,7", "2,3", "11", "6"});
    if (shape <= 1) {
      rule += ";BYMONTHDAY=" + r.pick(monthdays);
    } else if (shape <= 3 && (freq == "MONTHLY" || rule.find("BYMONTH=") != std::string::npos)) {
      rule += ";BYDAY=" + r.pick(ordinals);
    } else if (shape == 4) {
      rule += ";BYDAY=MO,TU,WE,TH,FR;BYSETPOS=" + r.pick(setpos);
    }
  } else if (shape == 0) {
    rule += ";BYMONTH=" + r.pick(std::vector<std::string>{"2", "12", "1,7"});
  }
  const int end = r.below(4);
  if (end == 0) rule += ";COUNT=" + std::to_string(1 + r.below(40));
  if (end == 1)
    rule += ";UNTIL=" + ical(start + std::chrono::days{r.below(3 * 365)} + std::chrono::minutes{r.below(1440)});
  return rule;
}

struct Case {
  LocalDateTime start;
  std::string rule;
  LocalDateTime from, to;
};

std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

TEST_CASE("R4 recurrence expansion agrees with python-dateutil over generated rules", "[schedules][recurrence]") {
  Random random(20250129);
  std::vector<Case> cases;
  for (int i = 0; i < 600; ++i) {
    Case c;
    c.start = random_start(random);
    c.rule = random_rule(random, c.start);
    // Windows before, around and long after the start (the last ones use set_start).
    const int offset_days = random.below(6 * 365) - 365;
    c.from = c.start + std::chrono::days{offset_days} + std::chrono::minutes{random.below(1440)};
    c.to = c.from + std::chrono::days{1 + random.below(random.below(2) ? 60 : 3 * 365)};
    cases.push_back(c);
  }
  const std::string dir = LOAXA_BINARY_DIR;
  const std::string input = dir + "/rrule_cases.txt";
  const std::string output = dir + "/rrule_dateutil.txt";
  {
    std::ofstream out(input);
    for (const Case& c : cases)
      out << ical(c.start) << "|" << c.rule << "|" << ical(c.from) << "|" << ical(c.to) << "\n";
  }
  const std::string command =
      "/usr/bin/python3 " LOAXA_SOURCE_DIR "/tests/schedules/rrule_expand.py " + input + " > " + output;
  REQUIRE(std::system(command.c_str()) == 0);

  std::ifstream expected(output);
  const TimeZone zone("Asia/Ho_Chi_Minh");
  int compared = 0, instances = 0, mismatches = 0;
  for (const Case& c : cases) {
    std::string line;
    REQUIRE(std::getline(expected, line));
    const std::vector<std::string> want = split_words(line);
    std::vector<std::string> got;
    for (const LocalDateTime t : Recurrence(c.rule, c.start, zone).between(c.from, c.to)) got.push_back(ical(t));
    ++compared;
    instances += static_cast<int>(want.size());
    if (got != want) {
      ++mismatches;
      INFO("DTSTART " << ical(c.start) << " RRULE " << c.rule << " window " << ical(c.from) << ".." << ical(c.to));
      INFO("libical " << got.size() << " instances, dateutil " << want.size());
      CHECK(got == want);
    }
  }
  CHECK(compared == 600);
  CHECK(instances > 10000);
  CHECK(mismatches == 0);
}
