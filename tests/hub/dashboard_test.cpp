// The dashboard without sockets: a real SqliteHubStore and SqliteAccountStore in a temporary
// hub home, a clock the test moves, the password check run inline. Refused without a
// session; the login form's CSRF token, wrong passwords and the rate limit; the report's
// table, chart and downloads; a group user sees only its group; sessions expire and log out;
// the district bulletins' pages.

#include "hub/dashboard.hpp"
#include "hub/month_close.hpp"
#include "web/password_hash.hpp"
#include "hub/report_period.hpp"
#include "hub/sqlite_account_store.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "hub/sqlite_month_close_store.hpp"
#include "hub_fixture.hpp"
#include "mandate_fixture.hpp"
#include "store/utc_text.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace loaxa;
using namespace loaxa::hub;
using namespace std::chrono_literals;

namespace {

const Instant kNow = store::parse_utc_text("2026-12-21T00:00:00.000Z");

std::string header(const web::WebResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

// "loaxa_session=abc; Path=/; …" → "abc", from the response's Set-Cookie of that name.
std::string set_cookie(const web::WebResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == "Set-Cookie" && value.rfind(name + "=", 0) == 0) {
      return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
    }
  }
  return "";
}

std::string between(const std::string& text, const std::string& before, const std::string& after) {
  const auto start = text.find(before);
  if (start == std::string::npos) return "";
  const auto from = start + before.size();
  return text.substr(from, text.find(after, from) - from);
}

struct Hub {
  loaxa::test::TempDir home;
  SqliteHubStore store{home / "hub.db"};
  SqliteAccountStore accounts{store.database()};
  ManualClock clock{kNow};
  // Password checks run at once, or wait here until the test runs them (defer_checks).
  bool defer_checks = false;
  std::vector<std::pair<std::function<void()>, std::function<void()>>> deferred;
  SqliteMonthCloseStore closes{store};
  MonthCloseSigner signer{std::vector<std::uint8_t>(32, 7)};
  Dashboard dashboard{store,
                      accounts,
                      clock,
                      [this](std::function<void()> work, std::function<void()> then) {
                        if (!defer_checks) return offload_inline(std::move(work), std::move(then));
                        deferred.emplace_back(std::move(work), std::move(then));
                      },
                      DashboardOptions{},
                      ClosedMonths{&closes, &signer}};

  Hub() {
    add("xa-a", "Xã A", "Huyện A");
    add("xa-b", "Xã <b>B</b>", "Huyện B");
    // hub_fixture: 12 plays on 1–3 December, 3 of them CDS completed; 8 plays, 2.
    REQUIRE(store.append_plays("xa-a", hub::test::station_plays(12), kNow - 24h).kind == IngestOutcome::Kind::acked);
    REQUIRE(store.append_plays("xa-b", hub::test::station_plays(8), kNow - 24h).kind == IngestOutcome::Kind::acked);
    store.record_contact("xa-a", kNow - 1h);
    Target cds;
    cds.category = "CDS";
    cds.min_plays = 3;
    store.set_target(cds);
    accounts.add_user({"an", std::nullopt, web::hash_password("mật khẩu an"), kNow, kNow});
    accounts.add_user({"binh", "Huyện B", web::hash_password("mật khẩu bình"), kNow, kNow});
  }

  void add(const std::string& id, const std::string& name, const std::string& group) {
    Station station;
    station.id = id;
    station.name = name;
    station.group = group;
    station.created_at = kNow - 48h;
    station.sealed_key = {1, 2, 3};
    store.add_station(station);
  }

  web::WebResponse call(web::WebRequest request) {
    if (request.host.empty()) request.host = "hub.local:8443";
    if (request.client_address.empty()) request.client_address = "10.0.0.7";
    std::optional<web::WebResponse> got;
    dashboard.handle(std::move(request), [&](web::WebResponse response) { got = std::move(response); });
    REQUIRE(got);
    return *got;
  }

  web::WebResponse get(const std::string& target, const std::string& session = "") {
    web::WebRequest request;
    request.method = "GET";
    request.target = target;
    if (!session.empty()) request.cookie = "loaxa_session=" + session;
    return call(std::move(request));
  }

