// The dashboard's rules, each alone: password hashes, session expiry on an injected clock,
// the login rate limit, who sees which station, the forms' CSRF tokens, HTML escaping and
// the parsing of queries, forms and cookies.

#include "web/content_policy.hpp"
#include "web/csrf.hpp"
#include "web/login_limiter.hpp"
#include "web/password_hash.hpp"
#include "web/session_rules.hpp"
#include "hub/viewer.hpp"
#include "web/text.hpp"
#include "store/utc_text.hpp"

#include <catch2/catch.hpp>

using namespace loaxa;
using namespace loaxa::hub;
using namespace std::chrono_literals;

namespace {

const Instant kLogin = store::parse_utc_text("2026-12-01T01:00:00.000Z");

}  // namespace

TEST_CASE("a password hash verifies its password only, is salted and names its algorithm", "[hub][dashboard]") {
  const auto hash = web::hash_password("mật khẩu đúng");
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(web::verify_password(hash, "mật khẩu đúng"));
  CHECK_FALSE(web::verify_password(hash, "mật khẩu sai"));
  CHECK_FALSE(web::verify_password(hash, ""));
  CHECK_FALSE(web::verify_password("", "mật khẩu đúng"));
  CHECK_FALSE(web::verify_password("not a hash", "mật khẩu đúng"));
  // The same password twice gives two hashes (a salt each), both good.
  const auto again = web::hash_password("mật khẩu đúng");
  CHECK(again != hash);
  CHECK(web::verify_password(again, "mật khẩu đúng"));
}

TEST_CASE("tokens are random hex and digests are keyed", "[hub][dashboard]") {
  const auto a = web::random_hex(32);
  const auto b = web::random_hex(32);
  CHECK(a.size() == 64);
  CHECK(a != b);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(web::digest_hex("x") == web::digest_hex("x"));
  CHECK(web::digest_hex("x").size() == 64);
  CHECK(web::digest_hex("x", a) != web::digest_hex("x", b));
  CHECK(web::digest_hex("x", a) != web::digest_hex("x"));
  CHECK(web::equal_in_constant_time("abc", "abc"));
  CHECK_FALSE(web::equal_in_constant_time("abc", "abd"));
  CHECK_FALSE(web::equal_in_constant_time("abc", "abcd"));
}

TEST_CASE("a session ends 30 minutes after its last request and 12 hours after the login", "[hub][dashboard]") {
  ManualClock clock(kLogin);
  web::SessionTimes times{kLogin, kLogin};
  CHECK(web::session_state(times, clock.now()) == web::SessionState::valid);
  clock.advance(29min + 59s);
  CHECK(web::session_state(times, clock.now()) == web::SessionState::valid);
  clock.advance(1s);
  CHECK(web::session_state(times, clock.now()) == web::SessionState::idle_expired);

  // Used every 20 minutes, it still ends 12 hours after the login.
  clock.set(kLogin);
  times = {kLogin, kLogin};
  while (clock.now() < kLogin + 12h - 20min) {
    clock.advance(20min);
    REQUIRE(web::session_state(times, clock.now()) == web::SessionState::valid);
    REQUIRE(web::session_needs_touch(times, clock.now()));
    times.last_seen = clock.now();
  }
  clock.set(kLogin + 12h);
  CHECK(web::session_state(times, clock.now()) == web::SessionState::absolute_expired);
  CHECK(web::session_ends(times) == kLogin + 12h);

  // The last request's time is written at most once a minute.
  times = {kLogin, kLogin};
  CHECK_FALSE(web::session_needs_touch(times, kLogin + 59s));
  CHECK(web::session_needs_touch(times, kLogin + 60s));
  // A clock set back does not end a session early.
  CHECK(web::session_state(times, kLogin - 1h) == web::SessionState::valid);
}

TEST_CASE("the login limit: 5 free failures, then a lockout that doubles up to an hour, cleared by a success",
          "[hub][dashboard]") {
  web::LoginLimiter limiter;
  Instant now = kLogin;
  for (int i = 0; i < 5; ++i) {
    REQUIRE(limiter.wait("user:an", now) == 0s);
    limiter.failed("user:an", now);
  }
  CHECK(limiter.wait("user:an", now) == 0s);
  limiter.failed("user:an", now);  // the 6th
  CHECK(limiter.wait("user:an", now) == 30s);
  CHECK(limiter.wait("user:an", now + 29s + 1ms) == 1s);
  CHECK(limiter.wait("user:an", now + 30s) == 0s);
  CHECK(limiter.wait("user:binh", now) == 0s);  // other keys are not touched
  now += 30s;
  limiter.failed("user:an", now);
  CHECK(limiter.wait("user:an", now) == 60s);
  now += 60s;
  limiter.failed("user:an", now);
  CHECK(limiter.wait("user:an", now) == 120s);
  for (int i = 0; i < 20; ++i) {
    now += limiter.wait("user:an", now);
    limiter.failed("user:an", now);
  }
  CHECK(limiter.wait("user:an", now) == 3600s);
  limiter.succeeded("user:an");
  CHECK(limiter.wait("user:an", now) == 0s);
  limiter.failed("user:an", now);
  CHECK(limiter.wait("user:an", now) == 0s);

  // A day without failures forgets them.
  for (int i = 0; i < 5; ++i) limiter.failed("addr:10.0.0.1", now);
  limiter.failed("addr:10.0.0.1", now + 25h);
  CHECK(limiter.wait("addr:10.0.0.1", now + 25h) == 0s);
}

