// The Log page (GET /log, nhật ký phát) and its CSV export (GET /log.csv), one filter for both.

#include "common/i18n.hpp"
#include "console/layout.hpp"
#include "console/live_script.hpp"
#include "console/log_query.hpp"
#include "console/log_table.hpp"
#include "console/log_view.hpp"
#include "console/pages.hpp"
#include "console/responses.hpp"
#include "console/routes.hpp"
#include "station/catalogue.hpp"
#include "station/log.hpp"
#include "web/text.hpp"

#include <variant>

namespace loaxa::console {
namespace {

// The query the request asks for, or the 400 that says why not.
std::variant<LogQuery, web::WebResponse> read_query(const Visit& visit) {
  auto parsed = parse_log_query(web::target_query(visit.request.target), visit.context.station.now().today);
  if (auto* message = std::get_if<std::string>(&parsed)) {
    return problem(visit.request, 400, tr("The log cannot be shown"), *message);
  }
  return std::get<LogQuery>(std::move(parsed));
}

std::vector<store::Play> plays_of(station::Station& station, const LogQuery& query) {
  return of_category(station::list_plays(station, play_filter(query, station.zone())), query);
}

void show_log(const Visit& visit, Answer answer) {
  auto read = read_query(visit);
  if (auto* refusal = std::get_if<web::WebResponse>(&read)) return answer(std::move(*refusal));
  const auto& query = std::get<LogQuery>(read);
  auto& station = visit.context.station;
  const auto body = log_body_html(query, plays_of(station, query), station::list_categories(station), station.zone(),
                                  station.now().today);
  answer(html(200, page(visit, "/log", tr("As-run log"), body, {kLiveScriptPath})));
}

void send_csv(const Visit& visit, Answer answer) {
  auto read = read_query(visit);
  if (auto* refusal = std::get_if<web::WebResponse>(&read)) return answer(std::move(*refusal));
  const auto& query = std::get<LogQuery>(read);
  auto& station = visit.context.station;
  web::WebResponse response;
  response.content_type = "text/csv; charset=utf-8";
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"nhat-ky-phat-" +
                                                           schedules::format_date(query.from) + "-" +
                                                           schedules::format_date(query.to) + ".csv\"");
  response.body = log_csv(plays_of(station, query), station.zone());
  answer(std::move(response));
}

}  // namespace

void add_log_routes(Routes& routes) {
  routes.add({"GET", "/log", Role::viewer, show_log});
  routes.add({"GET", "/log.csv", Role::viewer, send_csv});
}

}  // namespace loaxa::console
