#include "hub/dashboard.hpp"

#include "hub/month_close.hpp"

#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "hub/bar_chart.hpp"
#include "hub/dashboard_pages.hpp"
#include "hub/mandate_sheet.hpp"
#include "hub/report.hpp"
#include "hub/report_csv.hpp"
#include "hub/report_sheet.hpp"
#include "hub/report_xlsx.hpp"
#include "store/play_status_words.hpp"
#include "web/content_policy.hpp"
#include "web/csrf.hpp"
#include "web/password_hash.hpp"
#include "web/sign_in.hpp"
#include "web/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <set>

namespace loaxa::hub {
namespace {

web::WebResponse redirect(const std::string& to) {
  web::WebResponse response;
  response.status = 303;
  response.headers.emplace_back("Location", to);
  return response;
}

web::WebResponse message(int status, const std::string& title, const std::string& text) {
  web::WebResponse response;
  response.status = status;
  response.body = message_html(title, text);
  return response;
}

// The dashboard's accounts and their sessions, as the sign-in rules see them.
class AccountSessions final : public web::SessionStore {
 public:
  explicit AccountSessions(AccountStore& accounts) : accounts_(accounts) {}
  std::optional<std::string> password_hash(const std::string& user) override {
    auto found = accounts_.find_user(user);
    if (!found) return std::nullopt;
    return found->password_hash;
  }
  std::optional<Session> find_session(const std::string& digest) override {
    const auto found = accounts_.find_session(digest);
    if (!found) return std::nullopt;
    return Session{found->user, {found->created_at, found->last_seen}};
  }
  void add_session(const std::string& digest, const std::string& user, Instant at) override {
    accounts_.add_session({digest, user, at, at});
  }
  void touch_session(const std::string& digest, Instant at) override { accounts_.touch_session(digest, at); }
  void remove_session(const std::string& digest) override { accounts_.remove_session(digest); }
  void remove_sessions_ended(Instant created_before, Instant seen_before) override {
    accounts_.remove_sessions_ended(created_before, seen_before);
  }

 private:
  AccountStore& accounts_;
};

std::string month_text(const Period& period) {
  return fmt::format("{:04}-{:02}", period.year, period.index);
}

Period shifted(const Period& period, int months) {
  const int index = period.year * 12 + static_cast<int>(period.index) - 1 + months;
  return month_period(index / 12, static_cast<unsigned>(index % 12 + 1));
}

// The month a request asks for (?month=YYYY-MM), else the current one in the district's zone.
std::optional<Period> requested_month(const web::WebRequest& request, Instant now, const schedules::TimeZone& zone) {
  const auto query = web::parse_form(web::target_query(request.target));
  const auto given = query.find("month");
  if (given == query.end() || given->second.empty()) {
    const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(zone.to_local(now))};
    return month_period(static_cast<int>(today.year()), static_cast<unsigned>(today.month()));
  }
  const auto month = parse_month(given->second);
  if (!month) return std::nullopt;
  return month_period(month->year, month->month);
}

web::WebResponse bad_month(const web::WebRequest& request) {
  const auto query = web::parse_form(web::target_query(request.target));
  const auto given = query.find("month");
  return message(400, tr("Not a month"),
                 trf("'{}' is not a month: write YYYY-MM with a month from 01 to 12, e.g. 2026-11.",
                     given == query.end() ? "" : given->second));
}

std::string when(const std::optional<Instant>& at, const schedules::TimeZone& zone) {
  return at ? display_time(*at, zone) : std::string(tr("never"));
}

PageHeader header_of(const std::string& secret, const Viewer& viewer) {
  return {viewer.name, viewer.group, web::session_form_token(secret)};
}

}  // namespace

void offload_inline(std::function<void()> work, std::function<void()> then) {
  work();
  then();
}

void add_security_headers(web::WebResponse& response) {
  const bool html = response.content_type.rfind("text/html", 0) == 0;
  response.headers.emplace_back("Content-Security-Policy", web::content_security_policy(html ? response.body : ""));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  // Not no-referrer: under it a browser sends "Origin: null" with the page's own forms, and
  // origin_allowed() would refuse them. same-origin tells other sites nothing either.
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("Cache-Control", "no-store");
}

Dashboard::Dashboard(HubStore& hub, AccountStore& accounts, const Clock& clock, Offload offload,
                     DashboardOptions options, ClosedMonths closed)
    : hub_(hub),
      accounts_(accounts),
      clock_(clock),
      offload_(std::move(offload)),
      options_(options),
      closed_(closed),
      zone_(options_.time_zone),
      login_(options_.logins, kMaxLoginsInFlight) {}

