// loaxa play / stop / reload against a control server in this process (control/server.hpp
// with a fake handler), and with no daemon at all.

#include "cli/cli_fixture.hpp"
#include "control/fake_handler.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstring>

using namespace loaxa;

namespace {

// English messages; RUNTIME_DIRECTORY cleared so the socket is the one in the home.
const std::map<std::string, std::string> kEnglish{{"LANG", "en_US.UTF-8"}, {"RUNTIME_DIRECTORY", ""}};

// Vietnamese, from the build's catalogue; RUNTIME_DIRECTORY cleared as above.
std::map<std::string, std::string> vietnamese(const test::TempDir&) {
  return {{"RUNTIME_DIRECTORY", ""}};
}

}  // namespace

TEST_CASE("loaxa play/stop/reload with no daemon: said plainly, exit 1, nothing created") {
  test::CliFixture cli;
  std::filesystem::create_directories(cli.home);
  SECTION("no socket file") {}
  SECTION("a stale socket file: nobody listens") {
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, (cli.home / "loaxad.sock").c_str(), sizeof(address.sun_path) - 1);
    REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
    ::close(fd);
  }
  for (const auto& args : {std::vector<std::string>{"play", "7"}, {"stop"}, {"reload"}}) {
    auto english = cli.loaxa(args, kEnglish);
    INFO(english.err);
    CHECK(english.exit_code == 1);
    CHECK(english.err.find("the station service loaxad is not running") != std::string::npos);
    CHECK(english.err.find((cli.home / "loaxad.sock").string()) != std::string::npos);

    auto vi = cli.loaxa(args, vietnamese(cli.dir));
    INFO(vi.err);
    CHECK(vi.exit_code == 1);
    CHECK(vi.err.find("Lỗi: dịch vụ phát loaxad không chạy") != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(cli.home / "loaxa.db"));
}

TEST_CASE("loaxa play/stop/reload reach the daemon and say what it did") {
  test::ServerFixture daemon;
  test::CliFixture cli;
  cli.home = daemon.dir.path();

  auto play = cli.loaxa({"play", "7"}, kEnglish);
  INFO(play.err);
  CHECK(play.exit_code == 0);
  CHECK(play.out == "loaxad is playing segment 7.\n");
  CHECK(daemon.handler.played() == std::vector<std::int64_t>{7});

  auto stop = cli.loaxa({"--json", "stop"}, kEnglish);
  CHECK(stop.exit_code == 0);
  CHECK(nlohmann::json::parse(stop.out) == nlohmann::json{{"ok", true}, {"command", "stop"}});
  CHECK(daemon.handler.stops() == 1);

  auto reload = cli.loaxa({"reload"}, vietnamese(cli.dir));
  CHECK(reload.exit_code == 0);
  CHECK(reload.out == "loaxad đã đọc lại cài đặt và lịch phát.\n");
  CHECK(daemon.handler.reloads() == 1);

  auto missing = cli.loaxa({"play", "99"}, kEnglish);
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("there is no segment 99") != std::string::npos);

  auto failed = cli.loaxa({"play", "13"}, kEnglish);
  CHECK(failed.exit_code == 1);
  CHECK(failed.err.find("loaxad could not do it: the sound card vanished") != std::string::npos);

  auto draft = cli.loaxa({"play", "21"}, kEnglish);
  CHECK(draft.exit_code == 1);
  CHECK(draft.err.find("segment 21 \"Tin nháp\" is not approved yet: loaxa segment approve 21") != std::string::npos);
  auto draft_vi = cli.loaxa({"play", "21"}, vietnamese(cli.dir));
  CHECK(draft_vi.exit_code == 1);
  CHECK(draft_vi.err.find("Tin nháp") != std::string::npos);
  CHECK(draft_vi.err.find("not approved") == std::string::npos);
  auto newer = cli.loaxa({"play", "22"}, kEnglish);
  CHECK(newer.exit_code == 1);
  CHECK(newer.err.find("loaxad will not do it now: a newer refusal") != std::string::npos);

  // A second stop finds nothing on air: said plainly, and the station is as asked.
  auto quiet = cli.loaxa({"stop"}, kEnglish);
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.out == "Nothing is on air.\n");

  auto bad = cli.loaxa({"play", "seven"}, kEnglish);
  CHECK(bad.exit_code == 2);
  CHECK(daemon.handler.played() == std::vector<std::int64_t>{7});
  CHECK_FALSE(std::filesystem::exists(cli.home / "loaxa.db"));
}
