// `loaxa user add|list|remove|passwd|role` run as an operator runs them, the password given
// on standard input twice (not a terminal): kept only as a hash, every mistake refused with
// a message naming the thing and the reason and nothing written, a password change or a
// removal ending the user's console sessions.

#include "cli/cli_fixture.hpp"
#include "common/clock.hpp"
#include "store/database.hpp"
#include "store/user_store.hpp"
#include "web/password_hash.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

using loaxa::test::CliFixture;
using loaxa::test::ProcessResult;
using namespace std::chrono_literals;
namespace store = loaxa::store;

namespace {

// Every command runs at Monday 4 January 2027, 05:00 in the station's zone (22:00 UTC the
// day before), so the times the tests write and read are fixed.
constexpr const char* kNow = "2027-01-04T05:00";
const loaxa::Instant kNowUtc{std::chrono::sys_days{std::chrono::year{2027} / 1 / 3}.time_since_epoch() + 22h};

struct UserFixture : CliFixture {
  UserFixture() { now = kNow; }
};

// `loaxa --home HOME ARGS…` with `input` on its standard input (not a terminal).
ProcessResult with_input(const CliFixture& f, const std::string& input, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/bin/sh",
                                "-c",
                                "printf '%s' \"$LOAXA_TEST_INPUT\" | \"$@\"",
                                "sh",
                                std::string(LOAXA_BINARY_DIR) + "/bin/loaxa",
                                "--home",
                                f.home.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::map<std::string, std::string> env{
      {"LANG", "C"}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}, {"LANGUAGE", ""}, {"LOAXA_TEST_INPUT", input}};
  if (f.now) env["LOAXA_NOW"] = *f.now;
  return loaxa::test::run_process(argv, env);
}

// The same in English, so the tests read the English wording whatever po/vi.po holds.
ProcessResult with_input_en(const CliFixture& f, const std::string& input, std::vector<std::string> args) {
  args.insert(args.begin(), {"--lang", "en"});
  return with_input(f, input, args);
}

ProcessResult add(const CliFixture& f, const std::string& name, const std::string& password,
                  std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"user", "add", name};
  args.insert(args.end(), extra.begin(), extra.end());
  return with_input_en(f, password + "\n" + password + "\n", args);
}

int user_rows(const CliFixture& f) {
  if (!std::filesystem::exists(f.home / "loaxa.db")) return 0;
  SQLite::Database db((f.home / "loaxa.db").string());
  return db.execAndGet("SELECT count(*) FROM console_users").getInt();
}

std::string password_hash(const CliFixture& f, const std::string& name) {
  store::Database db(f.home / "loaxa.db");
  const auto user = store::UserStore(db).find(name);
  REQUIRE(user);
  return user->password_hash;
}

void add_session(const CliFixture& f, const std::string& digest, const std::string& name, loaxa::Instant created,
                 loaxa::Instant seen) {
  store::Database db(f.home / "loaxa.db");
  REQUIRE(store::UserStore(db).add_session({digest, name, created, seen}));
}

int sessions_of(const CliFixture& f, const std::string& name) {
  store::Database db(f.home / "loaxa.db");
  return store::UserStore(db).session_count(name);
}

// A refusal: exit 1, the message names `thing` and says `reason`.
void check_refused(const ProcessResult& result, const std::string& thing, const std::string& reason) {
  INFO(result.err);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains(thing));
  CHECK_THAT(result.err, Catch::Contains(reason));
  CHECK(result.out.empty());
}

}  // namespace

