#include "console/console.hpp"

#include "console/layout.hpp"
#include "console/pages.hpp"
#include "console/responses.hpp"
#include "console/style.hpp"
#include "station/users.hpp"
#include "web/csrf.hpp"
#include "web/password_hash.hpp"
#include "web/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace loaxa::console {
namespace {

// A user name or password longer than this is refused before any hashing.
constexpr std::size_t kMaxUserName = 64;
constexpr std::size_t kMaxPassword = 1024;

bool hex_of_length(const std::string& text, std::size_t length) {
  return text.size() == length &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string cookie(const char* name, const std::string& value, const char* path, bool tls, bool clear = false) {
  return fmt::format("{}={}; Path={}; HttpOnly; SameSite=Strict{}{}", name, value, path, clear ? "; Max-Age=0" : "",
                     tls ? "; Secure" : "");
}

Role role_of(station::UserRole role) {
  return role == station::UserRole::operator_ ? Role::operator_ : Role::viewer;
}

// A local path to go back to after the language switch: never another site ("//x", "http:").
std::string safe_back(const std::string& back) {
  if (back.empty() || back.front() != '/' || back.rfind("//", 0) == 0 || back.find('\\') != std::string::npos) {
    return "/";
  }
  return back;
}

std::string login_html(const std::string& token, const std::string& user, const std::string& message) {
  std::string body = fmt::format("<h1>{}</h1>", web::html_escape(tr("loaxa — station console")));
  if (!message.empty()) body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", web::html_escape(message));
  body += fmt::format(
      "<form method=\"post\" action=\"/login\" class=\"login\">"
      "<input type=\"hidden\" name=\"csrf\" value=\"{}\">"
      "<label>{}<input name=\"user\" autocomplete=\"username\" value=\"{}\" required autofocus></label>"
      "<label>{}<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
      "<button type=\"submit\">{}</button></form>",
      token, web::html_escape(tr("User name")), web::html_escape(user), web::html_escape(tr("Password")),
      web::html_escape(tr("Log in")));
  return bare_page(tr("Log in"), body);
}

}  // namespace

void add_security_headers(web::WebResponse& response) {
  // Scripts and styles from the console's own files only (no inline code: a text shown on a
  // page can never run), audio from the console, nothing framed, no form elsewhere.
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "media-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                                "base-uri 'none'");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  // Not no-referrer: under it a browser sends "Origin: null" with the page's own forms.
  response.headers.emplace_back("Referrer-Policy", "same-origin");
}

Language request_language(const web::WebRequest& request) {
  const auto chosen = web::cookie_value(request.cookie, kLanguageCookie);
  return chosen && *chosen == "en" ? Language::en : Language::vi;
}

Console::Console(Context& context, const Clock& clock, ConsoleOptions options)
    : context_(context), clock_(clock), options_(options), limiter_(options_.logins) {
  routes_.add({"GET", "/static/console.css", Role::viewer,
               [](const Visit&, Answer answer) {
                 web::WebResponse response;
                 response.content_type = "text/css; charset=utf-8";
                 response.body = std::string(kConsoleCss);
                 response.headers.emplace_back("Cache-Control", "max-age=3600");
                 answer(std::move(response));
               },
               true});
  routes_.add({"GET", "/events", Role::viewer, [](const Visit&, Answer answer) {
                 web::WebResponse response;
                 response.event_stream = true;
                 answer(std::move(response));
               }});
  add_now_routes(routes_);
  add_library_routes(routes_);
  add_schedule_routes(routes_);
  add_log_routes(routes_);
  add_emergency_routes(routes_);
}

std::size_t Console::body_limit(std::string_view method, std::string_view target) const {
  bool known = false;
  const auto* route = routes_.find(method, web::target_path(target), known);
  return route != nullptr && route->upload ? context_.max_upload_bytes : kMaxFormBytes;
}

void Console::handle(web::WebRequest request, std::function<void(web::WebResponse)> answer) {
  const LanguageScope language(request_language(request));
  const bool tls = request.tls;
  Answer send = [answer = std::move(answer), tls](web::WebResponse response) {
    add_security_headers(response);
    if (tls) response.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
    answer(std::move(response));
  };
  try {
    const std::string path(web::target_path(request.target));
    if (path == "/login") {
      if (request.method == "POST") return login(request, send);
      if (request.method != "GET")
        return send(problem(request, 405, tr("Not allowed"), tr("This page takes GET or POST.")));
      if (signed_in(request)) return send(redirect("/"));
      return send(login_form(request, "", "", 200));
    }
    if (path == "/logout") {
      if (request.method != "POST")
        return send(problem(request, 405, tr("Not allowed"), tr("Log out with the button.")));
      return send(logout(request));
    }
    if (path == "/language") {
      auto query = web::parse_form(web::target_query(request.target));
      const std::string to = query["to"] == "en" ? "en" : "vi";
      auto response = redirect(safe_back(query["back"]));
      response.headers.emplace_back("Set-Cookie", fmt::format("{}={}; Path=/; Max-Age=31536000; SameSite=Strict{}",
                                                              kLanguageCookie, to, request.tls ? "; Secure" : ""));
      return send(std::move(response));
    }
    // The pages name no icon (an empty data: one); a browser asking anyway gets none.
    if (path == "/favicon.ico") return send(problem(request, 404, tr("Not found"), tr("There is no such page.")));
    dispatch(request, send);
  } catch (const std::exception& e) {
    send(problem(request, 500, tr("The console could not answer"), e.what()));
  }
}

void Console::dispatch(const web::WebRequest& request, Answer answer) {
  const std::string path(web::target_path(request.target));
  bool known = false;
  const Route* route = routes_.find(request.method, path, known);
  if (route != nullptr && route->public_) {
    const Visitor nobody;
    return route->handler(Visit{request, nobody, context_}, std::move(answer));
  }
  const auto who = signed_in(request);
  if (!who) {
    // A page sends the browser to the login form; a script, a download or the event stream
    // is refused outright (a redirect would hand it the login page as data).
    if (request.method == "GET" && !wants_json(request) && route != nullptr && !route->upload && path != "/events" &&
        path.find('.') == std::string::npos) {
      return answer(redirect("/login"));
    }
    return answer(problem(request, 401, tr("Log in first"), tr("This part of the console is for signed-in users.")));
  }
  if (route == nullptr) {
    if (known) return answer(problem(request, 405, tr("Not allowed"), tr("This page does not take that method.")));
    return answer(problem(request, 404, tr("Not found"), tr("There is no such page.")));
  }
  if (request.method != "GET" && request.method != "HEAD") {
    std::string token(request.header("x-loaxa-token"));
    if (token.empty() && request.content_type.rfind("application/x-www-form-urlencoded", 0) == 0) {
      token = web::parse_form(request.body)["csrf"];
    }
    if (!web::origin_allowed(request.origin, request.host, request.tls) ||
        !web::form_token_matches(who->visitor.form_token, token)) {
      return answer(problem(request, 403, tr("Refused"),
                            tr("The form did not come from this console's page; reload the page and try again.")));
    }
  }
  if (route->needs == Role::operator_ && who->visitor.role != Role::operator_) {
    return answer(problem(request, 403, tr("Not allowed"),
                          trf("User '{}' may look but not change: ask an operator.", who->visitor.user)));
  }
  route->handler(Visit{request, who->visitor, context_}, std::move(answer));
}

std::optional<Console::Signed> Console::signed_in(const web::WebRequest& request) {
  const auto secret = web::cookie_value(request.cookie, kSessionCookie);
  if (!secret || !hex_of_length(*secret, 64)) return std::nullopt;
  const auto digest = web::digest_hex(*secret);
  auto& station = context_.station;
  const auto session = station::find_session(station, digest);
  if (!session) return std::nullopt;
  const auto now = clock_.now();
  const web::SessionTimes times{session->created_at, session->last_seen};
  if (web::session_state(times, now, options_.sessions) != web::SessionState::valid) {
    station::remove_session(station, digest);
    return std::nullopt;
  }
  const auto user = station::find_user(station, session->user);
  if (!user) {
    station::remove_session(station, digest);
    return std::nullopt;
  }
  if (web::session_needs_touch(times, now, options_.sessions)) station::touch_session(station, digest, now);
  return Signed{*secret, digest, Visitor{user->name, role_of(user->role), web::session_form_token(*secret)}};
}

web::WebResponse Console::login_form(const web::WebRequest& request, const std::string& user,
                                     const std::string& message, int status) {
  auto token = web::cookie_value(request.cookie, kLoginCookie);
  if (!token || !hex_of_length(*token, 32)) token = web::random_hex(16);
  auto response = html(status, login_html(*token, user, message));
  response.headers.emplace_back("Set-Cookie", cookie(kLoginCookie, *token, "/login", request.tls));
  return response;
}

void Console::login(const web::WebRequest& request, Answer answer) {
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
    return answer(
        login_form(request, user, tr("The console is busy checking other logins; try again in a moment."), 503));
  }
  std::optional<station::User> account;
  if (!user.empty() && user.size() <= kMaxUserName && password.size() <= kMaxPassword) {
    account = station::find_user(context_.station, user);
  }
  auto verified = std::make_shared<bool>(false);
  const std::string stored = account ? account->password_hash : std::string();
  ++logins_in_flight_;
  const auto language = current_language();
  context_.offload(
      [verified, stored, password] {
        // A name that does not exist costs the same time as a wrong password: the answer's
        // delay does not tell which names exist.
        static const std::string no_such_user = web::hash_password("loaxa console: no such user");
        const bool matches = web::verify_password(stored.empty() ? no_such_user : stored, password);
        *verified = matches && !stored.empty();
      },
      [this, verified, request, user, user_key, address_key, language, answer = std::move(answer)] {
        const LanguageScope scope(language);
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
          station::remove_sessions_ended(context_.station, at - options_.sessions.absolute,
                                         at - options_.sessions.idle);
          const auto secret = web::random_hex(32);
          station::add_session(context_.station, {web::digest_hex(secret), user, at, at});
          auto response = redirect("/");
          response.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, secret, "/", request.tls));
          response.headers.emplace_back("Set-Cookie", cookie(kLoginCookie, "", "/login", request.tls, true));
          answer(std::move(response));
        } catch (const std::exception& e) {
          answer(problem(request, 500, tr("The console could not answer"), e.what()));
        }
      });
}

web::WebResponse Console::logout(const web::WebRequest& request) {
  const auto who = signed_in(request);
  if (!who) return redirect("/login");
  auto fields = web::parse_form(request.body);
  if (!web::origin_allowed(request.origin, request.host, request.tls) ||
      !web::form_token_matches(who->visitor.form_token, fields["csrf"])) {
    return problem(request, 403, tr("Refused"), tr("The form did not come from this page; use the Log out button."));
  }
  station::remove_session(context_.station, who->digest);
  auto response = redirect("/login");
  response.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, "", "/", request.tls, true));
  return response;
}

}  // namespace loaxa::console
