// The console's users and sessions as rows (migration 7): the rules are station/users.hpp's.

#include "store/user_store.hpp"

#include <SQLiteCpp/Exception.h>
#include <catch2/catch.hpp>

using namespace loaxa::store;
using namespace std::chrono_literals;

namespace {

const loaxa::schedules::UtcTime kT0{std::chrono::sys_days{std::chrono::year{2027} / 3 / 1}.time_since_epoch()};

ConsoleUser user(const std::string& name, const std::string& role = "operator") {
  return {name, role, "$argon2id$fake-hash-" + name, kT0, kT0};
}

}  // namespace

TEST_CASE("console users are kept once each, listed by name, with their instants to the millisecond",
          "[store][users]") {
  auto db = Database::in_memory();
  UserStore users(db);
  CHECK(users.add(user("lan", "viewer")));
  auto an = user("an");
  an.created_at = kT0 + 250ms;
  an.password_changed_at = kT0 + 1h + 5ms;
  CHECK(users.add(an));
  CHECK_FALSE(users.add(user("an", "viewer")));
  const auto all = users.list();
  REQUIRE(all.size() == 2);
  CHECK(all[0].name == "an");
  CHECK(all[0].role == "operator");
  CHECK(all[0].created_at == kT0 + 250ms);
  CHECK(all[0].password_changed_at == kT0 + 1h + 5ms);
  CHECK(all[1].name == "lan");
  CHECK(all[1].role == "viewer");
  CHECK(users.find("lan")->password_hash == "$argon2id$fake-hash-lan");
  CHECK_FALSE(users.find("nobody"));
}

TEST_CASE("the table refuses a role other than operator or viewer", "[store][users]") {
  auto db = Database::in_memory();
  UserStore users(db);
  CHECK_THROWS_AS(users.add(user("an", "admin")), SQLite::Exception);
  CHECK(users.list().empty());
  REQUIRE(users.add(user("an")));
  CHECK_THROWS_AS(users.set_role("an", "root"), SQLite::Exception);
  CHECK(users.find("an")->role == "operator");
  CHECK(users.set_role("an", "viewer"));
  CHECK(users.find("an")->role == "viewer");
  CHECK_FALSE(users.set_role("nobody", "viewer"));
}

TEST_CASE("sessions belong to an existing user and end with a removal or a password change", "[store][users]") {
  auto db = Database::in_memory();
  UserStore users(db);
  REQUIRE(users.add(user("an")));
  REQUIRE(users.add(user("binh")));
  CHECK_FALSE(users.add_session({"d-nobody", "nobody", kT0, kT0}));
  CHECK(users.session_count("nobody") == 0);
  CHECK(users.add_session({"d-an-1", "an", kT0, kT0}));
  CHECK(users.add_session({"d-an-2", "an", kT0, kT0}));
  CHECK(users.add_session({"d-binh", "binh", kT0, kT0}));
  CHECK(users.session_count("an") == 2);

  CHECK(users.set_password("an", "new-hash", kT0 + 1h));
  CHECK(users.session_count("an") == 0);
  CHECK(users.find("an")->password_hash == "new-hash");
  CHECK(users.find("an")->password_changed_at == kT0 + 1h);
  CHECK(users.find("an")->created_at == kT0);
  CHECK_FALSE(users.set_password("nobody", "x", kT0));

  CHECK(users.remove("binh"));
  CHECK_FALSE(users.find_session("d-binh"));
  CHECK(db.sql().execAndGet("SELECT count(*) FROM console_sessions").getInt() == 0);
  CHECK_FALSE(users.remove("binh"));
}

TEST_CASE("a session is found, touched, removed and forgotten once ended", "[store][users]") {
  auto db = Database::in_memory();
  UserStore users(db);
  REQUIRE(users.add(user("an")));
  REQUIRE(users.add_session({"fresh", "an", kT0 + 11h, kT0 + 11h}));
  REQUIRE(users.add_session({"old", "an", kT0, kT0 + 11h}));       // created 12 h before the end
  REQUIRE(users.add_session({"idle", "an", kT0 + 8h, kT0 + 9h}));  // not seen for 3 h
  REQUIRE(users.add_session({"gone", "an", kT0 + 11h, kT0 + 11h}));

  const auto fresh = users.find_session("fresh");
  REQUIRE(fresh);
  CHECK(fresh->user == "an");
  CHECK(fresh->created_at == kT0 + 11h);
  users.touch_session("fresh", kT0 + 11h + 30min + 7ms);
  CHECK(users.find_session("fresh")->last_seen == kT0 + 11h + 30min + 7ms);
  CHECK(users.find_session("fresh")->created_at == kT0 + 11h);

  users.remove_session("gone");
  CHECK_FALSE(users.find_session("gone"));

  const auto now = kT0 + 12h;
  users.remove_sessions_ended(now - 12h + 1ms, now - 30min);
  CHECK_FALSE(users.find_session("old"));
  CHECK_FALSE(users.find_session("idle"));
  CHECK(users.find_session("fresh"));
  CHECK(users.session_count("an") == 1);
}
