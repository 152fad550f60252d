#pragma once
// The station console's users (who may sign in to the web page loaxad serves) and their
// sessions. A viewer sees; an operator also changes the station. A password is kept only as
// web::hash_password's string (slow, salted), a session only as the digest of its secret.
// Changing a password or removing a user ends that user's sessions at once. When a session
// ends by time is web/session_rules.hpp's rule; the console and the CLI apply it with
// remove_sessions_ended().
//
// Thread safety: as Station (one per thread). add_user and set_password hash the password
// first (about 0.1 s, outside any transaction): the console calls them off its own thread.
// Throws StationError (the kinds named below), store::BusyError, std::runtime_error.

#include "common/clock.hpp"
#include "station/station.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::station {

enum class UserRole { viewer, operator_ };

// "viewer" / "operator": as stored, as typed on the command line, as in JSON.
const char* to_string(UserRole role) noexcept;
// "operator" or "viewer" (any case); nullopt for anything else.
std::optional<UserRole> parse_user_role(std::string_view text);

// A password's length in characters (UTF-8 code points): at least this many …
inline constexpr std::size_t kMinPasswordLength = 8;
// … and at most this many (a bound on what a request makes the hash work through).
inline constexpr std::size_t kMaxPasswordLength = 1024;

struct User {
  std::string name;
  UserRole role = UserRole::viewer;
  std::string password_hash;
  Instant created_at{};
  Instant password_changed_at{};
};

struct UserSession {
  std::string digest;  // web::digest_hex(the secret in the browser's cookie)
  std::string user;
  Instant created_at{};
  Instant last_seen{};
};

// A user name is 1 to 64 bytes of valid UTF-8 (Vietnamese letters welcome) without spaces,
// invisible characters, control characters or '/'. Throws bad_user_name, its detail saying
// why: "empty", "too_long", "not_utf8", "space", "control" or "slash". For a front end
// that checks the name before it asks for a password.
void check_user_name(const std::string& name);
// Throws password_too_short, password_too_long (name = `user`).
void check_password(std::string_view password, const std::string& user);

// Throws bad_user_name, password_too_short, password_too_long, user_exists.
User add_user(Station& station, const std::string& name, UserRole role, std::string_view password);
std::optional<User> find_user(Station& station, const std::string& name);
std::vector<User> list_users(Station& station);  // by name
// Ends their sessions. Throws no_such_user.
void remove_user(Station& station, const std::string& name);
// Ends their sessions. Throws no_such_user, password_too_short, password_too_long.
void set_password(Station& station, const std::string& name, std::string_view password);
// Their sessions go on with the new role (the console reads the role at every request).
// Throws no_such_user.
void set_role(Station& station, const std::string& name, UserRole role);

// Throws no_such_user when session.user does not exist (removed meanwhile).
void add_session(Station& station, const UserSession& session);
std::optional<UserSession> find_session(Station& station, const std::string& digest);
// Nothing happens for a session that is gone.
void touch_session(Station& station, const std::string& digest, Instant at);
void remove_session(Station& station, const std::string& digest);
// Forgets sessions created before `created_before` or last seen before `seen_before`.
void remove_sessions_ended(Station& station, Instant created_before, Instant seen_before);
int session_count(Station& station, const std::string& user);

}  // namespace loaxa::station
