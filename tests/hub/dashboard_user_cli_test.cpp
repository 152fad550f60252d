// `loaxa-hub user add|list|remove|passwd` run as an operator runs them, the password given
// on standard input twice (not a terminal): kept only as a hash, mistakes refused with
// nothing changed, a password change or a removal ending the user's sessions.

#include "web/password_hash.hpp"
#include "hub/sqlite_account_store.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "hub_process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

using namespace loaxa;
using namespace loaxa::hub;
using loaxa::hub::test::run_hub;
using nlohmann::json;

namespace {

// `loaxa-hub --home HOME --lang en ARGS…` with `input` on its standard input.
loaxa::test::ProcessResult hub_with_input(const std::filesystem::path& home, const std::string& input,
                                          std::vector<std::string> args) {
  std::vector<std::string> argv{"/bin/sh",
                                "-c",
                                "printf '%s' \"$LOAXA_TEST_INPUT\" | \"$@\"",
                                "sh",
                                hub::test::hub_binary(),
                                "--home",
                                home.string(),
                                "--lang",
                                "en"};
  argv.insert(argv.end(), args.begin(), args.end());
  return loaxa::test::run_process(argv, {{"LOAXA_TEST_INPUT", input}});
}

std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("user add reads the password twice from stdin and keeps only its hash", "[hub][dashboard][cli]") {
  loaxa::test::TempDir home;
  const auto added = hub_with_input(home.path(), "mật khẩu an\nmật khẩu an\n", {"user", "add", "an"});
  INFO(added.err);
  REQUIRE(added.exit_code == 0);
  CHECK(added.out.find("User an added: sees every station.") != std::string::npos);
  const auto group =
      hub_with_input(home.path(), "mat khau binh\r\nmat khau binh\r\n", {"user", "add", "binh", "--group", "Huyện B"});
  REQUIRE(group.exit_code == 0);

  {
    SqliteHubStore store(home / "hub.db");
    SqliteAccountStore accounts(store.database());
    const auto an = accounts.find_user("an");
    REQUIRE(an);
    CHECK_FALSE(an->group);
    CHECK(web::verify_password(an->password_hash, "mật khẩu an"));
    const auto binh = accounts.find_user("binh");
    REQUIRE(binh);
    CHECK(binh->group == "Huyện B");
    CHECK(web::verify_password(binh->password_hash, "mat khau binh"));  // the CR of CRLF is not part of it
  }
  CHECK(file_text(home / "hub.db").find("mật khẩu an") == std::string::npos);

  const auto listed = run_hub(home.path(), {"--json", "user", "list"});
  REQUIRE(listed.exit_code == 0);
  const auto users = json::parse(listed.out);
  REQUIRE(users.size() == 2);
  CHECK(users[0]["name"] == "an");
  CHECK(users[0]["group"].is_null());
  CHECK(users[1]["group"] == "Huyện B");
  CHECK(users[1]["sessions"] == 0);
  CHECK(run_hub(home.path(), {"user", "list"}).out.find("Huyện B") != std::string::npos);

  // It counts the open sessions only: one from a minute ago, not one from 13 hours ago.
  {
    SqliteHubStore store(home / "hub.db");
    SqliteAccountStore accounts(store.database());
    const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    accounts.add_session({web::digest_hex(web::random_hex(32)), "binh", now - std::chrono::minutes(1), now});
    accounts.add_session({web::digest_hex(web::random_hex(32)), "binh", now - std::chrono::hours(13), now});
  }
  const auto counted = json::parse(run_hub(home.path(), {"--json", "user", "list"}).out);
  CHECK(counted[1]["sessions"] == 1);
}

TEST_CASE("user add refuses a second user of the name, bad names, short or differing passwords",
          "[hub][dashboard][cli]") {
  loaxa::test::TempDir home;
  REQUIRE(hub_with_input(home.path(), "mật khẩu an\nmật khẩu an\n", {"user", "add", "an"}).exit_code == 0);
  const auto refused = [&](const std::string& input, std::vector<std::string> args, const std::string& says) {
    const auto result = hub_with_input(home.path(), input, std::move(args));
    INFO(result.err);
    CHECK(result.exit_code == 1);
    CHECK(result.err.find(says) != std::string::npos);
  };
  refused("mật khẩu an\nmật khẩu an\n", {"user", "add", "an"}, "already exists");
  refused("mật khẩu 1\nmật khẩu 2\n", {"user", "add", "cuong"}, "differ");
  refused("ngan\nngan\n", {"user", "add", "cuong"}, "at least 8");
  refused("mật khẩu 1\n", {"user", "add", "cuong"}, "missing");
  refused("mật khẩu 1\nmật khẩu 1\n", {"user", "add", "c u o n g"}, "'c u o n g'");
  refused("mật khẩu 1\nmật khẩu 1\n", {"user", "add", "cuong", "--group", ""}, "--group");
  refused("", {"user", "remove", "cuong"}, "'cuong'");
  refused("mật khẩu 1\nmật khẩu 1\n", {"user", "passwd", "cuong"}, "'cuong'");
  const auto listed = json::parse(run_hub(home.path(), {"--json", "user", "list"}).out);
  CHECK(listed.size() == 1);
}

TEST_CASE("user passwd and user remove end the user's sessions", "[hub][dashboard][cli]") {
  loaxa::test::TempDir home;
  REQUIRE(hub_with_input(home.path(), "mật khẩu an\nmật khẩu an\n", {"user", "add", "an"}).exit_code == 0);
  const auto add_session = [&] {
    SqliteHubStore store(home / "hub.db");
    SqliteAccountStore accounts(store.database());
    const auto at = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    accounts.add_session({web::digest_hex(web::random_hex(32)), "an", at, at});
    return accounts.session_count("an");
  };
  REQUIRE(add_session() == 1);
  const auto changed = hub_with_input(home.path(), "mật khẩu mới\nmật khẩu mới\n", {"user", "passwd", "an"});
  INFO(changed.err);
  REQUIRE(changed.exit_code == 0);
  {
    SqliteHubStore store(home / "hub.db");
    SqliteAccountStore accounts(store.database());
    CHECK(accounts.session_count("an") == 0);
    CHECK(web::verify_password(accounts.find_user("an")->password_hash, "mật khẩu mới"));
  }
  REQUIRE(add_session() == 1);
  REQUIRE(run_hub(home.path(), {"user", "remove", "an"}).exit_code == 0);
  SqliteHubStore store(home / "hub.db");
  SqliteAccountStore accounts(store.database());
  CHECK_FALSE(accounts.find_user("an"));
  CHECK(accounts.session_count("an") == 0);
}
