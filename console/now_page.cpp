// The Now page (GET /, trang Đang phát) and the pages' live script (GET /static/live.js).

#include "common/i18n.hpp"
#include "console/emergency_form.hpp"
#include "console/layout.hpp"
#include "console/live_script.hpp"
#include "console/now_facts.hpp"
#include "console/now_view.hpp"
#include "console/pages.hpp"
#include "console/responses.hpp"
#include "console/routes.hpp"

namespace loaxa::console {
namespace {

void show_now(const Visit& visit, Answer answer) {
  auto& station = visit.context.station;
  const auto facts = gather_now(station, visit.context.daemon);
  auto body = now_body_html(facts, station.zone());
  const bool airing = facts.daemon.status && facts.daemon.status->now_airing;
  if (airing && visit.visitor.role == Role::operator_) body += stop_form_html(csrf_field(visit));
  answer(html(200, page(visit, "/", tr("On air now"), body, {kLiveScriptPath})));
}

void send_live_script(const Visit&, Answer answer) {
  web::WebResponse response;
  response.content_type = "text/javascript; charset=utf-8";
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.body = std::string(kLiveScript);
  answer(std::move(response));
}

}  // namespace

void add_now_routes(Routes& routes) {
  routes.add({"GET", "/", Role::viewer, show_now});
  routes.add({"GET", std::string(kLiveScriptPath), Role::viewer, send_live_script, true});
}

}  // namespace loaxa::console
