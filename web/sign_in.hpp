#pragma once
// Signing in to a web page, as the hub's dashboard and the station's console both do it:
// the session a request's cookie names (a random secret; the store keeps only its digest),
// and a login — its form's double-submit token, the rate limit per user name and per client
// address, the password check on another thread, the new session. Each page words the
// outcome and lays out its own form; the rules are here once.
//
// Thread safety: one thread (the server's io thread); the password check runs through the
// given Offload and touches nothing but its own copies.

#include "common/clock.hpp"
#include "web/exchange.hpp"
#include "web/login_limiter.hpp"
#include "web/session_rules.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace loaxa::web {

// Where the users' password hashes and their sessions are kept (the hub's accounts, the
// station's console users). Throws on a storage failure.
class SessionStore {
 public:
  struct Session {
    std::string user;
    SessionTimes times;
  };
  virtual ~SessionStore() = default;
  virtual std::optional<std::string> password_hash(const std::string& user) = 0;  // nullopt: no such user
  virtual std::optional<Session> find_session(const std::string& digest) = 0;
  virtual void add_session(const std::string& digest, const std::string& user, Instant at) = 0;
  virtual void touch_session(const std::string& digest, Instant at) = 0;
  virtual void remove_session(const std::string& digest) = 0;
  virtual void remove_sessions_ended(Instant created_before, Instant seen_before) = 0;
};

struct SignedIn {
  std::string secret;
  std::string digest;
  std::string user;
};

// The still-valid session `cookie_name` names; an ended one is removed, and its last request
// recorded at most once a minute. The caller checks that the user still exists.
std::optional<SignedIn> session_of(SessionStore& store, const WebRequest& request, const char* cookie_name, Instant now,
                                   const SessionPolicy& policy);

// "NAME=VALUE; Path=…; HttpOnly; SameSite=Strict[; Max-Age=0][; Secure]"
std::string cookie_header(const char* name, const std::string& value, const char* path, bool tls, bool clear = false);

// The login form's token: the one its cookie (`login_cookie`) already holds, else a new one
// to set with the form.
std::string login_form_token(const WebRequest& request, const char* login_cookie);

// Runs `work` on another thread, then `then` on this one.
using Offload = std::function<void(std::function<void()> work, std::function<void()> then)>;

class Login {
 public:
  enum class Outcome {
    signed_in,     // `secret` is the new session's
    form_expired,  // no form token, a wrong one, or another site's form
    must_wait,     // `wait`: too many failures for this name or address
    busy,          // `max_in_flight` checks already running
    wrong,         // no such user, or not their password (never said which)
    failed,        // the store failed: `error`
  };
  struct Result {
    Outcome outcome = Outcome::wrong;
    std::chrono::seconds wait{0};
    std::string user;  // as typed
    std::string secret;
    std::string error;
  };

  static constexpr std::size_t kMaxUserName = 64;
  static constexpr std::size_t kMaxPassword = 1024;

  Login(LoginLimitPolicy limits, int max_in_flight) : limiter_(limits), max_in_flight_(max_in_flight) {}

  // Checks the POSTed form (fields user, password, csrf) of `request`; `done` is called once,
  // on this thread, perhaps later (after the password check). The store and the clock must
  // outlive the attempt.
  void attempt(SessionStore& store, const WebRequest& request, const char* login_cookie, const Clock& clock,
               const SessionPolicy& sessions, const Offload& offload, std::function<void(Result)> done);

 private:
  LoginLimiter limiter_;
  int max_in_flight_;
  int in_flight_ = 0;
};

// What the login form says of an attempt that did not sign in, in the reader's language, with
// its status: form_expired 403 (the name typed is not kept), must_wait 429, busy 503 with
// `busy_text` (the page names itself), wrong 401. nullopt for signed_in and failed, which
// each page answers its own way.
struct LoginRefusal {
  int status = 401;
  std::string text;
  std::string user;  // to show again in the form
};
std::optional<LoginRefusal> login_refusal(const Login::Result& result, const std::string& busy_text);

// The answer to a login that signed in: 303 to "/", the session's cookie set, the login
// form's cleared.
WebResponse signed_in_answer(const Login::Result& result, const WebRequest& request, const char* session_cookie,
                             const char* login_cookie);

}  // namespace loaxa::web
