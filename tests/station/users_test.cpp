// The station console's users: names and passwords checked, kept only as a hash, roles,
// and sessions that a password change or a removal ends.

#include "station_fixture.hpp"

#include "station/error.hpp"
#include "station/users.hpp"
#include "web/password_hash.hpp"
#include "web/session_rules.hpp"

#include <catch2/catch.hpp>

using loaxa::station::StationError;
using loaxa::station::UserRole;
using loaxa::test::StationFixture;
using namespace std::chrono_literals;
namespace station = loaxa::station;

namespace {

// The kind and detail of the StationError `fn` throws.
template <typename Fn>
std::pair<StationError::Kind, std::string> refusal(Fn&& fn) {
  try {
    fn();
  } catch (const StationError& e) {
    return {e.kind, e.detail};
  }
  FAIL("no StationError");
  return {};
}

int rows_of(StationFixture& s, const char* table) {
  return s.station.db().sql().execAndGet(std::string("SELECT count(*) FROM ") + table).getInt();
}

station::UserSession session(const std::string& digest, const std::string& user, loaxa::Instant created,
                             loaxa::Instant seen) {
  return {digest, user, created, seen};
}

}  // namespace

TEST_CASE("roles are written and read as operator and viewer", "[station][users]") {
  CHECK(std::string(station::to_string(UserRole::operator_)) == "operator");
  CHECK(std::string(station::to_string(UserRole::viewer)) == "viewer");
  CHECK(station::parse_user_role("operator") == UserRole::operator_);
  CHECK(station::parse_user_role("Viewer") == UserRole::viewer);
  CHECK_FALSE(station::parse_user_role("admin"));
  CHECK_FALSE(station::parse_user_role(""));
  CHECK_FALSE(station::parse_user_role("operators"));
}

TEST_CASE("users are added with their role and only a hash of their password", "[station][users]") {
  StationFixture s;
  const auto an = station::add_user(s.station, "an", UserRole::operator_, "mật khẩu an");
  CHECK(an.role == UserRole::operator_);
  CHECK(an.created_at == s.clock->now());
  CHECK(an.password_changed_at == s.clock->now());
  s.clock->advance(1h);
  station::add_user(s.station, "Nguyễn.Lan", UserRole::viewer, "12345678");

  const auto users = station::list_users(s.station);
  REQUIRE(users.size() == 2);
  CHECK(users[0].name == "Nguyễn.Lan");  // by name, bytewise: 'N' before 'a'
  CHECK(users[0].role == UserRole::viewer);
  CHECK(users[1].name == "an");
  const auto found = station::find_user(s.station, "an");
  REQUIRE(found);
  CHECK(found->password_hash != "mật khẩu an");
  CHECK(loaxa::web::verify_password(found->password_hash, "mật khẩu an"));
  CHECK_FALSE(loaxa::web::verify_password(found->password_hash, "mật khẩu bình"));
  CHECK_FALSE(station::find_user(s.station, "AN"));
  CHECK(s.station.db()
            .sql()
            .execAndGet("SELECT count(*) FROM console_users WHERE password_hash LIKE '%an%khẩu%'")
            .getInt() == 0);
}

TEST_CASE("a second user of the same name is refused and the first kept", "[station][users]") {
  StationFixture s;
  station::add_user(s.station, "an", UserRole::viewer, "first password");
  CHECK(refusal([&] { station::add_user(s.station, "an", UserRole::operator_, "second password"); }).first ==
        StationError::Kind::user_exists);
  const auto an = station::find_user(s.station, "an");
  CHECK(an->role == UserRole::viewer);
  CHECK(loaxa::web::verify_password(an->password_hash, "first password"));
}

