#include "console/now_view.hpp"

#include "common/i18n.hpp"
#include "web/text.hpp"
#include "wording/daemon_text.hpp"
#include "wording/display_text.hpp"
#include "wording/schedule_messages.hpp"
#include "wording/schedule_text.hpp"

#include <fmt/format.h>

namespace loaxa::console {
namespace {

using web::html_escape;

std::string airing_title(const control::NowAiring& airing) {
  std::string title;
  if (airing.level == "emergency") title += std::string(tr("EMERGENCY")) + " — ";
  if (airing.level == "priority") title += std::string(tr("priority")) + " — ";
  title += airing.programme.empty() ? tr("(played by hand)") : airing.programme;
  return title + " — " + airing.item;
}

std::string coming_html(const std::vector<schedules::Occurrence>& coming) {
  std::string out = "<section class=\"coming\"><h2>" + html_escape(tr("Next 24 hours")) + "</h2>";
  if (coming.empty())
    return out + "<p>" + html_escape(tr("Nothing is scheduled in the next 24 hours.")) + "</p></section>";
  out += "<div class=\"table-wrap\"><table><thead><tr><th>" + html_escape(tr("Start")) + "</th><th>" +
         html_escape(tr("Programme")) + "</th><th>" + html_escape(tr("Length")) + "</th><th>" +
         html_escape(tr("Status")) + "</th></tr></thead><tbody>";
  for (const auto& o : coming) {
    std::string status = wording::status_text(o.status);
    if (o.drop_reason) status += " (" + wording::describe(*o.drop_reason) + ")";
    const bool dropped = o.status == schedules::OccurrenceStatus::dropped;
    out += fmt::format("<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", dropped ? " class=\"muted\"" : "",
                       html_escape(wording::local_text(o.local_nominal)), html_escape(o.programme_name),
                       html_escape(wording::display_duration(o.planned_ms)), html_escape(status));
  }
  return out + "</tbody></table></div></section>";
}

std::string row(std::string_view label, const std::string& value_html) {
  return "<dt>" + html_escape(label) + "</dt><dd>" + value_html + "</dd>";
}

std::string station_state_html(const NowFacts& facts, const schedules::TimeZone& zone) {
  std::string out = "<section class=\"station-state\"><h2>" + html_escape(tr("Station")) + "</h2><dl>";
  if (const auto& d = facts.daemon.status) {
    out += row(tr("Output"), html_escape(d->output_device) + " — " +
                                 (d->device_trouble ? "<span class=\"badge bad\">" + html_escape(tr("NOT WORKING"))
                                                    : "<span class=\"badge ok\">" + html_escape(tr("working"))) +
                                 "</span>");
    out += row(tr("Amplifier"), html_escape(wording::amplifier_text(d->amplifier)));
    if (d->monitor) {
      out += row(tr("Monitor line"),
                 html_escape(d->monitor->input) + " — " +
                     (d->monitor->trouble ? "<span class=\"badge bad\">" + html_escape(tr("NOT CAPTURING"))
                                          : "<span class=\"badge ok\">" + html_escape(tr("capturing"))) +
                     "</span>");
    } else {
      out += row(tr("Monitor line"), html_escape(tr("none wired ([audio] monitor in loaxa.toml)")));
    }
  } else {
    out += row(tr("Service"), html_escape(facts.daemon.problem));
  }
  if (const auto& hub = facts.hub) {
    std::string text = hub->outbox_depth == 0 ? std::string(tr("every play sent"))
                                              : trf("{} play(s) waiting to be sent", hub->outbox_depth);
    text += "; ";
    text += hub->state.last_contact
                ? trf("last contact {}", wording::local_text(zone.to_local(*hub->state.last_contact)))
                : std::string(tr("never reached yet"));
    if (hub->state.conflict) {
      text += "; " + trf("STOPPED: {}", *hub->state.conflict);
    } else if (hub->state.last_error) {
      text += "; " + trf("last trouble: {}", *hub->state.last_error);
    }
    out += row(tr("District hub"), html_escape(hub->url) + ": " + html_escape(text));
  } else {
    out += row(tr("District hub"), html_escape(tr("none ([hub] in loaxa.toml)")));
  }
  return out + "</dl></section>";
}

std::string warnings_html(const std::vector<NowWarning>& warnings) {
  if (warnings.empty()) return {};
  std::string out = "<section class=\"warnings\"><h2>" + html_escape(tr("Warnings")) + "</h2><ul class=\"warnings\">";
  for (const auto& w : warnings) {
    out += fmt::format("<li class=\"notice {}\">{}</li>", w.serious ? "error" : "warn", html_escape(w.text));
  }
  return out + "</ul></section>";
}

}  // namespace

std::string now_airing_html(const DaemonView& daemon, std::optional<std::int64_t> length_ms) {
  const control::NowAiring* airing = daemon.status && daemon.status->now_airing ? &*daemon.status->now_airing : nullptr;
  std::string out = fmt::format("<section id=\"{}\" class=\"now-airing{}\"", kNowAiringId,
                                airing ? " level-" + html_escape(airing->level) : std::string());
  if (!airing) {
    return out + "><h2>" + html_escape(tr("On air")) + "</h2><p>" +
           html_escape(daemon.status ? tr("Nothing is on air.") : daemon.problem) + "</p></section>";
  }
  const auto position_ms = std::max<std::int64_t>(0, airing->position.count());
  // The script moves the bar on each second between two updates; the figures are the server's.
  out += fmt::format(" data-position-ms=\"{}\"", position_ms);
  if (length_ms) out += fmt::format(" data-length-ms=\"{}\"", *length_ms);
  out += "><h2>" + html_escape(tr("On air")) + "</h2><p class=\"now-title\">" + html_escape(airing_title(*airing)) +
         "</p><p class=\"now-progress\">";
  const auto elapsed = "<span class=\"now-elapsed\">" + html_escape(wording::display_duration(position_ms)) + "</span>";
  if (length_ms && *length_ms > 0) {
    const auto shown = std::min(position_ms, *length_ms);
    out +=
        fmt::format("<progress max=\"{}\" value=\"{}\">{}%</progress> ", *length_ms, shown, shown * 100 / *length_ms) +
        elapsed + " / " + html_escape(wording::display_duration(*length_ms));
  } else {
    out += "<progress></progress> " + elapsed;
  }
  return out + "</p></section>";
}

std::string now_body_html(const NowFacts& facts, const schedules::TimeZone& zone) {
  return warnings_html(facts.warnings) + now_airing_html(facts.daemon, facts.airing_length_ms) +
         coming_html(facts.coming) + station_state_html(facts, zone);
}

}  // namespace loaxa::console