TEST_CASE("user add keeps operators by default and viewers when asked, and only a hash", "[cli][users]") {
  UserFixture f;
  const auto an = add(f, "an", "mật khẩu an");
  INFO(an.err);
  REQUIRE(an.exit_code == 0);
  CHECK_THAT(an.out, Catch::Contains("Added user an, role: operator."));
  const auto lan =
      with_input_en(f, "mat khau lan\r\nmat khau lan\r\n", {"user", "add", "Nguyễn.Lan", "--role", "viewer"});
  REQUIRE(lan.exit_code == 0);
  CHECK(add(f, "binh", "mật khẩu bình", {"--role", "OPERATOR"}).exit_code == 0);

  CHECK(loaxa::web::verify_password(password_hash(f, "an"), "mật khẩu an"));
  CHECK(loaxa::web::verify_password(password_hash(f, "Nguyễn.Lan"), "mat khau lan"));  // the CR is not part of it
  {
    SQLite::Database db((f.home / "loaxa.db").string());
    CHECK(db.execAndGet("SELECT count(*) FROM console_users WHERE password_hash LIKE '%khẩu%' OR "
                        "password_hash LIKE '%khau%'")
              .getInt() == 0);
  }

  const auto list = f.loaxa_json({"user", "list"});
  REQUIRE(list.size() == 3);
  CHECK(list[0]["name"] == "Nguyễn.Lan");
  CHECK(list[0]["role"] == "viewer");
  CHECK(list[1]["name"] == "an");
  CHECK(list[1]["role"] == "operator");
  CHECK(list[1]["created_at"] == "2027-01-03T22:00:00Z");
  CHECK(list[1]["password_changed_at"] == "2027-01-03T22:00:00Z");
  CHECK(list[1]["sessions"] == 0);
  CHECK(list[2]["name"] == "binh");
  CHECK(list[2]["role"] == "operator");

  const auto table = f.loaxa({"--lang", "en", "user", "list"});
  REQUIRE(table.exit_code == 0);
  CHECK_THAT(table.out, Catch::Contains("Nguyễn.Lan"));
  CHECK_THAT(table.out, Catch::Contains("viewer"));
  CHECK_THAT(table.out, Catch::Contains("04/01/2027 05:00"));  // the station's time, not UTC
}

TEST_CASE("user list says how to add the first user", "[cli][users]") {
  UserFixture f;
  const auto empty = f.loaxa({"--lang", "en", "user", "list"});
  REQUIRE(empty.exit_code == 0);
  CHECK_THAT(empty.out, Catch::Contains("loaxa user add"));
  CHECK(f.loaxa_json({"user", "list"}).empty());
}

TEST_CASE("a second user of the same name is refused before the password is asked", "[cli][users]") {
  UserFixture f;
  REQUIRE(add(f, "an", "first password").exit_code == 0);
  // No input at all: the refusal comes first, not "the password is missing".
  check_refused(with_input_en(f, "", {"user", "add", "an", "--role", "viewer"}), "'an'", "already exists");
  check_refused(add(f, "an", "second password"), "'an'", "already exists");
  CHECK(user_rows(f) == 1);
  CHECK(loaxa::web::verify_password(password_hash(f, "an"), "first password"));
  CHECK(f.loaxa_json({"user", "list"})[0]["role"] == "operator");
}

TEST_CASE("bad user names are refused with the name and the reason, and nothing is written", "[cli][users]") {
  UserFixture f;
  check_refused(add(f, "an binh", "long enough"), "'an binh'", "contains a space");
  check_refused(add(f, "an/binh", "long enough"), "'an/binh'", "contains '/'");
  check_refused(add(f, "", "long enough"), "''", "is empty");
  check_refused(add(f, std::string(65, 'a'), "long enough"), std::string(65, 'a'), "longer than 64 bytes");
  check_refused(add(f, "an\x1b[31m", "long enough"), "an\\x1B[31m", "control character");  // shown, not obeyed
  check_refused(add(f, "an\xff", "long enough"), "is not a user name", "not UTF-8");
  CHECK(user_rows(f) == 0);
}

TEST_CASE("a bad role is refused, naming it, and nothing is written", "[cli][users]") {
  UserFixture f;
  check_refused(add(f, "an", "long enough", {"--role", "admin"}), "'admin'", "operator");
  CHECK(user_rows(f) == 0);
  REQUIRE(add(f, "an", "long enough").exit_code == 0);
  check_refused(f.loaxa({"--lang", "en", "user", "role", "an", "chief"}), "'chief'", "viewer");
  CHECK(f.loaxa_json({"user", "list"})[0]["role"] == "operator");
  check_refused(f.loaxa({"--lang", "en", "user", "role", "binh", "viewer"}), "'binh'", "There is no user");
}

TEST_CASE("short, missing and mismatched passwords are refused and nothing is written", "[cli][users]") {
  UserFixture f;
  check_refused(add(f, "an", "1234567"), "'an'", "at least 8 characters");
  check_refused(with_input_en(f, "long enough\nlong enougH\n", {"user", "add", "an"}), "two passwords",
                "nothing was changed");
  check_refused(with_input_en(f, "long enough\n", {"user", "add", "an"}), "password is missing", "two lines");
  check_refused(with_input_en(f, "", {"user", "add", "an"}), "password is missing", "two lines");
  check_refused(add(f, "an", std::string(1025, 'x')), "'an'", "at most 1024 characters");
  CHECK(user_rows(f) == 0);
}

