// The console's front door (console/console.hpp) through Console::handle: the login and its
// limits, the session, the role, the form token and the headers every answer carries — on a
// real station in a temporary home. The pages' own suites take these for granted.

#include "../station/station_fixture.hpp"

#include "common/i18n.hpp"
#include "console/console.hpp"
#include "station/users.hpp"
#include "web/text.hpp"

#include "console_fixture.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace console = loaxa::console;
namespace control = loaxa::control;
namespace station = loaxa::station;
namespace web = loaxa::web;
using loaxa::test::StationFixture;

namespace {

std::string header_of(const web::WebResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

// "name=value" of a Set-Cookie header named `name`.
std::string cookie_pair(const web::WebResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == "Set-Cookie" && value.rfind(name + "=", 0) == 0) return value.substr(0, value.find(';'));
  }
  return {};
}

struct Door : StationFixture {
  Door()
      : context{station,
                station.home(),
                daemon,
                [](std::function<void()> work, std::function<void()> then) {
                  work();
                  then();
                },
                [](const std::string&, const std::string&) {},
                1 << 20},
        front(context, station.clock()) {
    station::add_user(station, "lan", station::UserRole::operator_, "mật khẩu của Lan");
    station::add_user(station, "minh", station::UserRole::viewer, "mật khẩu của Minh");
  }

  web::WebResponse send(web::WebRequest request) {
    if (request.host.empty()) request.host = "127.0.0.1:8080";
    if (request.client_address.empty()) request.client_address = "127.0.0.1";
    return loaxa::test::answer_of(front, std::move(request));
  }

  web::WebResponse get(const std::string& target, const std::string& cookie = {}) {
    web::WebRequest request;
    request.method = "GET";
    request.target = target;
    request.cookie = cookie;
    return send(request);
  }

  web::WebResponse post(const std::string& target, const std::string& cookie, const std::string& body,
                        const std::string& origin = "http://127.0.0.1:8080") {
    web::WebRequest request;
    request.method = "POST";
    request.target = target;
    request.cookie = cookie;
    request.origin = origin;
    request.content_type = "application/x-www-form-urlencoded";
    request.body = body;
    return send(request);
  }

  // The login form's cookie and token, then the login: the answer.
  web::WebResponse log_in(const std::string& user, const std::string& password, const std::string& address = {}) {
    const auto form = get("/login", "loaxa_lang=en");
    const auto login_cookie = cookie_pair(form, console::kLoginCookie);
    const auto token = login_cookie.substr(login_cookie.find('=') + 1);
    web::WebRequest request;
    request.method = "POST";
    request.target = "/login";
    request.cookie = login_cookie + "; loaxa_lang=en";
    request.origin = "http://127.0.0.1:8080";
    request.content_type = "application/x-www-form-urlencoded";
    request.client_address = address;
    request.body = "csrf=" + token + "&user=" + web::url_encode(user) + "&password=" + web::url_encode(password);
    return send(request);
  }

  struct Signed {
    std::string cookie;
    std::string token;
  };
  Signed signed_in(const std::string& user, const std::string& password) {
    const auto answer = log_in(user, password);
    REQUIRE(answer.status == 303);
    Signed who{cookie_pair(answer, console::kSessionCookie) + "; loaxa_lang=en", {}};
    const auto page = get("/", who.cookie);
    const auto at = page.body.find("name=\"csrf\" content=\"");
    REQUIRE(at != std::string::npos);
    const auto start = at + std::string("name=\"csrf\" content=\"").size();
    who.token = page.body.substr(start, page.body.find('"', start) - start);
    return who;
  }

  loaxa::test::FakeDaemon daemon;
  console::Context context;
  console::Console front;
};

}  // namespace

