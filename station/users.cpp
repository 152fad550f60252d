#include "station/users.hpp"

#include "station/error.hpp"
#include "store/transaction.hpp"
#include "store/user_store.hpp"
#include "web/password_hash.hpp"

#include <cstdint>

namespace loaxa::station {

using Kind = StationError::Kind;

namespace {

constexpr std::size_t kMaxNameBytes = 64;

// The next code point of `text` from `at` (advanced past it); nullopt for bytes that are
// not UTF-8 (a stray continuation byte, a sequence cut short, an overlong form, a
// surrogate, or beyond U+10FFFF).
std::optional<char32_t> next_code_point(std::string_view text, std::size_t& at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = 0;
  char32_t point = 0;
  if (lead < 0x80) {
    ++at;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    point = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    point = lead & 0x07;
  } else {
    return std::nullopt;
  }
  if (at + length > text.size()) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xC0) != 0x80) return std::nullopt;
    point = (point << 6) | (next & 0x3F);
  }
  constexpr char32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
  if (point < kLeast[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) return std::nullopt;
  at += length;
  return point;
}

// Unicode's White_Space, and the characters that take no room at all (zero-width space and
// joiners, word joiner, byte-order mark): a name with them looks like another name.
bool is_space_or_invisible(char32_t c) noexcept {
  return c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200D) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x2060 || c == 0x3000 || c == 0xFEFF;
}

bool is_control(char32_t c) noexcept {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

std::size_t characters_in(std::string_view text) noexcept {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

User user_from(const store::ConsoleUser& row) {
  // The table's CHECK keeps the role to these two words.
  return {row.name, parse_user_role(row.role).value_or(UserRole::viewer), row.password_hash, row.created_at,
          row.password_changed_at};
}

UserSession session_from(const store::ConsoleSession& row) {
  return {row.digest, row.user, row.created_at, row.last_seen};
}

}  // namespace

const char* to_string(UserRole role) noexcept {
  switch (role) {
    case UserRole::viewer:
      return "viewer";
    case UserRole::operator_:
      return "operator";
  }
  return "viewer";
}

std::optional<UserRole> parse_user_role(std::string_view text) {
  std::string lower;
  for (char c : text) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  if (lower == "operator") return UserRole::operator_;
  if (lower == "viewer") return UserRole::viewer;
  return std::nullopt;
}

void check_user_name(const std::string& name) {
  const auto refuse = [&](const char* why) { throw StationError(Kind::bad_user_name, 0, name, why); };
  if (name.empty()) refuse("empty");
  if (name.size() > kMaxNameBytes) refuse("too_long");
  // Each reason is looked for through the whole name, so the first one named is the same
  // whatever order the faults come in: bad bytes, then control characters, spaces, '/'.
  bool control = false;
  bool space = false;
  bool slash = false;
  for (std::size_t at = 0; at < name.size();) {
    const auto point = next_code_point(name, at);
    if (!point) refuse("not_utf8");
    control = control || is_control(*point);
    space = space || is_space_or_invisible(*point);
    slash = slash || *point == U'/';
  }
  if (control) refuse("control");
  if (space) refuse("space");
  if (slash) refuse("slash");
}

void check_password(std::string_view password, const std::string& user) {
  const auto length = characters_in(password);
  if (length < kMinPasswordLength) {
    throw StationError(Kind::password_too_short, static_cast<std::int64_t>(kMinPasswordLength), user);
  }
  if (length > kMaxPasswordLength) {
    throw StationError(Kind::password_too_long, static_cast<std::int64_t>(kMaxPasswordLength), user);
  }
}

User add_user(Station& station, const std::string& name, UserRole role, std::string_view password) {
  check_user_name(name);
  check_password(password, name);
  if (find_user(station, name)) throw StationError(Kind::user_exists, 0, name);
  const auto hash = web::hash_password(password);
  const auto now = station.clock().now();
  const store::ConsoleUser row{name, to_string(role), hash, now, now};
  // Another process may have added the name while the hash was made: the insert decides.
  if (!store::UserStore(station.db()).add(row)) throw StationError(Kind::user_exists, 0, name);
  return user_from(row);
}

std::optional<User> find_user(Station& station, const std::string& name) {
  const auto row = store::UserStore(station.db()).find(name);
  if (!row) return std::nullopt;
  return user_from(*row);
}

std::vector<User> list_users(Station& station) {
  std::vector<User> users;
  for (const auto& row : store::UserStore(station.db()).list()) users.push_back(user_from(row));
  return users;
}

void remove_user(Station& station, const std::string& name) {
  if (!store::UserStore(station.db()).remove(name)) throw StationError(Kind::no_such_user, 0, name);
}

void set_password(Station& station, const std::string& name, std::string_view password) {
  if (!find_user(station, name)) throw StationError(Kind::no_such_user, 0, name);
  check_password(password, name);
  const auto hash = web::hash_password(password);
  if (!store::UserStore(station.db()).set_password(name, hash, station.clock().now())) {
    throw StationError(Kind::no_such_user, 0, name);
  }
}

void set_role(Station& station, const std::string& name, UserRole role) {
  if (!store::UserStore(station.db()).set_role(name, to_string(role))) {
    throw StationError(Kind::no_such_user, 0, name);
  }
}

void add_session(Station& station, const UserSession& session) {
  const store::ConsoleSession row{session.digest, session.user, session.created_at, session.last_seen};
  if (!store::UserStore(station.db()).add_session(row)) throw StationError(Kind::no_such_user, 0, session.user);
}

std::optional<UserSession> find_session(Station& station, const std::string& digest) {
  const auto row = store::UserStore(station.db()).find_session(digest);
  if (!row) return std::nullopt;
  return session_from(*row);
}

void touch_session(Station& station, const std::string& digest, Instant at) {
  store::UserStore(station.db()).touch_session(digest, at);
}

void remove_session(Station& station, const std::string& digest) {
  store::UserStore(station.db()).remove_session(digest);
}

void remove_sessions_ended(Station& station, Instant created_before, Instant seen_before) {
  store::UserStore(station.db()).remove_sessions_ended(created_before, seen_before);
}

int session_count(Station& station, const std::string& user) {
  return store::UserStore(station.db()).session_count(user);
}

}  // namespace loaxa::station
