// loaxa status: which home, how it was found, what airs next; and "now" set from outside.

#include "cli/cli_fixture.hpp"
#include "control/fake_handler.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using loaxa::test::CliFixture;

TEST_CASE("status names the home and how it was chosen", "[cli][status]") {
  CliFixture s;
  auto status = s.loaxa_json({"status"});
  CHECK(status["home"] == s.home.string());
  CHECK(status["home_source"] == "option");
  CHECK(status["station_id"] == "xa-moi");
  CHECK(status["next"].is_null());
  auto human = s.loaxa({"status"});
  CHECK(human.exit_code == 0);
  CHECK_THAT(human.out, Catch::Contains(s.home.string()));
  CHECK_THAT(human.out, Catch::Contains("--home"));
}

TEST_CASE("LOAXA_NOW sets the station's now, a bad one is refused by name", "[cli][status][now]") {
  CliFixture s;
  REQUIRE(s.loaxa({"programme", "add", "Tiếp sóng", "--item", "relay:vov:10m"}).exit_code == 0);
  const std::map<std::string, std::string> at{{"LOAXA_NOW", "2031-06-16T03:00"}};
  REQUIRE(s.loaxa({"slot", "add", "--programme", "Tiếp sóng", "--at", "05:30"}, at).exit_code == 0);
  auto status = s.loaxa({"--json", "status"}, at);
  REQUIRE(status.exit_code == 0);
  auto json = nlohmann::json::parse(status.out);
  CHECK(json["now_utc"].get<std::string>().rfind("2031-06-15T20:00", 0) == 0);
  CHECK(json["next"]["start_local"] == "2031-06-16T05:30:00");

  auto utc = s.loaxa({"--json", "status"}, {{"LOAXA_NOW", "2031-06-15T20:00Z"}});
  CHECK(nlohmann::json::parse(utc.out)["next"]["start_local"] == "2031-06-16T05:30:00");

  auto bad = s.loaxa({"status"}, {{"LOAXA_NOW", "ngày mai"}});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("LOAXA_NOW"));
}

TEST_CASE("status asks the daemon: not running said plainly, running shown with what it says", "[cli][status]") {
  CliFixture s;
  const std::map<std::string, std::string> english{{"LANG", "en_US.UTF-8"}, {"RUNTIME_DIRECTORY", ""}};
  auto alone = s.loaxa_json({"status"});
  CHECK(alone["daemon"]["running"] == false);
  CHECK(alone["daemon"]["problem"].is_null());
  auto alone_text = s.loaxa({"status"}, english);
  CHECK(alone_text.exit_code == 0);
  CHECK_THAT(alone_text.out, Catch::Contains("loaxad is not running"));

  loaxa::test::ServerFixture daemon;  // a control server with a fake daemon's answers
  s.home = daemon.dir.path();
  auto with = s.loaxa({"--json", "status"}, english);
  REQUIRE(with.exit_code == 0);
  const auto json = nlohmann::json::parse(with.out);
  CHECK(json["daemon"]["running"] == true);
  CHECK(json["daemon"]["output"] == "null");
  CHECK(json["daemon"]["amplifier"] == "off");
  CHECK(json["daemon"]["uptime_s"] == 12);
  CHECK(json["daemon"]["now_airing"].is_null());
  auto text = s.loaxa({"status"}, english);
  CHECK_THAT(text.out, Catch::Contains("loaxad test running for 00:12, playing to null"));
  CHECK_THAT(text.out, Catch::Contains("off"));
}

TEST_CASE("status shows where the sync with the hub stands", "[cli][status][hub]") {
  CliFixture s;
  CHECK(s.loaxa_json({"status"})["hub"].is_null());
  REQUIRE(s.loaxa({"status"}).exit_code == 0);  // creates the home and its loaxa.toml
  std::ofstream(s.home / "loaxa.toml", std::ios::app)
      << "\n[hub]\nurl = \"https://hub.huyen.vn:8443\"\nkey = \"" << std::string(64, 'a') << "\"\n";
  auto json = s.loaxa_json({"status"});
  CHECK(json["hub"]["url"] == "https://hub.huyen.vn:8443");
  CHECK(json["hub"]["outbox_depth"] == 0);
  CHECK(json["hub"]["last_contact_utc"].is_null());
  auto text = s.loaxa({"status"}, {{"LANG", "en_US.UTF-8"}});
  CHECK_THAT(text.out, Catch::Contains("https://hub.huyen.vn:8443: every play sent; never reached yet"));
}