TEST_CASE("the refusals are worded in Vietnamese by default", "[cli][users]") {
  UserFixture f;
  const auto differ = with_input(f, "long enough\nlong enougH\n", {"user", "add", "an"});
  CHECK(differ.exit_code == 1);
  CHECK_THAT(differ.err, Catch::Contains("Lỗi"));
  CHECK_THAT(differ.err, Catch::Contains("Hai mật khẩu không giống nhau"));
  CHECK(user_rows(f) == 0);
}

TEST_CASE("user passwd changes the password and ends the user's sessions only", "[cli][users]") {
  UserFixture f;
  REQUIRE(add(f, "an", "old password").exit_code == 0);
  REQUIRE(add(f, "binh", "binh's password").exit_code == 0);
  add_session(f, "an-1", "an", kNowUtc, kNowUtc);
  add_session(f, "an-2", "an", kNowUtc, kNowUtc);
  add_session(f, "binh-1", "binh", kNowUtc, kNowUtc);

  // Refused changes keep the password and the sessions.
  check_refused(with_input_en(f, "new password\nnew passwort\n", {"user", "passwd", "an"}), "two passwords",
                "nothing was changed");
  check_refused(with_input_en(f, "short\nshort\n", {"user", "passwd", "an"}), "'an'", "at least 8 characters");
  check_refused(with_input_en(f, "new password\nnew password\n", {"user", "passwd", "lan"}), "'lan'",
                "There is no user");
  CHECK(sessions_of(f, "an") == 2);
  CHECK(loaxa::web::verify_password(password_hash(f, "an"), "old password"));

  f.now = "2027-01-05T07:30";
  const auto changed = with_input_en(f, "new password\nnew password\n", {"user", "passwd", "an"});
  INFO(changed.err);
  REQUIRE(changed.exit_code == 0);
  CHECK_THAT(changed.out, Catch::Contains("sessions have ended"));
  CHECK(loaxa::web::verify_password(password_hash(f, "an"), "new password"));
  CHECK(sessions_of(f, "an") == 0);
  CHECK(sessions_of(f, "binh") == 1);
  const auto list = f.loaxa_json({"user", "list"});
  CHECK(list[0]["created_at"] == "2027-01-03T22:00:00Z");
  CHECK(list[0]["password_changed_at"] == "2027-01-05T00:30:00Z");
}

TEST_CASE("user remove ends the user's sessions, and a second remove names the missing user", "[cli][users]") {
  UserFixture f;
  REQUIRE(add(f, "an", "long enough").exit_code == 0);
  REQUIRE(add(f, "binh", "long enough").exit_code == 0);
  add_session(f, "an-1", "an", kNowUtc, kNowUtc);
  add_session(f, "binh-1", "binh", kNowUtc, kNowUtc);
  const auto removed = f.loaxa({"--lang", "en", "user", "remove", "an"});
  REQUIRE(removed.exit_code == 0);
  CHECK_THAT(removed.out, Catch::Contains("User an removed"));
  CHECK(sessions_of(f, "an") == 0);
  CHECK(sessions_of(f, "binh") == 1);
  check_refused(f.loaxa({"--lang", "en", "user", "remove", "an"}), "'an'", "There is no user");
  CHECK(user_rows(f) == 1);
}

TEST_CASE("user role changes the role, and user list counts only the sessions still open", "[cli][users]") {
  UserFixture f;
  REQUIRE(add(f, "an", "long enough").exit_code == 0);
  const auto demoted = f.loaxa({"--lang", "en", "user", "role", "an", "viewer"});
  REQUIRE(demoted.exit_code == 0);
  CHECK_THAT(demoted.out, Catch::Contains("now has the role: viewer"));
  CHECK(f.loaxa_json({"user", "list"})[0]["role"] == "viewer");
  CHECK_THAT(f.loaxa({"--lang", "en", "user", "role", "an", "viewer"}).out, Catch::Contains("already has the role"));

  add_session(f, "fresh", "an", kNowUtc - 1min, kNowUtc - 1min);
  add_session(f, "idle", "an", kNowUtc - 2h, kNowUtc - 31min);     // 30 min idle ends it
  add_session(f, "day-old", "an", kNowUtc - 13h, kNowUtc - 1min);  // 12 h in all ends it
  CHECK(f.loaxa_json({"user", "list"})[0]["sessions"] == 1);
  CHECK(sessions_of(f, "an") == 1);
}
