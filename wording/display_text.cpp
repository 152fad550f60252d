#include "wording/display_text.hpp"

#include "common/dates.hpp"
#include "common/i18n.hpp"

#include <fmt/format.h>

namespace loaxa::wording {

std::string display_duration(std::int64_t ms) {
  std::int64_t seconds = (ms + 500) / 1000;
  if (seconds >= 3600) return fmt::format("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

std::string display_iso_date(const std::string& iso) {
  auto date = parse_date(iso);
  return date ? display_date(*date) : iso;
}

std::string approval_text(bool approved) {
  return approved ? tr("approved") : tr("not approved");
}

}  // namespace loaxa::wording
