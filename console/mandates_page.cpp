// The district's mandates at the station (GET /schedule/mandates, yêu cầu phát của huyện): each
// mandate the hub sent, where it airs and how often it aired, as `loaxa mandate list` shows
// them; an operator declines one with the reason the district reads, or moves one airing
// within its hours and its week. Both go through station/mandates.hpp (the same rules as
// `loaxa mandate decline|move`) and ask loaxad to plan again. A refusal is a 400 worded as
// the CLI words it; nothing is written.

#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "console/form_changes.hpp"
#include "console/layout.hpp"
#include "console/pages.hpp"
#include "console/responses.hpp"
#include "console/routes.hpp"
#include "console/schedule_style.hpp"
#include "console/schedule_view.hpp"
#include "schedules/error.hpp"
#include "station/error.hpp"
#include "station/mandates.hpp"
#include "store/play_status_words.hpp"
#include "web/text.hpp"
#include "wording/mandate_text.hpp"
#include "wording/schedule_messages.hpp"
#include "wording/station_messages.hpp"

#include <fmt/format.h>

namespace loaxa::console {
namespace {

std::string e(std::string_view text) {
  return web::html_escape(text);
}

std::string local_text(schedules::LocalDateTime at) {
  const auto text = schedules::format_date_time(at);  // 2027-01-07T18:30:00
  return display_date(schedules::date_of(at)) + " " + text.substr(11, 5);
}

std::string airings_html(const station::MandateView& view, bool operator_, const std::string& csrf) {
  if (view.next.empty()) return "<p>" + e(tr("No airing to come.")) + "</p>";
  std::string out = "<ul class=\"mandate-airings\">";
  for (const auto& occurrence : view.next) {
    out += "<li>" + e(local_text(occurrence.local_nominal));
    if (operator_) {
      // datetime-local's own text: YYYY-MM-DDTHH:MM.
      const auto current = schedules::format_date_time(occurrence.local_nominal).substr(0, 16);
      out += fmt::format(
          " <form method=\"post\" action=\"/schedule/mandates/move\" class=\"inline\">{}"
          "<input type=\"hidden\" name=\"slot\" value=\"{}\"><label>{} <input type=\"datetime-local\" name=\"to\" "
          "value=\"{}\" required></label> <button type=\"submit\">{}</button></form>",
          csrf, occurrence.slot_id, e(tr("move to")), current, e(tr("Move")));
    }
    out += "</li>";
  }
  return out + "</ul>";
}

std::string mandate_html(const station::MandateView& view, bool operator_, const std::string& csrf) {
  const auto& m = view.mandate;
  const auto& terms = m.order.terms;
  std::string out = fmt::format("<section class=\"mandate\" id=\"mandate-{}\"><h2>{}</h2><dl>", m.order.id,
                                e(trf("District mandate {}: {}", m.order.id, m.order.title)));
  const auto row = [&out](const std::string& label, const std::string& text) {
    out += "<dt>" + e(label) + "</dt><dd>" + e(text) + "</dd>";
  };
  row(tr("Category"), m.order.category);
  row(tr("Dates"), display_date(terms.from) + " – " + display_date(terms.until));
  row(tr("Times a week"), std::to_string(terms.times_per_week));
  row(tr("Hours"), schedules::format_windows(schedules::windows_of(terms)));
  row(tr("Level"), store::mandate_level_words(terms.level));
  row(tr("State"), wording::mandate_state_text(m.state));
  if (!m.reason.empty()) row(tr("Reason"), m.reason);
  row(tr("Planned / required"), fmt::format("{} / {}", view.planned, view.required));
  row(tr("Aired"), std::to_string(view.aired));
  out += "</dl>";
  if (view.planned < view.required && m.state == store::MandateState::received) {
    out += "<p class=\"warning\">" +
           e(trf("{} airing(s) could not be planned: the district sees the shortfall.", view.required - view.planned)) +
           "</p>";
  }
  out += "<h3>" + e(tr("Airings to come")) + "</h3>" + airings_html(view, operator_, csrf);
  const bool open = m.state == store::MandateState::received || m.state == store::MandateState::downloading;
  if (operator_ && open) {
    out += fmt::format(
        "<form method=\"post\" action=\"/schedule/mandates/decline\">{}<input type=\"hidden\" name=\"id\" "
        "value=\"{}\"><label>{} <input type=\"text\" name=\"reason\" required maxlength=\"500\"></label> "
        "<button type=\"submit\">{}</button></form>",
        csrf, m.order.id, e(tr("Reason the district will read")), e(tr("Decline")));
  }
  return out + "</section>";
}

void show_mandates(const Visit& visit, Answer answer) {
  auto& station = visit.context.station;
  const auto mandates = station::list_mandates(station, station.now().utc);
  const bool operator_ = visit.visitor.role == Role::operator_;
  std::string body = "<link rel=\"stylesheet\" href=\"" + std::string(kScheduleStylePath) + "\">" +
                     schedule_tabs_html("/schedule/mandates");
  if (mandates.empty()) {
    body += "<p>" + e(tr("No district mandates yet: the sync with the district hub brings them.")) + "</p>";
  }
  for (const auto& view : mandates) body += mandate_html(view, operator_, csrf_field(visit));
  answer(html(200, page(visit, "/schedule", tr("District mandates"), body)));
}

void decline(const Visit& visit, Answer answer) {
  const auto form = web::parse_form(visit.request.body);
  const auto title = tr("The mandate cannot be declined");
  const auto id = form_positive(form, "id");
  if (!id) return answer(problem(visit.request, 400, title, tr("The form names no mandate.")));
  refusing(visit, answer, title, [&] {
    auto& station = visit.context.station;
    station::decline_mandate(station, *id, form_value(form, "reason"), station.now().utc);
    ask_daemon_to_replan(visit);
    answer(redirect("/schedule/mandates#mandate-" + std::to_string(*id)));
  });
}

void move(const Visit& visit, Answer answer) {
  const auto form = web::parse_form(visit.request.body);
  const auto title = tr("The airing cannot be moved");
  const auto slot = form_positive(form, "slot");
  if (!slot) return answer(problem(visit.request, 400, title, tr("The form names no airing.")));
  refusing(visit, answer, title, [&] {
    auto& station = visit.context.station;
    const auto to = schedules::parse_date_time(form_value(form, "to"));  // ScheduleError naming the text
    station::move_mandate_airing(station, *slot, to, station.now().utc);
    ask_daemon_to_replan(visit);
    answer(redirect("/schedule/mandates"));
  });
}

}  // namespace

void add_mandate_routes(Routes& routes) {
  routes.add({"GET", "/schedule/mandates", Role::viewer, show_mandates});
  routes.add({"POST", "/schedule/mandates/decline", Role::operator_, decline});
  routes.add({"POST", "/schedule/mandates/move", Role::operator_, move});
}

}  // namespace loaxa::console