TEST_CASE("the login limit keeps at most max_keys keys, forgetting the oldest failures first", "[hub][dashboard]") {
  web::LoginLimitPolicy policy;
  policy.max_keys = 3;
  policy.free_failures = 0;
  web::LoginLimiter limiter(policy);
  limiter.failed("a", kLogin);
  limiter.failed("b", kLogin + 1s);
  limiter.failed("c", kLogin + 2s);
  limiter.failed("d", kLogin + 3s);
  CHECK(limiter.keys() == 3);
  CHECK(limiter.wait("a", kLogin + 3s) == 0s);  // forgotten
  CHECK(limiter.wait("d", kLogin + 3s) == 30s);
}

TEST_CASE("a user with a group sees only that group's stations", "[hub][dashboard]") {
  Station a;
  a.id = "xa-a";
  a.group = "Huyện A";
  Station b;
  b.id = "xa-b";
  b.group = "Huyện B";
  Station none;
  none.id = "xa-khong";
  const Viewer everyone{"an", std::nullopt};
  const Viewer group_a{"binh", "Huyện A"};
  CHECK(can_see(everyone, a));
  CHECK(can_see(everyone, none));
  CHECK(can_see(group_a, a));
  CHECK_FALSE(can_see(group_a, b));
  CHECK_FALSE(can_see(group_a, none));
  const auto seen = visible_stations(group_a, {a, b, none});
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].id == "xa-a");
  CHECK(visible_stations(everyone, {a, b, none}).size() == 3);
  CHECK(report_group(group_a) == "Huyện A");
  CHECK_FALSE(report_group(everyone));
}

TEST_CASE("CSRF: a form's token must match, and a POST from another origin is refused", "[hub][dashboard]") {
  const auto secret = web::random_hex(32);
  const auto token = web::session_form_token(secret);
  CHECK(web::form_token_matches(token, token));
  CHECK_FALSE(web::form_token_matches(token, web::session_form_token(web::random_hex(32))));
  CHECK_FALSE(web::form_token_matches(token, ""));
  CHECK_FALSE(web::form_token_matches("", ""));
  CHECK(token != secret);  // the page never shows the cookie's secret
  CHECK(web::origin_allowed("", "hub.local:8443", true));
  CHECK(web::origin_allowed("https://hub.local:8443", "hub.local:8443", true));
  CHECK_FALSE(web::origin_allowed("http://hub.local:8443", "hub.local:8443", true));
  CHECK_FALSE(web::origin_allowed("https://evil.example", "hub.local:8443", true));
  CHECK_FALSE(web::origin_allowed("null", "hub.local:8443", false));
}

TEST_CASE("HTML escaping, percent coding, forms and cookies", "[hub][dashboard]") {
  CHECK(web::html_escape(R"(<Xã "A" & 'B'>)") == "&lt;Xã &quot;A&quot; &amp; &#39;B&#39;&gt;");
  CHECK(web::html_escape("Huyện A") == "Huyện A");
  CHECK(web::url_encode("xa-moi.1_~") == "xa-moi.1_~");
  CHECK(web::url_encode("a b/?&") == "a%20b%2F%3F%26");
  CHECK(web::url_decode("a%20b+c") == "a b c");
  CHECK(web::url_decode("a+b", false) == "a+b");
  CHECK(web::url_decode("Huy%E1%BB%87n") == "Huyện");
  CHECK_FALSE(web::url_decode("%G1"));
  CHECK_FALSE(web::url_decode("abc%2"));
  CHECK_FALSE(web::url_decode("a%00b"));
  const auto form = web::parse_form("user=an&password=m%E1%BA%ADt+kh%E1%BA%A9u&csrf=x&user=again&bad=%ZZ&=v");
  CHECK(form.at("user") == "an");
  CHECK(form.at("password") == "mật khẩu");
  CHECK(form.count("bad") == 0);
  CHECK(form.size() == 3);
  CHECK(web::target_path("/station/xa?month=2026-11") == "/station/xa");
  CHECK(web::target_query("/station/xa?month=2026-11") == "month=2026-11");
  CHECK(web::target_query("/") == "");
  CHECK(web::cookie_value("a=1; loaxa_session=abc ;b=2", "loaxa_session") == "abc");
  CHECK(web::cookie_value("xloaxa_session=abc", "loaxa_session") == std::nullopt);
  CHECK_FALSE(web::cookie_value("", "a"));
}

TEST_CASE("the pages' CSP allows their own style blocks by hash, nothing inline else", "[hub][dashboard]") {
  const auto policy = web::content_security_policy("<p>x</p><style>a{color:red}</style><p>&lt;style&gt;</p><style></style>");
  CHECK(policy ==
        "default-src 'none'; style-src 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' "
        "'sha256-6hWWMOcF+mJesSJGYhmK2lkIIEw9Xc5XKGLPVzh8yxs='; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'");
  CHECK(web::content_security_policy("no style").find("style-src 'none';") != std::string::npos);
  CHECK(web::content_security_policy("<style>a{}</style>").find("unsafe-inline") == std::string::npos);
}
