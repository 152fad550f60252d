#include "schedules/duration_text.hpp"
#include "common/i18n.hpp"

#include "schedules/error.hpp"

namespace loaxa::schedules {

std::chrono::seconds parse_duration(std::string_view text) {
  const auto fail = [&](const char* why) {
    return ScheduleError(ScheduleError::Kind::bad_duration, std::string(text), why);
  };
  constexpr std::string_view units = "hms";
  constexpr long long scale[] = {3600, 60, 1};
  std::size_t next_unit = 0;  // enforces h, then m, then s
  long long total = 0;
  std::size_t pos = 0;
  if (text.empty()) throw fail(tr("empty"));
  while (pos < text.size()) {
    long long number = 0;
    std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      number = number * 10 + (text[pos] - '0');
      if (number > 1'000'000) throw fail(tr("number too large"));
      ++pos;
    }
    if (pos == start) throw fail(tr("expected a number"));
    if (pos == text.size()) throw fail(tr("missing unit h, m or s"));
    const auto unit = units.find(text[pos]);
    if (unit == std::string_view::npos) throw fail(tr("unit must be h, m or s"));
    if (unit < next_unit) throw fail(tr("units must come in the order h, m, s, each once"));
    next_unit = unit + 1;
    total += number * scale[unit];
    ++pos;
  }
  if (total <= 0) throw fail(tr("must be longer than zero"));
  if (total > 24 * 3600) throw fail(tr("longer than 24h"));
  return std::chrono::seconds{total};
}

std::string format_duration(std::chrono::seconds duration) {
  auto s = duration.count();
  if (s <= 0) return "0s";
  std::string out;
  if (s >= 3600) out += std::to_string(s / 3600) + "h";
  s %= 3600;
  if (s >= 60) out += std::to_string(s / 60) + "m";
  s %= 60;
  if (s > 0) out += std::to_string(s) + "s";
  return out;
}

}  // namespace loaxa::schedules