TEST_CASE("bad user names are refused with their reason and nothing is written", "[station][users]") {
  StationFixture s;
  const std::pair<std::string, std::string> cases[] = {
      {"", "empty"},
      {std::string(65, 'a'), "too_long"},
      {"an\xff", "not_utf8"},
      {"an\xc3", "not_utf8"},        // a sequence cut short
      {"\xc0\xaf", "not_utf8"},      // an overlong '/'
      {"\xed\xa0\x80", "not_utf8"},  // a surrogate
      {"an\tbinh", "control"},
      {"an\x1b[31m", "control"},
      {"an\xc2\x85", "control"},  // U+0085, a C1 control
      {"an binh", "space"},
      {"an\xc2\xa0"
       "binh",
       "space"},                    // no-break space
      {"an\xe2\x80\x8b", "space"},  // zero-width space
      {"an/binh", "slash"},
      {"../an", "slash"},
  };
  for (const auto& [name, why] : cases) {
    INFO(name);
    CHECK(refusal([&] { station::add_user(s.station, name, UserRole::operator_, "long enough"); }) ==
          std::make_pair(StationError::Kind::bad_user_name, why));
  }
  CHECK(rows_of(s, "console_users") == 0);
  // 64 bytes of Vietnamese letters (2 or 3 bytes each) and the usual punctuation are names.
  std::string longest = "a";
  for (int i = 0; i < 21; ++i) longest += "ễ";  // 3 bytes each
  REQUIRE(longest.size() == 64);
  station::add_user(s.station, longest, UserRole::viewer, "long enough");
  station::add_user(s.station, "an.nguyen@xa-a", UserRole::viewer, "long enough");
  CHECK(rows_of(s, "console_users") == 2);
}

TEST_CASE("a password of fewer than 8 or more than 1024 characters is refused", "[station][users]") {
  StationFixture s;
  CHECK(refusal([&] { station::add_user(s.station, "an", UserRole::operator_, "1234567"); }).first ==
        StationError::Kind::password_too_short);
  CHECK(refusal([&] { station::add_user(s.station, "an", UserRole::operator_, ""); }).first ==
        StationError::Kind::password_too_short);
  CHECK(refusal([&] { station::add_user(s.station, "an", UserRole::operator_, std::string(1025, 'x')); }).first ==
        StationError::Kind::password_too_long);
  CHECK(rows_of(s, "console_users") == 0);
  // Characters, not bytes: "mậtkhẩu1" is 8 characters (11 bytes); 1024 of "ễ" is 3072 bytes.
  station::add_user(s.station, "an", UserRole::operator_, "mậtkhẩu1");
  std::string long_password;
  for (int i = 0; i < 1024; ++i) long_password += "ễ";
  station::add_user(s.station, "binh", UserRole::operator_, long_password);
  CHECK(refusal([&] { station::add_user(s.station, "lan", UserRole::operator_, "mậtkhẩu"); }).first ==
        StationError::Kind::password_too_short);
}

TEST_CASE("a role is changed, and a missing user is named", "[station][users]") {
  StationFixture s;
  station::add_user(s.station, "an", UserRole::operator_, "long enough");
  station::set_role(s.station, "an", UserRole::viewer);
  CHECK(station::find_user(s.station, "an")->role == UserRole::viewer);
  CHECK(refusal([&] { station::set_role(s.station, "binh", UserRole::viewer); }).first ==
        StationError::Kind::no_such_user);
  CHECK(refusal([&] { station::remove_user(s.station, "binh"); }).first == StationError::Kind::no_such_user);
  CHECK(refusal([&] { station::set_password(s.station, "binh", "long enough"); }).first ==
        StationError::Kind::no_such_user);
  CHECK(refusal([&] { station::add_session(s.station, session("d", "binh", s.clock->now(), s.clock->now())); }).first ==
        StationError::Kind::no_such_user);
  CHECK(rows_of(s, "console_users") == 1);
  CHECK(rows_of(s, "console_sessions") == 0);
}