void Dashboard::handle(web::WebRequest request, std::function<void(web::WebResponse)> answer) {
  const bool tls = request.tls;
  auto send = [answer = std::move(answer), tls](web::WebResponse response) {
    add_security_headers(response);
    if (tls) response.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
    answer(std::move(response));
  };
  try {
    const std::string path(web::target_path(request.target));
    if (path == "/login") {
      if (request.method == "POST") {
        login(request, send);  // a copy: the catch below may still need `send`
        return;
      }
      if (request.method != "GET") return send(message(405, tr("Not allowed"), tr("This page takes GET or POST.")));
      if (signed_in(request)) return send(redirect("/"));
      return send(login_form(request, "", "", 200));
    }
    if (path == "/logout") {
      if (request.method != "POST") return send(message(405, tr("Not allowed"), tr("Log out with the button.")));
      return send(logout(request));
    }
    if (request.method != "GET") return send(message(405, tr("Not allowed"), tr("This page takes GET only.")));
    // The pages name no icon (an empty data: one); a browser asking anyway gets none, and no
    // redirect: a login page loaded beside the real one would replace its form's cookie.
    if (path == "/favicon.ico") return send(message(404, tr("Not found"), tr("There is no such page.")));
    const bool is_download = path == "/report.csv" || path == "/report.xlsx";
    const auto who = signed_in(request);
    if (!who) {
      if (!is_download) return send(redirect("/login"));
      web::WebResponse refused;
      refused.status = 401;
      refused.content_type = "text/plain; charset=utf-8";
      refused.body = std::string(tr("Log in first: the report is only for signed-in users.")) + "\n";
      return send(std::move(refused));
    }
    if (path == "/") return send(report_page(request, *who));
    if (is_download) return send(download(request, *who, path == "/report.xlsx"));
    if (path == "/mandates") return send(mandates_page(*who));
    constexpr std::string_view kMandate = "/mandate/";
    if (path.rfind(kMandate, 0) == 0) return send(mandate_page(*who, path.substr(kMandate.size())));
    constexpr std::string_view kStation = "/station/";
    if (path.rfind(kStation, 0) == 0) {
      const auto id = web::url_decode(std::string_view(path).substr(kStation.size()), false);
      if (id && !id->empty()) return send(station_page(request, *who, *id));
    }
    return send(message(404, tr("Not found"), tr("There is no such page.")));
  } catch (const std::exception& e) {
    return send(message(500, tr("The hub could not answer"), e.what()));
  }
}

std::optional<Dashboard::Signed> Dashboard::signed_in(const web::WebRequest& request) {
  AccountSessions sessions(accounts_);
  const auto session = web::session_of(sessions, request, kSessionCookie, clock_.now(), options_.sessions);
  if (!session) return std::nullopt;
  const auto account = accounts_.find_user(session->user);
  if (!account) {
    sessions.remove_session(session->digest);
    return std::nullopt;
  }
  return Signed{session->secret, session->digest, Viewer{account->name, account->group}};
}

web::WebResponse Dashboard::login_form(const web::WebRequest& request, const std::string& user,
                                       const std::string& message_text, int status) {
  const auto token = web::login_form_token(request, kLoginCookie);
  web::WebResponse response;
  response.status = status;
  response.headers.emplace_back("Set-Cookie", web::cookie_header(kLoginCookie, token, "/login", request.tls));
  response.body = login_html({token, user, message_text});
  return response;
}

void Dashboard::login(const web::WebRequest& request, std::function<void(web::WebResponse)> answer) {
  using Outcome = web::Login::Outcome;
  auto sessions = std::make_shared<AccountSessions>(accounts_);
  // `sessions` rides along: the attempt uses it until it answers.
  login_.attempt(*sessions, request, kLoginCookie, clock_, options_.sessions, offload_,
                 [this, sessions, request, answer = std::move(answer)](web::Login::Result result) {
                   if (auto refusal = web::login_refusal(
                           result, tr("The hub is busy checking other logins; try again in a moment."))) {
                     return answer(login_form(request, refusal->user, refusal->text, refusal->status));
                   }
                   if (result.outcome == Outcome::failed)
                     return answer(message(500, tr("The hub could not answer"), result.error));
                   answer(web::signed_in_answer(result, request, kSessionCookie, kLoginCookie));
                 });
}

