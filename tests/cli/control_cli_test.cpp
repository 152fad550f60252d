// loaxa play / stop / reload against a control server in this process (control/server.hpp
// with a fake handler), and with no daemon at all.

#include "cli/cli_fixture.hpp"
#include "control/fake_handler.hpp"
#include "support/wav_writer.hpp"

#include <pwd.h>
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
  loaxa::test::write_tone_wav(cli.dir / "alarm.wav", {.sample_rate = 8000, .tone_s = 1.0});
  for (const auto& args : {std::vector<std::string>{"play", "7"},
                           {"stop"},
                           {"reload"},
                           {"emergency", "7"},
                           {"priority", "7"},
                           {"emergency", (cli.dir / "alarm.wav").string(), "--category", "CDS"}}) {
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

TEST_CASE("loaxa emergency and priority: a segment or a file imported first, who asked is the user") {
  test::ServerFixture daemon;
  test::CliFixture cli;
  cli.home = daemon.dir.path();
  const passwd* me = ::getpwuid(::getuid());
  REQUIRE(me != nullptr);

  auto alarm = cli.loaxa({"emergency", "7", "--repeat", "2"}, kEnglish);
  INFO(alarm.err);
  CHECK(alarm.exit_code == 0);
  CHECK(alarm.out.find("EMERGENCY: loaxad is airing segment 7 now, 2 time(s)") != std::string::npos);
  auto first = cli.loaxa({"--json", "priority", "8"}, kEnglish);
  CHECK(first.exit_code == 0);
  CHECK(nlohmann::json::parse(first.out) == nlohmann::json{{"ok", true}, {"command", "priority"}, {"segment", 8}});
  auto vi = cli.loaxa({"priority", "8"}, vietnamese(cli.dir));
  CHECK(vi.exit_code == 0);
  CHECK(vi.out.find("Segment") == std::string::npos);

  auto missing = cli.loaxa({"emergency", "99"}, kEnglish);
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("there is no segment 99") != std::string::npos);
  CHECK(cli.loaxa({"emergency", "7", "--repeat", "21"}, kEnglish).exit_code == 2);

  // A file: its category is needed to import it.
  loaxa::test::write_tone_wav(cli.dir / "alarm.wav", {.sample_rate = 8000, .tone_s = 1.0});
  auto no_category = cli.loaxa({"emergency", (cli.dir / "alarm.wav").string()}, kEnglish);
  CHECK(no_category.exit_code == 1);
  CHECK(no_category.err.find("--category") != std::string::npos);
  auto not_audio = cli.loaxa({"emergency", (cli.dir / "nothing.wav").string(), "--category", "CDS"}, kEnglish);
  CHECK(not_audio.exit_code == 1);
  CHECK(not_audio.err.find("nothing.wav") != std::string::npos);
  auto file = cli.loaxa({"emergency", (cli.dir / "alarm.wav").string(), "--category", "CDS"}, kEnglish);
  INFO(file.err);
  CHECK(file.exit_code == 0);
  CHECK(file.out.find("Imported segment 1") != std::string::npos);

  const auto bulletins = daemon.handler.bulletins();
  REQUIRE(bulletins.size() == 4);
  CHECK(bulletins[0].level == "emergency");
  CHECK(bulletins[0].segment == 7);
  CHECK(bulletins[0].repeat == 2);
  CHECK(bulletins[0].asked_by == me->pw_name);
  CHECK(bulletins[1].level == "priority");
  CHECK(bulletins[3].level == "emergency");
  CHECK(bulletins[3].segment == 1);
  CHECK(bulletins[3].repeat == 1);
}
