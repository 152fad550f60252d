// The Emergency page (khẩn cấp): GET /emergency chooses, POST /emergency confirms (step
// review) then airs (step air) through the daemon; POST /emergency/stop stops what airs.
// Airing and stopping are an operator's; a viewer sees the page.

#include "common/i18n.hpp"
#include "console/emergency_form.hpp"
#include "console/emergency_upload.hpp"
#include "console/layout.hpp"
#include "console/library_handlers.hpp"
#include "console/live_script.hpp"
#include "console/now_facts.hpp"
#include "console/pages.hpp"
#include "console/responses.hpp"
#include "console/routes.hpp"
#include "station/catalogue.hpp"
#include "station/error.hpp"
#include "web/text.hpp"

#include <algorithm>
#include <variant>

namespace loaxa::console {
namespace {

web::WebResponse not_aired(const web::WebRequest& request, int status, const std::string& text) {
  return problem(request, status, tr("The emergency was not aired"), text);
}

void show_confirm(const Visit& visit, Answer answer, const store::Segment& segment) {
  const auto body = emergency_confirm_html(segment, 1, csrf_field(visit));
  answer(html(200, page(visit, "/emergency", tr("Emergency"), body, {kLiveScriptPath})));
}

void show_choice(const Visit& visit, Answer answer) {
  auto& station = visit.context.station;
  // ?segment=ID: the file just uploaded for an emergency, straight to its confirm step.
  const auto query = web::parse_form(web::target_query(visit.request.target));
  if (const auto chosen = query.find("segment"); chosen != query.end() && visit.visitor.role == Role::operator_) {
    const auto id = segment_id(chosen->second);
    if (!id) return answer(not_aired(visit.request, 400, trf("'{}' is not a segment's ID.", chosen->second)));
    try {
      const auto segment = station::find_segment(station, *id);
      if (segment.approved) return show_confirm(visit, std::move(answer), segment);
    } catch (const station::StationError&) {
      return answer(not_aired(visit.request, 404, trf("There is no segment {} (see the Library page).", *id)));
    }
  }
  EmergencyPageView view;
  view.approved = station::list_segments(station, std::nullopt);
  std::erase_if(view.approved, [](const store::Segment& s) { return !s.approved; });
  view.may_act = visit.visitor.role == Role::operator_;
  const auto daemon = ask_status(visit.context.daemon);
  view.airing = daemon.status && daemon.status->now_airing;
  view.csrf_field = csrf_field(visit);
  auto body = emergency_choice_html(view);
  if (view.may_act) body += emergency_upload_html(station::list_categories(station));
  answer(html(200, page(visit, "/emergency", tr("Emergency"), body, {kLiveScriptPath, kEmergencyScriptPath})));
}

void review_or_air(const Visit& visit, Answer answer) {
  auto parsed = parse_emergency_choice(visit.request.body);
  if (auto* message = std::get_if<std::string>(&parsed)) return answer(not_aired(visit.request, 400, *message));
  const auto choice = std::get<EmergencyChoice>(parsed);
  store::Segment segment;
  try {
    segment = station::find_segment(visit.context.station, choice.segment);
  } catch (const station::StationError&) {
    return answer(not_aired(visit.request, 400, trf("There is no segment {} (see the Library page).", choice.segment)));
  }
  if (!segment.approved) {
    return answer(not_aired(
        visit.request, 400,
        trf("Segment {} \"{}\" is not approved yet; approve it on the Library page.", segment.id, segment.title)));
  }
  const auto form = web::parse_form(visit.request.body);
  const auto step = form.find("step");
  if (step == form.end() || step->second != "air") {
    const auto body = emergency_confirm_html(segment, choice.repeat, csrf_field(visit));
    return answer(html(200, page(visit, "/emergency", tr("Emergency"), body, {kLiveScriptPath})));
  }
  std::optional<control::Error> refusal;
  try {
    refusal = visit.context.daemon.emergency(segment.id, choice.repeat, visit.visitor.user);
  } catch (const std::exception& e) {
    return answer(not_aired(visit.request, 503, trf("loaxad did not answer: {}", e.what())));
  }
  if (refusal) {
    const int status = refusal->kind == control::ErrorKind::failed ? 502 : 409;
    return answer(not_aired(visit.request, status, emergency_refusal_text(segment.id, *refusal)));
  }
  answer(redirect("/"));  // the Now page, under the banner
}

void stop_airing(const Visit& visit, Answer answer) {
  std::optional<control::Error> refusal;
  try {
    refusal = visit.context.daemon.stop();
  } catch (const std::exception& e) {
    return answer(problem(visit.request, 503, tr("Nothing was stopped"), trf("loaxad did not answer: {}", e.what())));
  }
  // Stopping when nothing plays leaves the station as asked.
  if (refusal && refusal->reason != "nothing_on_air") {
    const bool refused = refusal->kind == control::ErrorKind::refused;
    return answer(problem(visit.request, refused ? 409 : 502, tr("Nothing was stopped"),
                          refused ? trf("loaxad will not do it now: {}", refusal->detail)
                                  : trf("loaxad could not do it: {}", refusal->detail)));
  }
  answer(redirect("/"));
}

}  // namespace

void add_emergency_routes(Routes& routes) {
  routes.add({"GET", "/emergency", Role::viewer, show_choice});
  routes.add({"POST", "/emergency", Role::operator_, review_or_air});
  routes.add({"POST", "/emergency/stop", Role::operator_, stop_airing});
  routes.add({"POST", "/emergency/upload", Role::operator_, upload_approved_segment, false, true});
  routes.add({"GET", std::string(kEmergencyScriptPath), Role::viewer,
              [](const Visit&, Answer answer) {
                web::WebResponse response;
                response.content_type = "text/javascript; charset=utf-8";
                response.body = std::string(kEmergencyScript);
                answer(std::move(response));
              },
              true});
}

}  // namespace loaxa::console