  web::WebResponse post(const std::string& target, const std::string& cookie, const std::string& body,
                   const std::string& origin = "", const std::string& address = "") {
    web::WebRequest request;
    request.method = "POST";
    request.target = target;
    request.cookie = cookie;
    request.origin = origin;
    request.content_type = "application/x-www-form-urlencoded";
    request.body = body;
    request.client_address = address;
    return call(std::move(request));
  }

  web::WebResponse post_login(const std::string& user, const std::string& password, const std::string& address = "") {
    const auto form = get("/login");
    const auto token = set_cookie(form, "loaxa_login");
    return post("/login", "loaxa_login=" + token, "csrf=" + token + "&user=" + user + "&password=" + password, "",
                address);
  }

  std::string login(const std::string& user, const std::string& password) {
    const auto response = post_login(user, password);
    INFO(response.body);
    REQUIRE(response.status == 303);
    REQUIRE(header(response, "Location") == "/");
    return set_cookie(response, "loaxa_session");
  }
};

}  // namespace

TEST_CASE("without a session every page redirects to the login and a download gives no data", "[hub][dashboard]") {
  Hub hub;
  for (const auto* target : {"/", "/?month=2026-12", "/station/xa-a", "/nothing"}) {
    const auto response = hub.get(target);
    CHECK(response.status == 303);
    CHECK(header(response, "Location") == "/login");
    CHECK(response.body.empty());
  }
  for (const auto* target : {"/report.csv?month=2026-12", "/report.xlsx?month=2026-12"}) {
    const auto response = hub.get(target);
    CHECK(response.status == 401);
    CHECK(response.body.find("xa-") == std::string::npos);
  }
  // A forged or unknown session cookie is no session.
  CHECK(hub.get("/", std::string(64, 'a')).status == 303);
  CHECK(hub.get("/", "not-hex").status == 303);
  const auto form = hub.get("/login");
  CHECK(form.status == 200);
  CHECK(header(form, "Content-Security-Policy").find("default-src 'none'") != std::string::npos);
  CHECK(header(form, "Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
  CHECK(header(form, "X-Content-Type-Options") == "nosniff");
  CHECK(header(form, "Cache-Control") == "no-store");
  CHECK(header(form, "Set-Cookie").find("HttpOnly; SameSite=Strict") != std::string::npos);
}

TEST_CASE("the login form: its CSRF token, a wrong password, then a session cookie", "[hub][dashboard]") {
  Hub hub;
  const auto form = hub.get("/login");
  const auto token = set_cookie(form, "loaxa_login");
  REQUIRE(token.size() == 32);
  CHECK(form.body.find("name=\"csrf\" value=\"" + token + "\"") != std::string::npos);

  // Without the cookie, with another token, from another origin: refused before any check.
  CHECK(hub.post("/login", "", "csrf=" + token + "&user=an&password=m%E1%BA%ADt+kh%E1%BA%A9u+an").status == 403);
  CHECK(hub.post("/login", "loaxa_login=" + token,
                 "csrf=" + std::string(32, '0') + "&user=an&password=m%E1%BA%ADt+kh%E1%BA%A9u+an")
            .status == 403);
  CHECK(hub.post("/login", "loaxa_login=" + token, "csrf=" + token + "&user=an&password=m%E1%BA%ADt+kh%E1%BA%A9u+an",
                 "https://evil.example")
            .status == 403);

  const auto wrong = hub.post_login("an", "sai");
  CHECK(wrong.status == 401);
  CHECK(wrong.body.find("Wrong user name or password.") != std::string::npos);
  CHECK(set_cookie(wrong, "loaxa_session").empty());
  CHECK(hub.post_login("nobody", "m%E1%BA%ADt+kh%E1%BA%A9u+an").status == 401);

  const auto session = hub.login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an");
  CHECK(session.size() == 64);
  CHECK(hub.accounts.session_count("an") == 1);
  // The database keeps a digest of the secret, never the secret.
  CHECK_FALSE(hub.accounts.find_session(session));
  CHECK(hub.accounts.find_session(web::digest_hex(session)));
  CHECK(hub.get("/login", session).status == 303);  // already signed in
}

TEST_CASE("the report page: the month's table, below target highlighted, chart, last contacts, escaped",
          "[hub][dashboard]") {
  Hub hub;
  const auto session = hub.login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an");
  const auto page = hub.get("/?month=2026-12", session);
  REQUIRE(page.status == 200);
  CHECK(page.content_type == "text/html; charset=utf-8");
  const auto& html = page.body;
  CHECK(html.find("<table id=\"report\">") != std::string::npos);
  // xa-a aired 3 CDS plays (target 3: met), xa-b 2 (below: the row is tinted).
  CHECK(html.find("<tr><td><a href=\"/station/xa-a?month=2026-12\">xa-a</a></td><td>Xã A</td><td>Huyện "
                  "A</td><td>CDS</td><td>3</td>") != std::string::npos);
  // Numbers align right by column: plays aired (5th) and the other counts, not the names.
  CHECK(html.find("#report td:nth-child(5),#report td:nth-child(6)") != std::string::npos);
  CHECK(html.find("#report td:nth-child(1),") == std::string::npos);
  CHECK(html.find("<tr class=\"below\"><td><a href=\"/station/xa-b?month=2026-12\">xa-b</a></td><td>Xã "
                  "&lt;b&gt;B&lt;/b&gt;</td>") != std::string::npos);
  CHECK(html.find("<b>B</b>") == std::string::npos);
  CHECK(html.find("<svg ") != std::string::npos);
  CHECK(html.find("<title>xa-a CDS: 3</title>") != std::string::npos);
  CHECK(html.find("<table id=\"stations\">") != std::string::npos);
  CHECK(html.find("21/12/2026 06:00") != std::string::npos);  // xa-a's last contact, in Vietnam
  CHECK(html.find("href=\"/report.csv?month=2026-12\"") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  // Nothing is loaded from elsewhere: no address but the SVG's namespace, no src=.
  std::string without_namespace = html;
  const std::string svg_namespace = "xmlns=\"http://www.w3.org/2000/svg\"";
  without_namespace.erase(without_namespace.find(svg_namespace), svg_namespace.size());
  CHECK(without_namespace.find("http") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  // Without ?month: the current month in the hub's clock; a bad month is refused.
  CHECK(hub.get("/", session).body.find("value=\"2026-12\"") != std::string::npos);
  CHECK(hub.get("/?month=2026-13", session).status == 400);
}

TEST_CASE("a closed month is shown as it was closed, the plays that came after counted apart", "[hub][dashboard]") {
  Hub hub;
  const auto session = hub.login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an");
  const auto row_of_a = [](const std::string& html) {
    return between(html, "<tr><td><a href=\"/station/xa-a?month=2026-12\">xa-a</a>", "</tr>");
  };
  const auto live = hub.get("/?month=2026-12", session).body;
  CHECK(live.find("id=\"closed\"") == std::string::npos);

  // January: December is closed, then xa-a sends plays of December it had kept.
  hub.clock.set(store::parse_utc_text("2027-01-05T00:00:00.000Z"));
  ReportRequest request;
  request.period = month_period(2026, 12);
  const schedules::TimeZone zone("Asia/Ho_Chi_Minh");
  std::tie(request.from, request.to) = period_window(request.period, zone);
  request.time_zone = zone.name();
  close_month(hub.store, hub.closes, hub.signer, hub.clock, request);
  auto more = hub::test::station_plays(16);
  more.erase(more.begin(), more.begin() + 12);
  hub.clock.set(store::parse_utc_text("2027-01-05T01:00:00.000Z"));
  REQUIRE(hub.store.append_plays("xa-a", more, hub.clock.now()).kind == IngestOutcome::Kind::acked);

  const auto later = hub.login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an");  // two weeks on: a new session
  const auto closed = hub.get("/?month=2026-12", later).body;
  // The numbers as closed (the silent flag is the close's: xa-a had been silent a fortnight).
  const auto numbers = [&](const std::string& html) {
    const auto row = row_of_a(html);
    return row.substr(0, row.find("21/12/2026 06:00"));
  };
  CHECK(numbers(closed) == numbers(live));
  const auto note = between(closed, "<p class=\"notes\" id=\"closed\">", "</p>");
  CHECK(note.find("05/01/2027") != std::string::npos);
  INFO(note);
  CHECK(note.find(" 4 ") != std::string::npos);  // the late plays, apart
  const auto csv = hub.get("/report.csv?month=2026-12", later).body;
  CHECK(csv.find("xa-a,Xã A,Huyện A,CDS,3,") != std::string::npos);
}

TEST_CASE("the downloads are the report's own CSV and XLSX", "[hub][dashboard]") {
  Hub hub;
  const auto session = hub.login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an");
  const auto csv = hub.get("/report.csv?month=2026-12", session);
  REQUIRE(csv.status == 200);
  CHECK(csv.content_type == "text/csv; charset=utf-8");
  CHECK(header(csv, "Content-Disposition") == "attachment; filename=\"bao-cao-2026-12.csv\"");
  CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(csv.body.find("xa-a,Xã A,Huyện A,CDS,3,") != std::string::npos);
  CHECK(csv.body.find("xa-b,Xã <b>B</b>,Huyện B,CDS,2,") != std::string::npos);
  const auto xlsx = hub.get("/report.xlsx?month=2026-12", session);
  REQUIRE(xlsx.status == 200);
  CHECK(xlsx.body.rfind("PK", 0) == 0);
}

TEST_CASE("a group user sees only its group: table, chart, station pages, downloads", "[hub][dashboard]") {
  Hub hub;
  const auto session = hub.login("binh", "m%E1%BA%ADt+kh%E1%BA%A9u+b%C3%ACnh");
  const auto page = hub.get("/?month=2026-12", session);
  REQUIRE(page.status == 200);
  CHECK(page.body.find("xa-b") != std::string::npos);
  CHECK(page.body.find("xa-a") == std::string::npos);
  CHECK(page.body.find("Huyện A") == std::string::npos);
  CHECK(hub.get("/station/xa-b?month=2026-12", session).status == 200);
  const auto other = hub.get("/station/xa-a", session);
  CHECK(other.status == 404);
  CHECK(other.body.find("Xã A") == std::string::npos);
  CHECK(hub.get("/station/xa-none", session).status == 404);
  const auto csv = hub.get("/report.csv?month=2026-12", session);
  CHECK(csv.body.find("xa-b") != std::string::npos);
  CHECK(csv.body.find("xa-a") == std::string::npos);
}

TEST_CASE("the station page lists the month's plays from the report, else the last 7 days'", "[hub][dashboard]") {
  Hub hub;
  const auto session = hub.login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an");
  const auto plays_listed = [&](const std::string& target) {
    const auto page = hub.get(target, session);
    REQUIRE(page.status == 200);
    REQUIRE(page.body.find("<table id=\"plays\">") != std::string::npos);
    const auto rows = between(page.body, "<tbody>", "</tbody>");
    std::size_t count = 0;
    for (auto at = rows.find("<tr>"); at != std::string::npos; at = rows.find("<tr>", at + 1)) ++count;
    return count;
  };
  // 12 plays over 1–3 December (in Vietnam); the hub's clock on 21 December.
  CHECK(plays_listed("/station/xa-a?month=2026-12") == 12);
  CHECK(plays_listed("/station/xa-a?month=2026-11") == 0);
  CHECK(plays_listed("/station/xa-a") == 0);  // 15–21 December
  hub.clock.set(store::parse_utc_text("2026-12-03T00:00:00.000Z"));
  CHECK(plays_listed("/station/xa-a") == 12);  // 27 November – 3 December
  const auto page = hub.get("/station/xa-a?month=2026-12", session);
  CHECK(page.body.find("Định danh điện tử") != std::string::npos);
  CHECK(page.body.find("01/12/2026") != std::string::npos);
  CHECK(page.body.find("31/12/2026") != std::string::npos);
  // xa-b never called: silent, said in words.
  CHECK(hub.get("/station/xa-b", session).body.find("class=\"silent\">never · SILENT") != std::string::npos);
}

TEST_CASE("a session ends after 30 idle minutes or 12 hours, and at logout (CSRF-checked)", "[hub][dashboard]") {
  Hub hub;
  auto session = hub.login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an");
  hub.clock.advance(29min);
  CHECK(hub.get("/", session).status == 200);
  hub.clock.advance(29min);
  CHECK(hub.get("/", session).status == 200);  // touched 29 minutes ago
  hub.clock.advance(31min);
  CHECK(hub.get("/", session).status == 303);
  CHECK(hub.accounts.session_count("an") == 0);

  session = hub.login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an");
  for (int i = 0; i < 12 * 3; ++i) {
    hub.clock.advance(20min);
    if (hub.get("/", session).status != 200) break;
  }
  CHECK(hub.get("/", session).status == 303);

  session = hub.login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an");
  const auto token = between(hub.get("/", session).body, "name=\"csrf\" value=\"", "\"");
  REQUIRE(token.size() == 64);
  const auto cookie = "loaxa_session=" + session;
  CHECK(hub.post("/logout", cookie, "csrf=" + std::string(64, '0')).status == 403);
  CHECK(hub.get("/logout", session).status == 405);
  CHECK(hub.get("/", session).status == 200);
  const auto out = hub.post("/logout", cookie, "csrf=" + token);
  CHECK(out.status == 303);
  CHECK(header(out, "Location") == "/login");
  CHECK(hub.get("/", session).status == 303);
}

TEST_CASE("five wrong passwords are free, then the user and the address are locked out", "[hub][dashboard]") {
  Hub hub;
  for (int i = 0; i < 6; ++i) REQUIRE(hub.post_login("an", "sai").status == 401);
  const auto locked = hub.post_login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an");
  CHECK(locked.status == 429);
  CHECK(locked.body.find("Wait 30 seconds") != std::string::npos);
  // From elsewhere the user is locked too; the other user from elsewhere is not.
  CHECK(hub.post_login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an", "10.0.0.8").status == 429);
  CHECK(hub.post_login("binh", "m%E1%BA%ADt+kh%E1%BA%A9u+b%C3%ACnh", "10.0.0.8").status == 303);
  // The address that failed is locked for every user.
  CHECK(hub.post_login("binh", "m%E1%BA%ADt+kh%E1%BA%A9u+b%C3%ACnh").status == 429);
  hub.clock.advance(30s);
  CHECK(hub.post_login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an").status == 303);
}

TEST_CASE("at most 4 logins wait for a password check at once, the next is told to try again", "[hub][dashboard]") {
  Hub hub;
  hub.defer_checks = true;
  const auto token = set_cookie(hub.get("/login"), "loaxa_login");
  std::vector<std::optional<web::WebResponse>> answers(5);
  for (std::size_t i = 0; i < answers.size(); ++i) {
    web::WebRequest request;
    request.method = "POST";
    request.target = "/login";
    request.host = "hub.local:8443";
    request.client_address = "10.0.0.7";
    request.cookie = "loaxa_login=" + token;
    request.body = "csrf=" + token + "&user=an&password=m%E1%BA%ADt+kh%E1%BA%A9u+an";
    hub.dashboard.handle(request, [&answers, i](web::WebResponse response) { answers[i] = std::move(response); });
  }
  for (std::size_t i = 0; i < 4; ++i) CHECK_FALSE(answers[i]);
  REQUIRE(answers[4]);
  CHECK(answers[4]->status == 503);
  REQUIRE(hub.deferred.size() == 4);
  for (auto& [work, then] : hub.deferred) {
    work();
    then();
  }
  for (std::size_t i = 0; i < 4; ++i) {
    REQUIRE(answers[i]);
    CHECK(answers[i]->status == 303);
  }
  CHECK(hub.accounts.session_count("an") == 4);
}

TEST_CASE("under TLS the cookies are Secure and the pages ask for HTTPS from then on", "[hub][dashboard]") {
  Hub hub;
  web::WebRequest request;
  request.method = "GET";
  request.target = "/login";
  request.tls = true;
  const auto secure = hub.call(request);
  CHECK(header(secure, "Set-Cookie").find("; Secure") != std::string::npos);
  CHECK(header(secure, "Strict-Transport-Security") == "max-age=31536000");
  const auto plain = hub.get("/login");
  CHECK(header(plain, "Set-Cookie").find("Secure") == std::string::npos);
  CHECK(header(plain, "Strict-Transport-Security").empty());
}

TEST_CASE("odd and random requests are answered, never with data, never a crash", "[hub][dashboard]") {
  Hub hub;
  const std::vector<std::string> targets{"/station/",
                                         "/station/%00",
                                         "/station/%G0",
                                         "/station/..%2F..%2Fetc%2Fpasswd",
                                         "/station/xa-a/../xa-b",
                                         "/?month=%",
                                         "/?month=9999-99",
                                         "/report.csv?month=<script>",
                                         "//",
                                         "/login?x=%ZZ",
                                         std::string(4000, '/'),
                                         "*"};
  std::mt19937 random(7);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 300; ++i) {
    web::WebRequest request;
    request.method = i % 3 == 0 ? "POST" : "GET";
    request.target = i < static_cast<int>(targets.size()) ? targets[static_cast<std::size_t>(i)] : "/";
    for (int n = 0; n < 40; ++n) {
      const char c = static_cast<char>(byte(random));
      (i % 2 == 0 ? request.body : request.cookie) += c;
      if (i >= static_cast<int>(targets.size())) request.target += c;
    }
    const auto response = hub.call(request);
    INFO(request.target);
    CHECK((response.status == 200 || response.status == 303 || response.status == 400 || response.status == 401 ||
           response.status == 403 || response.status == 404 || response.status == 405));
    CHECK(response.body.find("xa-a") == std::string::npos);
  }
  // The same odd targets with a session: answered, escaped, nothing but a page or a 4xx.
  const auto session = hub.login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an");
  for (const auto& target : targets) {
    const auto response = hub.get(target, session);
    INFO(target);
    CHECK(response.status < 500);
    CHECK(response.body.find("<script>") == std::string::npos);
  }
}

TEST_CASE("the Mandates pages list the district bulletins and each one's view, a group's user seeing its stations only",
          "[hub][dashboard][mandate]") {
  Hub hub;
  const auto both = hub.store.add_mandate(hub::test::vneid_mandate({"xa-a", "xa-b"}));
  const auto a_only = hub.store.add_mandate(hub::test::vneid_mandate({"xa-a"}));
  wire::MandateReport declined;
  declined.mandate_id = both;
  declined.state = wire::MandateState::declined;
  declined.at = kNow;
  declined.reason = "Loa <hỏng>";
  hub.store.record_mandate_reports("xa-b", {declined});
  for (const auto* target : {"/mandates", "/mandate/1"}) {
    const auto response = hub.get(target);
    CHECK(response.status == 303);
    CHECK(response.body.empty());
  }

  const auto an = hub.login("an", "m%E1%BA%ADt+kh%E1%BA%A9u+an");
  CHECK(hub.get("/", an).body.find("href=\"/mandates\"") != std::string::npos);
  const auto list = hub.get("/mandates", an);
  CHECK(list.status == 200);
  CHECK(list.body.find("href=\"/mandate/" + std::to_string(both) + "\"") != std::string::npos);
  CHECK(list.body.find("href=\"/mandate/" + std::to_string(a_only) + "\"") != std::string::npos);
  CHECK(list.body.find("Định danh điện tử VNeID") != std::string::npos);
  const auto view = hub.get("/mandate/" + std::to_string(both), an);
  CHECK(view.status == 200);
  CHECK(view.body.find(">xa-a<") != std::string::npos);
  CHECK(view.body.find(">xa-b<") != std::string::npos);
  CHECK(view.body.find("not received yet") != std::string::npos);
  CHECK(view.body.find("declined: Loa &lt;hỏng&gt;") != std::string::npos);
  CHECK(view.body.find("05:00-07:00,17:00-19:00") != std::string::npos);
  CHECK(hub.get("/mandate/99", an).status == 404);
  CHECK(hub.get("/mandate/x1", an).status == 404);
  CHECK(hub.get("/mandate/", an).status == 404);

  // Huyện B's user: the mandate to xa-b, with xa-b's line only; the other is not there.
  const auto binh = hub.login("binh", "m%E1%BA%ADt+kh%E1%BA%A9u+b%C3%ACnh");
  const auto b_list = hub.get("/mandates", binh);
  CHECK(b_list.body.find("href=\"/mandate/" + std::to_string(both) + "\"") != std::string::npos);
  CHECK(b_list.body.find("href=\"/mandate/" + std::to_string(a_only) + "\"") == std::string::npos);
  const auto b_view = hub.get("/mandate/" + std::to_string(both), binh);
  CHECK(b_view.status == 200);
  CHECK(b_view.body.find(">xa-b<") != std::string::npos);
  CHECK(b_view.body.find(">xa-a<") == std::string::npos);
  const auto hidden = hub.get("/mandate/" + std::to_string(a_only), binh);
  CHECK(hidden.status == 404);
  CHECK(hidden.body.find("VNeID") == std::string::npos);
}