TEST_CASE("a password change ends the user's sessions, not others'", "[station][users]") {
  StationFixture s;
  station::add_user(s.station, "an", UserRole::operator_, "old password");
  station::add_user(s.station, "binh", UserRole::viewer, "binh's password");
  const auto now = s.clock->now();
  station::add_session(s.station, session("an-1", "an", now, now));
  station::add_session(s.station, session("an-2", "an", now, now));
  station::add_session(s.station, session("binh-1", "binh", now, now));
  REQUIRE(station::session_count(s.station, "an") == 2);

  CHECK(refusal([&] { station::set_password(s.station, "an", "short"); }).first ==
        StationError::Kind::password_too_short);
  CHECK(station::session_count(s.station, "an") == 2);  // a refused change ends nothing

  s.clock->advance(24h);
  station::set_password(s.station, "an", "new password");
  const auto an = station::find_user(s.station, "an");
  CHECK(loaxa::web::verify_password(an->password_hash, "new password"));
  CHECK_FALSE(loaxa::web::verify_password(an->password_hash, "old password"));
  CHECK(an->password_changed_at == now + 24h);
  CHECK(an->created_at == now);
  CHECK(station::session_count(s.station, "an") == 0);
  CHECK_FALSE(station::find_session(s.station, "an-1"));
  CHECK(station::session_count(s.station, "binh") == 1);
}

TEST_CASE("removing a user ends their sessions", "[station][users]") {
  StationFixture s;
  station::add_user(s.station, "an", UserRole::operator_, "long enough");
  station::add_user(s.station, "binh", UserRole::operator_, "long enough");
  const auto now = s.clock->now();
  station::add_session(s.station, session("an-1", "an", now, now));
  station::add_session(s.station, session("binh-1", "binh", now, now));
  station::remove_user(s.station, "an");
  CHECK_FALSE(station::find_user(s.station, "an"));
  CHECK_FALSE(station::find_session(s.station, "an-1"));
  CHECK(station::session_count(s.station, "an") == 0);
  CHECK(station::find_session(s.station, "binh-1"));
  // A user added again under the name does not inherit anything.
  station::add_user(s.station, "an", UserRole::viewer, "long enough");
  CHECK(station::session_count(s.station, "an") == 0);
}

TEST_CASE("sessions are found, touched, removed, and forgotten when the session rules end them", "[station][users]") {
  StationFixture s;
  station::add_user(s.station, "an", UserRole::operator_, "long enough");
  const auto t0 = s.clock->now();
  const loaxa::web::SessionPolicy policy;  // 30 min idle, 12 h in all
  station::add_session(s.station, session("morning", "an", t0, t0));
  station::add_session(s.station, session("busy", "an", t0 + 2h, t0 + 2h));
  station::add_session(s.station, session("left-open", "an", t0 + 2h, t0 + 2h));
  station::add_session(s.station, session("logged-out", "an", t0 + 2h, t0 + 2h));

  const auto found = station::find_session(s.station, "busy");
  REQUIRE(found);
  CHECK(found->user == "an");
  CHECK(found->created_at == t0 + 2h);
  CHECK(found->last_seen == t0 + 2h);
  CHECK_FALSE(station::find_session(s.station, "nobody's"));

  station::touch_session(s.station, "busy", t0 + 12h);
  station::touch_session(s.station, "morning", t0 + 12h);
  station::touch_session(s.station, "nobody's", t0 + 12h);  // gone: nothing happens
  CHECK(station::find_session(s.station, "busy")->last_seen == t0 + 12h);
  CHECK(station::find_session(s.station, "busy")->created_at == t0 + 2h);

  station::remove_session(s.station, "logged-out");
  CHECK_FALSE(station::find_session(s.station, "logged-out"));
  CHECK(station::session_count(s.station, "an") == 3);

  // At t0 + 12 h 10 min: "morning" is past 12 h in all, "left-open" idle for 10 h 10 min;
  // "busy" was seen 10 minutes ago and began 10 h 10 min ago.
  const auto now = t0 + 12h + 10min;
  station::remove_sessions_ended(s.station, now - policy.absolute, now - policy.idle);
  CHECK_FALSE(station::find_session(s.station, "morning"));
  CHECK_FALSE(station::find_session(s.station, "left-open"));
  CHECK(station::find_session(s.station, "busy"));
  CHECK(station::session_count(s.station, "an") == 1);
}