TEST_CASE("without a session every page sends the browser to the login form and every script or download is refused") {
  Door door;
  for (const auto* page : {"/", "/library", "/schedule", "/log", "/emergency"}) {
    const auto answer = door.get(page);
    INFO(page);
    CHECK(answer.status == 303);
    CHECK(header_of(answer, "Location") == "/login");
  }
  for (const auto* refused : {"/events", "/log.csv"}) {
    INFO(refused);
    CHECK(door.get(refused).status == 401);
  }
  // A change without a session changes nothing: refused before any handler.
  CHECK(door.post("/emergency", "", "segment=1&repeat=1&confirm=yes").status == 401);
  // A forged session cookie is no session.
  CHECK(door.get("/", std::string(console::kSessionCookie) + "=" + std::string(64, 'a')).status == 303);
  // The stylesheet is public: the login page needs it.
  CHECK(door.get("/static/console.css").status == 200);
}

TEST_CASE(
    "a login with the right password opens a session, a wrong one is refused without telling which part was wrong") {
  Door door;
  const auto wrong = door.log_in("lan", "not her password");
  CHECK(wrong.status == 401);
  CHECK_THAT(wrong.body, Catch::Contains("Wrong user name or password."));
  CHECK(cookie_pair(wrong, console::kSessionCookie).empty());
  const auto nobody = door.log_in("nobody", "mật khẩu của Lan");
  CHECK(nobody.status == 401);
  CHECK_THAT(nobody.body, Catch::Contains("Wrong user name or password."));

  const auto right = door.log_in("lan", "mật khẩu của Lan");
  CHECK(right.status == 303);
  CHECK(header_of(right, "Location") == "/");
  const auto session = cookie_pair(right, console::kSessionCookie);
  REQUIRE(!session.empty());
  for (const auto& [key, value] : right.headers) {
    if (key == "Set-Cookie" && value.rfind(console::kSessionCookie, 0) == 0) {
      CHECK_THAT(value, Catch::Contains("HttpOnly") && Catch::Contains("SameSite=Strict"));
    }
  }
  const auto page = door.get("/", session + "; loaxa_lang=en");
  CHECK(page.status == 200);
  CHECK_THAT(page.body, Catch::Contains("lan (operator)"));
}

TEST_CASE("a login form without its token or from another site is refused") {
  Door door;
  web::WebRequest forged;
  forged.method = "POST";
  forged.target = "/login";
  forged.origin = "http://127.0.0.1:8080";
  forged.content_type = "application/x-www-form-urlencoded";
  forged.body = "user=lan&password=" + web::url_encode("mật khẩu của Lan");
  const auto answer = door.send(forged);
  CHECK(answer.status == 403);
  CHECK(cookie_pair(answer, console::kSessionCookie).empty());
}

TEST_CASE("after five wrong passwords the next login waits, whoever the user") {
  Door door;
  for (int i = 0; i < 5; ++i)
    CHECK(door.log_in("lan", "wrong password " + std::to_string(i), "10.0.0.9").status == 401);
  CHECK(door.log_in("lan", "wrong again", "10.0.0.9").status == 401);  // the sixth failure locks
  const auto locked = door.log_in("lan", "mật khẩu của Lan", "10.0.0.9");
  CHECK(locked.status == 429);
  CHECK_THAT(locked.body, Catch::Contains("Too many failed logins"));
  // Another user from the same address waits too.
  CHECK(door.log_in("minh", "mật khẩu của Minh", "10.0.0.9").status == 429);
  // After the lockout the right password works.
  door.clock->advance(std::chrono::seconds(31));
  CHECK(door.log_in("lan", "mật khẩu của Lan", "10.0.0.9").status == 303);
}

