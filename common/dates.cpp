#include "common/dates.hpp"

#include <fmt/format.h>

#include <charconv>

namespace loaxa {
namespace {

// Reads an unsigned decimal field of `min_digits`..`max_digits` digits from the front of text.
std::optional<unsigned> take_number(std::string_view& text, std::size_t min_digits, std::size_t max_digits) {
  std::size_t n = 0;
  while (n < text.size() && n < max_digits && text[n] >= '0' && text[n] <= '9') ++n;
  if (n < min_digits) return std::nullopt;
  unsigned value = 0;
  std::from_chars(text.data(), text.data() + n, value);
  text.remove_prefix(n);
  return value;
}

bool take_char(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

std::optional<std::chrono::year_month_day> make_date(unsigned y, unsigned m, unsigned d) {
  std::chrono::year_month_day date{std::chrono::year{static_cast<int>(y)}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  std::string_view rest = text;
  if (text.find('-') != std::string_view::npos) {
    auto y = take_number(rest, 4, 4);
    if (!y || !take_char(rest, '-')) return std::nullopt;
    auto m = take_number(rest, 2, 2);
    if (!m || !take_char(rest, '-')) return std::nullopt;
    auto d = take_number(rest, 2, 2);
    if (!d || !rest.empty()) return std::nullopt;
    return make_date(*y, *m, *d);
  }
  auto d = take_number(rest, 1, 2);
  if (!d || !take_char(rest, '/')) return std::nullopt;
  auto m = take_number(rest, 1, 2);
  if (!m || !take_char(rest, '/')) return std::nullopt;
  auto y = take_number(rest, 4, 4);
  if (!y || !rest.empty()) return std::nullopt;
  return make_date(*y, *m, *d);
}

std::string iso_date(std::chrono::year_month_day date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

std::string display_date(std::chrono::year_month_day date) {
  return fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(date.day()), static_cast<unsigned>(date.month()),
                     static_cast<int>(date.year()));
}

}  // namespace loaxa
