#include "store/utc_text.hpp"

#include <stdexcept>

namespace loaxa::store {

std::string utc_text(schedules::UtcTime time) {
  return schedules::format_utc(time);
}

schedules::UtcTime parse_utc_text(std::string_view text) {
  const auto bad = [&] { return std::invalid_argument("not a stored UTC time: " + std::string(text)); };
  if (text.size() < 20 || text.back() != 'Z') throw bad();
  text.remove_suffix(1);
  std::chrono::milliseconds fraction{0};
  if (const auto dot = text.find('.'); dot != std::string_view::npos) {
    const auto digits = text.substr(dot + 1);
    if (digits.size() != 3) throw bad();
    int ms = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') throw bad();
      ms = ms * 10 + (c - '0');
    }
    fraction = std::chrono::milliseconds(ms);
    text = text.substr(0, dot);
  }
  if (text.size() != 19) throw bad();
  try {
    const auto seconds = schedules::parse_date_time(text).time_since_epoch();
    return schedules::UtcTime{std::chrono::duration_cast<std::chrono::milliseconds>(seconds) + fraction};
  } catch (const std::exception&) {
    throw bad();
  }
}

}  // namespace loaxa::store
