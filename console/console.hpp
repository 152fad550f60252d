#pragma once
// The station console (issue 11): the operator's web pages, served by loaxad on the
// broadcast PC (daemon/console_thread.hpp), behind a login.
//   GET  /login, POST /login, POST /logout   — the session (cookies, CSRF, rate limit)
//   GET  /language?to=vi|en&back=PATH        — the reader's language, kept in a cookie
//   GET  /events                             — Server-Sent Events (live updates)
//   GET  /static/console.css                 — the shared stylesheet
//   and every page's routes (pages.hpp).
// Before a route's handler runs, this class checks the session (none: a page answers 303
// to /login, a script or download 401, never data), the role (a viewer on an operator's
// route: 403), and on every request that changes something the form's token (field `csrf`,
// or the X-Loaxa-Token header from the pages' scripts) and the Origin. Every answer carries
// the security headers (content_policy: scripts and styles from the console only).
//
// The users and their sessions are the station's (station/users.hpp: `loaxa user add`). A
// password check costs about 0.1 s and 64 MiB: it runs through the context's offload, at
// most kMaxLoginsInFlight at once.
//
// Thread safety: handle() and every answer on the console thread.

#include "common/clock.hpp"
#include "common/i18n.hpp"
#include "console/routes.hpp"
#include "web/exchange.hpp"
#include "web/login_limiter.hpp"
#include "web/session_rules.hpp"
#include "web/sign_in.hpp"

#include <functional>
#include <optional>
#include <string>

namespace loaxa::console {

struct ConsoleOptions {
  web::SessionPolicy sessions;
  web::LoginLimitPolicy logins;
};

inline constexpr int kMaxLoginsInFlight = 2;
inline constexpr const char* kSessionCookie = "loaxa_console";
inline constexpr const char* kLoginCookie = "loaxa_console_login";
inline constexpr const char* kLanguageCookie = "loaxa_lang";
inline constexpr std::size_t kMaxFormBytes = 256 * 1024;

class Console {
 public:
  // `context` and `clock` must outlive the Console.
  Console(Context& context, const Clock& clock, ConsoleOptions options = {});

  // A web::WebHandler: answers every request exactly once; never throws (a failure is a 500).
  void handle(web::WebRequest request, std::function<void(web::WebResponse)> answer);

  // The largest body the server should read for this request (an upload's route allows
  // Context::max_upload_bytes, a form kMaxFormBytes).
  std::size_t body_limit(std::string_view method, std::string_view target) const;

  const Routes& routes() const noexcept { return routes_; }

 private:
  struct Signed {
    std::string secret;
    std::string digest;
    Visitor visitor;
  };
  std::optional<Signed> signed_in(const web::WebRequest& request);
  web::WebResponse login_form(const web::WebRequest& request, const std::string& user, const std::string& message,
                              int status);
  void login(const web::WebRequest& request, Answer answer);
  web::WebResponse logout(const web::WebRequest& request);
  void dispatch(const web::WebRequest& request, Answer answer);

  Context& context_;
  const Clock& clock_;
  ConsoleOptions options_;
  Routes routes_;
  web::Login login_;
};

// The headers every console answer carries (Content-Security-Policy, nosniff, no framing, …).
void add_security_headers(web::WebResponse& response);

// The language a request reads in: its cookie, else Vietnamese.
Language request_language(const web::WebRequest& request);

}  // namespace loaxa::console
