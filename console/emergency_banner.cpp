#include "console/emergency_banner.hpp"

#include "common/i18n.hpp"
#include "web/text.hpp"

#include <fmt/format.h>

namespace loaxa::console {

std::string emergency_banner(const control::DaemonStatus& status) {
  const auto& airing = status.now_airing;
  if (!airing || airing->level != "emergency") {
    return fmt::format("<div id=\"{}\" class=\"emergency-banner\" hidden></div>", kEmergencyBannerId);
  }
  return fmt::format(
      "<div id=\"{}\" class=\"emergency-banner\" role=\"alert\"><strong>{}</strong> {} <a "
      "href=\"/emergency\">{}</a></div>",
      kEmergencyBannerId, web::html_escape(tr("EMERGENCY ON AIR:")), web::html_escape(airing->item),
      web::html_escape(tr("Stop it")));
}

}  // namespace loaxa::console
