#include "hub/report_period.hpp"

#include <fmt/format.h>

#include <charconv>

namespace loaxa::hub {
namespace chr = std::chrono;
namespace {

// A year of four digits from 2000 on: the hub holds nothing older.
std::optional<int> parse_year_digits(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  int year = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  if (year < 2000) return std::nullopt;
  return year;
}

Instant local_midnight(chr::year_month_day day, const schedules::TimeZone& zone) {
  return zone.to_utc(schedules::LocalDateTime{chr::local_days{day}});
}

}  // namespace

std::string Period::text() const {
  switch (kind) {
    case Kind::month:
      return fmt::format("{:04}-{:02}", year, index);
    case Kind::quarter:
      return fmt::format("{:04}-Q{}", year, index);
    case Kind::year:
      break;
  }
  return fmt::format("{:04}", year);
}

unsigned Period::months() const noexcept {
  switch (kind) {
    case Kind::month:
      return 1;
    case Kind::quarter:
      return 3;
    case Kind::year:
      break;
  }
  return 12;
}

chr::year_month Period::first_month() const {
  switch (kind) {
    case Kind::month:
      return {chr::year{year}, chr::month{index}};
    case Kind::quarter:
      return {chr::year{year}, chr::month{(index - 1) * 3 + 1}};
    case Kind::year:
      break;
  }
  return {chr::year{year}, chr::January};
}

std::optional<Period> parse_quarter(std::string_view text) {
  if (text.size() != 7 || text[4] != '-' || (text[5] != 'Q' && text[5] != 'q')) return std::nullopt;
  const auto year = parse_year_digits(text.substr(0, 4));
  if (!year || text[6] < '1' || text[6] > '4') return std::nullopt;
  return Period{Period::Kind::quarter, *year, static_cast<unsigned>(text[6] - '0')};
}

std::optional<Period> parse_year(std::string_view text) {
  const auto year = parse_year_digits(text);
  if (!year) return std::nullopt;
  return Period{Period::Kind::year, *year, 1};
}

Period month_period(int year, unsigned month) {
  return Period{Period::Kind::month, year, month};
}

std::pair<Instant, Instant> period_window(const Period& period, const schedules::TimeZone& zone) {
  const auto first = period.first_month();
  const auto next = first + chr::months{period.months()};
  return {local_midnight(first / 1, zone), local_midnight(next / 1, zone)};
}

std::pair<Instant, Instant> days_window(chr::year_month_day from, chr::year_month_day to,
                                        const schedules::TimeZone& zone) {
  const chr::year_month_day after{chr::sys_days{to} + chr::days{1}};
  return {local_midnight(from, zone), local_midnight(after, zone)};
}

int days_in(const Period& period) {
  const auto first = period.first_month();
  const auto next = first + chr::months{period.months()};
  return static_cast<int>((chr::sys_days{next / 1} - chr::sys_days{first / 1}).count());
}

std::optional<chr::minutes> parse_length(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  const char unit = text.back();
  const auto digits = text.substr(0, text.size() - 1);
  long long value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size() || value <= 0 || value > 366LL * 24 * 60) {
    return std::nullopt;
  }
  chr::minutes length{};
  switch (unit) {
    case 'm':
      length = chr::minutes{value};
      break;
    case 'h':
      length = chr::hours{value};
      break;
    case 'd':
      length = chr::days{value};
      break;
    default:
      return std::nullopt;
  }
  if (length > chr::days{366}) return std::nullopt;
  return length;
}

}  // namespace loaxa::hub