web::WebResponse Dashboard::logout(const web::WebRequest& request) {
  const auto who = signed_in(request);
  if (!who) return redirect("/login");
  auto fields = web::parse_form(request.body);
  if (!web::origin_allowed(request.origin, request.host, request.tls) ||
      !web::form_token_matches(web::session_form_token(who->secret), fields["csrf"])) {
    return message(403, tr("Refused"), tr("The form did not come from this page; use the Log out button."));
  }
  accounts_.remove_session(who->digest);
  auto response = redirect("/login");
  response.headers.emplace_back("Set-Cookie", web::cookie_header(kSessionCookie, "", "/", request.tls, true));
  return response;
}

Dashboard::MonthView Dashboard::month_report(const Viewer& viewer, const Period& period, Instant now) {
  ReportRequest request;
  request.period = period;
  std::tie(request.from, request.to) = period_window(period, zone_);
  request.time_zone = zone_.name();
  request.group = report_group(viewer);
  request.now = now;
  request.silent_after = options_.silent_after;
  MonthView view;
  if (closed_.store != nullptr && closed_.signer != nullptr) {
    if (auto closed = read_closed_month(*closed_.store, *closed_.signer, request)) {
      view.report = std::move(closed->report);
      view.closed_at = closed->closed_at;
      for (const auto& late : closed->late) view.late_plays += late.plays;
      return view;
    }
  }
  view.report =
      build_frequency_report(request, visible_stations(viewer, hub_.stations()), hub_.report(request.from, request.to),
                             hub_.planned(request.from, request.to), hub_.targets());
  return view;
}

web::WebResponse Dashboard::report_page(const web::WebRequest& request, const Signed& who) {
  const auto now = clock_.now();
  const auto period = requested_month(request, now, zone_);
  if (!period) return bad_month(request);
  const auto view = month_report(who.viewer, *period, now);
  const auto& report = view.report;
  ReportPage page;
  if (view.closed_at) {
    page.closed_note = trf(
        "Closed on {}: these are the month's numbers as they were closed (signed snapshot). {} play(s) of this month "
        "arrived after the close and are not in them (loaxa-hub report --month {} lists them).",
        when(view.closed_at, zone_), view.late_plays, month_text(*period));
  }
  page.header = header_of(who.secret, who.viewer);
  page.month = month_text(*period);
  page.previous_month = month_text(shifted(*period, -1));
  page.next_month = month_text(shifted(*period, 1));
  page.sheet = frequency_sheet(report, zone_);
  for (const auto& row : report.rows) page.below_target.push_back(row.meets_target && !*row.meets_target);
  page.chart_svg = bar_chart_svg(chart_bars(report));
  std::map<std::string, bool> silent;
  for (const auto& row : report.rows) silent[row.station_id] = silent[row.station_id] || row.silent;
  for (const auto& station : visible_stations(who.viewer, hub_.stations())) {
    page.stations.push_back(
        {station.id, station.name, station.group, when(station.last_contact, zone_), silent[station.id]});
  }
  web::WebResponse response;
  response.body = report_html(page);
  return response;
}

web::WebResponse Dashboard::station_page(const web::WebRequest& request, const Signed& who, const std::string& id) {
  const auto station = hub_.find_station(id);
  // Another group's station is answered as one that does not exist: its name is not told.
  if (!station || !can_see(who.viewer, *station)) {
    return message(404, tr("Not found"), trf("There is no station '{}' you can see.", id));
  }
  const auto now = clock_.now();
  const auto period = requested_month(request, now, zone_);
  if (!period) return bad_month(request);
  // Opened from a month's report (?month=…): that month's plays; else the last days'.
  const bool for_month = web::parse_form(web::target_query(request.target)).count("month") > 0;
  const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(zone_.to_local(now))};
  std::chrono::year_month_day first{std::chrono::sys_days(today) - (options_.station_days - std::chrono::days(1))};
  std::chrono::year_month_day last = today;
  if (for_month) {
    first = period->first_month() / std::chrono::day(1);
    last = period->first_month() / std::chrono::last;
  }
  const auto [from, to] = days_window(first, last, zone_);
  const auto plays = hub_.plays_between(id, from, to);
  StationPage page;
  page.header = header_of(who.secret, who.viewer);
  // Silent as the report says it (build_frequency_report), not a second copy of the rule.
  ReportRequest silence;
  silence.now = now;
  silence.silent_after = options_.silent_after;
  const auto alone = build_frequency_report(silence, {*station}, {}, {}, {});
  const bool silent = !alone.rows.empty() && alone.rows.front().silent;
  page.station = {station->id, station->name, station->group, when(station->last_contact, zone_), silent};
  page.month = month_text(*period);
  page.plays = plays_sheet(id, plays, display_date(first), display_date(last), zone_);
  web::WebResponse response;
  response.body = station_html(page);
  return response;
}

