#include "web/sign_in.hpp"

#include "common/i18n.hpp"
#include "web/csrf.hpp"
#include "web/password_hash.hpp"
#include "web/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace loaxa::web {
namespace {

bool hex_of_length(const std::string& text, std::size_t length) {
  return text.size() == length &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::optional<SignedIn> session_of(SessionStore& store, const WebRequest& request, const char* cookie_name, Instant now,
                                   const SessionPolicy& policy) {
  const auto secret = cookie_value(request.cookie, cookie_name);
  if (!secret || !hex_of_length(*secret, 64)) return std::nullopt;
  const auto digest = digest_hex(*secret);
  const auto session = store.find_session(digest);
  if (!session) return std::nullopt;
  if (session_state(session->times, now, policy) != SessionState::valid) {
    store.remove_session(digest);
    return std::nullopt;
  }
  if (session_needs_touch(session->times, now, policy)) store.touch_session(digest, now);
  return SignedIn{*secret, digest, session->user};
}

std::string cookie_header(const char* name, const std::string& value, const char* path, bool tls, bool clear) {
  return fmt::format("{}={}; Path={}; HttpOnly; SameSite=Strict{}{}", name, value, path, clear ? "; Max-Age=0" : "",
                     tls ? "; Secure" : "");
}

std::string login_form_token(const WebRequest& request, const char* login_cookie) {
  auto token = cookie_value(request.cookie, login_cookie);
  if (!token || !hex_of_length(*token, 32)) return random_hex(16);
  return *token;
}

void Login::attempt(SessionStore& store, const WebRequest& request, const char* login_cookie, const Clock& clock,
                    const SessionPolicy& sessions, const Offload& offload, std::function<void(Result)> done) {
  auto fields = parse_form(request.body);
  Result result;
  result.user = fields["user"];
  const std::string password = fields["password"];
  const auto token = cookie_value(request.cookie, login_cookie);
  if (!origin_allowed(request.origin, request.host, request.tls) || !token ||
      !form_token_matches(*token, fields["csrf"])) {
    result.outcome = Outcome::form_expired;
    return done(std::move(result));
  }
  const auto now = clock.now();
  const std::string user_key = "user:" + result.user.substr(0, kMaxUserName);
  const std::string address_key = "addr:" + request.client_address;
  result.wait = std::max(limiter_.wait(user_key, now), limiter_.wait(address_key, now));
  if (result.wait.count() > 0) {
    result.outcome = Outcome::must_wait;
    return done(std::move(result));
  }
  if (in_flight_ >= max_in_flight_) {
    result.outcome = Outcome::busy;
    return done(std::move(result));
  }
  std::optional<std::string> stored;
  if (!result.user.empty() && result.user.size() <= kMaxUserName && password.size() <= kMaxPassword) {
    stored = store.password_hash(result.user);
  }
  auto verified = std::make_shared<bool>(false);
  ++in_flight_;
  offload(
      [verified, stored, password] {
        // A name that does not exist costs the same time as a wrong password: the answer's
        // delay does not tell which names exist.
        static const std::string no_such_user = hash_password("loaxa: no such user");
        const bool matches = verify_password(stored ? *stored : no_such_user, password);
        *verified = matches && stored.has_value();
      },
      [this, &store, &clock, sessions, verified, user_key, address_key, result = std::move(result),
       done = std::move(done)]() mutable {
        --in_flight_;
        try {
          const auto at = clock.now();
          if (!*verified) {
            limiter_.failed(user_key, at);
            limiter_.failed(address_key, at);
            result.outcome = Outcome::wrong;
          } else {
            limiter_.succeeded(user_key);
            limiter_.succeeded(address_key);
            store.remove_sessions_ended(at - sessions.absolute, at - sessions.idle);
            result.secret = random_hex(32);
            store.add_session(digest_hex(result.secret), result.user, at);
            result.outcome = Outcome::signed_in;
          }
        } catch (const std::exception& e) {
          result.outcome = Outcome::failed;
          result.error = e.what();
        }
        done(std::move(result));
      });
}

std::optional<LoginRefusal> login_refusal(const Login::Result& result, const std::string& busy_text) {
  using Outcome = Login::Outcome;
  switch (result.outcome) {
    case Outcome::form_expired:
      return LoginRefusal{403, tr("The login form had expired; please log in again."), ""};
    case Outcome::must_wait:
      return LoginRefusal{429, trf("Too many failed logins. Wait {} seconds, then try again.", result.wait.count()),
                          result.user};
    case Outcome::busy:
      return LoginRefusal{503, busy_text, result.user};
    case Outcome::wrong:
      return LoginRefusal{401, tr("Wrong user name or password."), result.user};
    case Outcome::failed:
    case Outcome::signed_in:
      break;
  }
  return std::nullopt;
}

WebResponse signed_in_answer(const Login::Result& result, const WebRequest& request, const char* session_cookie,
                             const char* login_cookie) {
  WebResponse response;
  response.status = 303;
  response.headers.emplace_back("Location", "/");
  response.headers.emplace_back("Set-Cookie", cookie_header(session_cookie, result.secret, "/", request.tls));
  response.headers.emplace_back("Set-Cookie", cookie_header(login_cookie, "", "/login", request.tls, true));
  return response;
}

}  // namespace loaxa::web
