#include "cli/cli_fixture.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using loaxa::test::CliFixture;

TEST_CASE("a new home has CDS and CCHC", "[cli][category]") {
  CliFixture f;
  auto list = f.loaxa_json({"category", "list"});
  REQUIRE(list.size() == 2);
  CHECK(list[0]["code"] == "CCHC");
  CHECK(list[1]["code"] == "CDS");
  CHECK(std::filesystem::exists(f.home / "loaxa.toml"));
  CHECK(std::filesystem::is_directory(f.home / "segments"));
}

TEST_CASE("categories are added once, with a valid code and a name", "[cli][category]") {
  CliFixture f;
  auto added = f.loaxa_json({"category", "add", "antt", "--name", "An ninh trật tự"});
  CHECK(added["code"] == "ANTT");
  auto again = f.loaxa({"category", "add", "ANTT", "--name", "x"});
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.err, Catch::Contains("ANTT đã có"));
  auto bad = f.loaxa({"category", "add", "AN-TT", "--name", "x"});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("AN-TT"));
  auto empty_name = f.loaxa({"category", "add", "TB", "--name", "  "});
  CHECK(empty_name.exit_code == 1);
  auto table = f.loaxa({"category", "list"});
  CHECK_THAT(table.out, Catch::Contains("An ninh trật tự"));
  CHECK_THAT(table.out, Catch::Contains("Chuyển đổi số"));
}

TEST_CASE("a broken loaxa.toml is reported with its line and changes nothing", "[cli][config]") {
  CliFixture f;
  std::filesystem::create_directories(f.home);
  { std::ofstream(f.home / "loaxa.toml") << "[station]\nid = \"xa-a\"\nmax_volume = 3\n"; }
  auto result = f.loaxa({"category", "list"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("loaxa.toml:3"));
  CHECK_THAT(result.err, Catch::Contains("station.max_volume"));
  CHECK_FALSE(std::filesystem::exists(f.home / "loaxa.db"));
}