web::WebResponse Dashboard::download(const web::WebRequest& request, const Signed& who, bool xlsx) {
  const auto now = clock_.now();
  const auto period = requested_month(request, now, zone_);
  if (!period) return bad_month(request);
  const auto sheet = frequency_sheet(month_report(who.viewer, *period, now).report, zone_);
  web::WebResponse response;
  const std::string name = "bao-cao-" + month_text(*period) + (xlsx ? ".xlsx" : ".csv");
  response.content_type =
      xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  response.body = xlsx ? render_xlsx(sheet) : render_csv(sheet);
  return response;
}

namespace {

// The mandates a viewer may see: those addressed to one of its stations (every one for a
// user without a group), each listing only those stations.
std::vector<Mandate> visible_mandates(const Viewer& viewer, std::vector<Mandate> mandates,
                                      const std::vector<Station>& stations) {
  std::set<std::string> seen;
  for (const auto& station : visible_stations(viewer, stations)) seen.insert(station.id);
  std::vector<Mandate> out;
  for (auto& mandate : mandates) {
    std::erase_if(mandate.stations, [&](const std::string& id) { return seen.count(id) == 0; });
    if (!mandate.stations.empty()) out.push_back(std::move(mandate));
  }
  return out;
}

}  // namespace

web::WebResponse Dashboard::mandates_page(const Signed& who) {
  const auto today = schedules::date_of(std::chrono::floor<std::chrono::seconds>(zone_.to_local(clock_.now())));
  MandatesPage page;
  page.header = header_of(who.secret, who.viewer);
  page.sheet = mandates_sheet(visible_mandates(who.viewer, hub_.mandates(), hub_.stations()), today, zone_);
  web::WebResponse response;
  response.body = mandates_html(page);
  return response;
}

web::WebResponse Dashboard::mandate_page(const Signed& who, const std::string& id_text) {
  std::int64_t id = 0;
  const auto* end = id_text.data() + id_text.size();
  const auto [stop, ec] = std::from_chars(id_text.data(), end, id);
  std::optional<MandateView> view;
  if (!id_text.empty() && ec == std::errc() && stop == end && id > 0) view = hub_.mandate_view(id, zone_);
  if (view) {
    const auto visible = visible_mandates(who.viewer, {view->mandate}, hub_.stations());
    if (visible.empty()) {
      view.reset();  // another group's mandate is answered as one that does not exist
    } else {
      view->mandate.stations = visible.front().stations;
      std::erase_if(view->stations, [&](const MandateStationView& line) {
        return std::find(view->mandate.stations.begin(), view->mandate.stations.end(), line.station_id) ==
               view->mandate.stations.end();
      });
    }
  }
  if (!view) return message(404, tr("Not found"), trf("There is no mandate '{}' you can see.", id_text));
  const auto& o = view->mandate.order;
  const auto today = schedules::date_of(std::chrono::floor<std::chrono::seconds>(zone_.to_local(clock_.now())));
  MandatePage page;
  page.header = header_of(who.secret, who.viewer);
  page.title = trf("Mandate {}: {}", o.id, o.title);
  page.terms = {
      {tr("Category"), o.category},
      {tr("Days"), schedules::format_date(o.terms.from) + " … " + schedules::format_date(o.terms.until)},
      {tr("Times per week"), std::to_string(o.terms.times_per_week)},
      {tr("Windows"), schedules::format_windows(schedules::windows_of(o.terms))},
      {tr("Level"), store::mandate_level_words(o.terms.level)},
      {tr("Required per station"), std::to_string(schedules::required_airings(o.terms))},
      {tr("Audio"), o.file_name},
      {tr("Issued"), when(o.issued_at, zone_)},
      {tr("State"), mandate_state_text(view->mandate, today, zone_)},
  };
  page.stations = mandate_stations_sheet(*view, zone_);
  web::WebResponse response;
  response.body = mandate_html(page);
  return response;
}

}  // namespace loaxa::hub
