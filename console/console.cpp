#include "console/console.hpp"

#include "console/layout.hpp"
#include "console/pages.hpp"
#include "console/responses.hpp"
#include "console/style.hpp"
#include "station/users.hpp"
#include "web/csrf.hpp"
#include "web/sign_in.hpp"
#include "web/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace loaxa::console {
namespace {

// The station's console users and their sessions (station/users.hpp), as the sign-in rules
// see them.
class UserSessions final : public web::SessionStore {
 public:
  explicit UserSessions(station::Station& station) : station_(station) {}
  std::optional<std::string> password_hash(const std::string& user) override {
    auto found = station::find_user(station_, user);
    if (!found) return std::nullopt;
    return found->password_hash;
  }
  std::optional<Session> find_session(const std::string& digest) override {
    const auto found = station::find_session(station_, digest);
    if (!found) return std::nullopt;
    return Session{found->user, {found->created_at, found->last_seen}};
  }
  void add_session(const std::string& digest, const std::string& user, Instant at) override {
    station::add_session(station_, {digest, user, at, at});
  }
  void touch_session(const std::string& digest, Instant at) override { station::touch_session(station_, digest, at); }
  void remove_session(const std::string& digest) override { station::remove_session(station_, digest); }
  void remove_sessions_ended(Instant created_before, Instant seen_before) override {
    station::remove_sessions_ended(station_, created_before, seen_before);
  }

 private:
  station::Station& station_;
};

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
    : context_(context), clock_(clock), options_(options), login_(options_.logins, kMaxLoginsInFlight) {
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
  add_mandate_routes(routes_);
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
  UserSessions sessions(context_.station);
  const auto session = web::session_of(sessions, request, kSessionCookie, clock_.now(), options_.sessions);
  if (!session) return std::nullopt;
  // The role is read at every request: a change of role counts at once.
  const auto user = station::find_user(context_.station, session->user);
  if (!user) {
    sessions.remove_session(session->digest);
    return std::nullopt;
  }
  return Signed{session->secret, session->digest,
                Visitor{user->name, role_of(user->role), web::session_form_token(session->secret)}};
}

web::WebResponse Console::login_form(const web::WebRequest& request, const std::string& user,
                                     const std::string& message, int status) {
  const auto token = web::login_form_token(request, kLoginCookie);
  auto response = html(status, login_html(token, user, message));
  response.headers.emplace_back("Set-Cookie", web::cookie_header(kLoginCookie, token, "/login", request.tls));
  return response;
}

void Console::login(const web::WebRequest& request, Answer answer) {
  using Outcome = web::Login::Outcome;
  auto sessions = std::make_shared<UserSessions>(context_.station);
  login_.attempt(
      *sessions, request, kLoginCookie, clock_, options_.sessions, context_.offload,
      // `sessions` rides along: the attempt uses it until it answers.
      [this, sessions, request, language = current_language(), answer = std::move(answer)](web::Login::Result result) {
        const LanguageScope scope(language);  // the visitor's, as when they asked
        if (auto refusal =
                web::login_refusal(result, tr("The console is busy checking other logins; try again in a moment."))) {
          return answer(login_form(request, refusal->user, refusal->text, refusal->status));
        }
        if (result.outcome == Outcome::failed) {
          return answer(problem(request, 500, tr("The console could not answer"), result.error));
        }
        answer(web::signed_in_answer(result, request, kSessionCookie, kLoginCookie));
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
  response.headers.emplace_back("Set-Cookie", web::cookie_header(kSessionCookie, "", "/", request.tls, true));
  return response;
}

}  // namespace loaxa::console