TEST_CASE("a change needs the page's token and this console's origin, and a viewer may not change anything") {
  Door door;
  const auto lan = door.signed_in("lan", "mật khẩu của Lan");
  // No token, a wrong token, another site: refused before the page's handler.
  CHECK(door.post("/logout", lan.cookie, "").status == 403);
  CHECK(door.post("/logout", lan.cookie, "csrf=" + std::string(64, '0')).status == 403);
  CHECK(door.post("/logout", lan.cookie, "csrf=" + lan.token, "http://evil.example").status == 403);
  CHECK(door.get("/", lan.cookie).status == 200);  // still signed in

  const auto minh = door.signed_in("minh", "mật khẩu của Minh");
  CHECK(door.get("/", minh.cookie).status == 200);
  CHECK_THAT(door.get("/", minh.cookie).body, Catch::Contains("minh (viewer)"));
  const auto refused = door.post("/emergency", minh.cookie, "csrf=" + minh.token + "&segment=1&repeat=1");
  CHECK(refused.status == 403);
  CHECK_THAT(refused.body, Catch::Contains("may look but not change"));

  // Logging out with the token ends the session.
  const auto out = door.post("/logout", lan.cookie, "csrf=" + lan.token);
  CHECK(out.status == 303);
  CHECK(door.get("/", lan.cookie).status == 303);
}

TEST_CASE("a session ends after 30 idle minutes and when the user's password changes") {
  Door door;
  const auto lan = door.signed_in("lan", "mật khẩu của Lan");
  door.clock->advance(std::chrono::minutes(29));
  CHECK(door.get("/", lan.cookie).status == 200);
  door.clock->advance(std::chrono::minutes(31));
  CHECK(door.get("/", lan.cookie).status == 303);

  const auto again = door.signed_in("lan", "mật khẩu của Lan");
  station::set_password(door.station, "lan", "một mật khẩu mới");
  CHECK(door.get("/", again.cookie).status == 303);
}

TEST_CASE("every answer carries the security headers, and no page has inline script or style") {
  Door door;
  const auto lan = door.signed_in("lan", "mật khẩu của Lan");
  for (const auto* target : {"/login", "/", "/library", "/schedule", "/log", "/emergency", "/no-such-page"}) {
    INFO(target);
    const auto answer = door.get(target, target == std::string("/login") ? "" : lan.cookie);
    const auto policy = header_of(answer, "Content-Security-Policy");
    CHECK_THAT(policy, Catch::Contains("script-src 'self'") && Catch::Contains("frame-ancestors 'none'"));
    CHECK_THAT(policy, !Catch::Contains("unsafe-inline"));
    CHECK(header_of(answer, "X-Content-Type-Options") == "nosniff");
    CHECK_THAT(answer.body, !Catch::Contains("<script>") && !Catch::Contains("style=\"") &&
                                !Catch::Contains("onclick=") && !Catch::Contains("<style"));
  }
  CHECK(door.get("/no-such-page", lan.cookie).status == 404);
}

TEST_CASE("the reader picks the language, Vietnamese by default, and the switch goes back only within the console") {
  loaxa::select_language("vi");  // the catalogue, as loaxad binds it at start
  Door door;
  const auto lan = door.signed_in("lan", "mật khẩu của Lan");
  const auto session = lan.cookie.substr(0, lan.cookie.find(';'));
  const auto vietnamese = door.get("/", session);
  CHECK_THAT(vietnamese.body, Catch::Contains("<html lang=\"vi\"") && Catch::Contains("Đăng xuất"));
  const auto english = door.get("/", session + "; loaxa_lang=en");
  CHECK_THAT(english.body, Catch::Contains("<html lang=\"en\"") && Catch::Contains("Log out"));

  const auto to_english = door.get("/language?to=en&back=%2Flibrary", session);
  CHECK(to_english.status == 303);
  CHECK(header_of(to_english, "Location") == "/library");
  CHECK(cookie_pair(to_english, console::kLanguageCookie) == "loaxa_lang=en");
  CHECK(header_of(door.get("/language?to=en&back=%2F%2Fevil.example", session), "Location") == "/");
  CHECK(header_of(door.get("/language?to=en&back=https%3A%2F%2Fevil.example", session), "Location") == "/");
}

TEST_CASE("an upload's route may carry a whole file, every other request a form's size") {
  Door door;
  CHECK(door.front.body_limit("POST", "/login") == console::kMaxFormBytes);
  CHECK(door.front.body_limit("POST", "/library/upload?name=a.mp3") == door.context.max_upload_bytes);
}
