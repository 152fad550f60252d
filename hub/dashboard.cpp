#include "hub/dashboard.hpp"

#include "hub/month_close.hpp"

#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "hub/bar_chart.hpp"
#include "web/content_policy.hpp"
#include "web/csrf.hpp"
#include "hub/dashboard_pages.hpp"
#include "web/password_hash.hpp"
#include "hub/report.hpp"
#include "hub/report_csv.hpp"
#include "hub/report_sheet.hpp"
#include "hub/report_xlsx.hpp"
#include "web/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>

namespace loaxa::hub {
namespace {

// A user name or password longer than this is refused before any hashing.
constexpr std::size_t kMaxUserName = 64;
constexpr std::size_t kMaxPassword = 1024;

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

bool hex_of_length(const std::string& text, std::size_t length) {
  return text.size() == length &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string cookie(const char* name, const std::string& value, const char* path, bool tls, bool clear = false) {
  return fmt::format("{}={}; Path={}; HttpOnly; SameSite=Strict{}{}", name, value, path, clear ? "; Max-Age=0" : "",
                     tls ? "; Secure" : "");
}

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
      limiter_(options_.logins) {}

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
  const auto secret = web::cookie_value(request.cookie, kSessionCookie);
  if (!secret || !hex_of_length(*secret, 64)) return std::nullopt;
  const auto digest = web::digest_hex(*secret);
  const auto session = accounts_.find_session(digest);
  if (!session) return std::nullopt;
  const auto now = clock_.now();
  const web::SessionTimes times{session->created_at, session->last_seen};
  if (web::session_state(times, now, options_.sessions) != web::SessionState::valid) {
    accounts_.remove_session(digest);
    return std::nullopt;
  }
  const auto account = accounts_.find_user(session->user);
  if (!account) {
    accounts_.remove_session(digest);
    return std::nullopt;
  }
  if (web::session_needs_touch(times, now, options_.sessions)) accounts_.touch_session(digest, now);
  return Signed{*secret, digest, Viewer{account->name, account->group}};
}

web::WebResponse Dashboard::login_form(const web::WebRequest& request, const std::string& user, const std::string& message_text,
                                  int status) {
  auto token = web::cookie_value(request.cookie, kLoginCookie);
  if (!token || !hex_of_length(*token, 32)) token = web::random_hex(16);
  web::WebResponse response;
  response.status = status;
  response.headers.emplace_back("Set-Cookie", cookie(kLoginCookie, *token, "/login", request.tls));
  response.body = login_html({*token, user, message_text});
  return response;
}

void Dashboard::login(const web::WebRequest& request, std::function<void(web::WebResponse)> answer) {
  auto fields = web::parse_form(request.body);
  const std::string user = fields["user"];
  const std::string password = fields["password"];
  const auto token = web::cookie_value(request.cookie, kLoginCookie);
  if (!web::origin_allowed(request.origin, request.host, request.tls) || !token ||
      !web::form_token_matches(*token, fields["csrf"])) {
    return answer(login_form(request, "", tr("The login form had expired; please log in again."), 403));
  }
  const auto now = clock_.now();
  const std::string user_key = "user:" + user.substr(0, kMaxUserName);
  const std::string address_key = "addr:" + request.client_address;
  const auto wait = std::max(limiter_.wait(user_key, now), limiter_.wait(address_key, now));
  if (wait.count() > 0) {
    return answer(
        login_form(request, user, trf("Too many failed logins. Wait {} seconds, then try again.", wait.count()), 429));
  }
  if (logins_in_flight_ >= kMaxLoginsInFlight) {
    return answer(login_form(request, user, tr("The hub is busy checking other logins; try again in a moment."), 503));
  }
  std::optional<Account> account;
  if (!user.empty() && user.size() <= kMaxUserName && password.size() <= kMaxPassword)
    account = accounts_.find_user(user);
  auto verified = std::make_shared<bool>(false);
  const std::string stored = account ? account->password_hash : std::string();
  ++logins_in_flight_;
  offload_(
      [verified, stored, password] {
        // A name that does not exist costs the same time as a wrong password: the answer's
        // delay does not tell which names exist.
        static const std::string no_such_user = web::hash_password("loaxa-hub: no such user");
        const bool matches = web::verify_password(stored.empty() ? no_such_user : stored, password);
        *verified = matches && !stored.empty();
      },
      [this, verified, request, user, user_key, address_key, answer = std::move(answer)] {
        --logins_in_flight_;
        try {
          const auto at = clock_.now();
          if (!*verified) {
            limiter_.failed(user_key, at);
            limiter_.failed(address_key, at);
            return answer(login_form(request, user, tr("Wrong user name or password."), 401));
          }
          limiter_.succeeded(user_key);
          limiter_.succeeded(address_key);
          accounts_.remove_sessions_ended(at - options_.sessions.absolute, at - options_.sessions.idle);
          const auto secret = web::random_hex(32);
          accounts_.add_session({web::digest_hex(secret), user, at, at});
          auto response = redirect("/");
          response.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, secret, "/", request.tls));
          response.headers.emplace_back("Set-Cookie", cookie(kLoginCookie, "", "/login", request.tls, true));
          answer(std::move(response));
        } catch (const std::exception& e) {
          answer(message(500, tr("The hub could not answer"), e.what()));
        }
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
  response.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, "", "/", request.tls, true));
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

}  // namespace loaxa::hub
