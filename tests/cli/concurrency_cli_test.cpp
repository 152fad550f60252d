// Commands started at once on one home, as an operator's scripts or the daemon and a CLI
// will: none may fail, not even on a brand-new home that all of them create and migrate.

#include "cli/cli_fixture.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <vector>

using loaxa::test::CliFixture;
using loaxa::test::ProcessResult;

TEST_CASE("three commands started at once on a fresh home never fail", "[cli][concurrency]") {
  for (int round = 0; round < 20; ++round) {
    CliFixture s;  // a new, empty home each round
    std::vector<std::future<ProcessResult>> running;
    for (const char* what : {"category", "segment", "slot"}) {
      running.push_back(std::async(std::launch::async, [&s, what] { return s.loaxa({what, "list"}); }));
    }
    for (auto& result : running) {
      const auto r = result.get();
      INFO("round " << round << ": " << r.err);
      CHECK(r.exit_code == 0);
      CHECK(r.err.empty());
    }
  }
}

TEST_CASE("writers started at once on one home all succeed or say the station is busy", "[cli][concurrency]") {
  CliFixture s;
  REQUIRE(s.loaxa({"programme", "add", "Tiếp sóng", "--item", "relay:vov:10m"}).exit_code == 0);
  std::vector<std::future<ProcessResult>> running;
  for (int i = 0; i < 6; ++i) {
    running.push_back(std::async(std::launch::async, [&s, i] {
      return i % 2 == 0 ? s.loaxa({"slot", "add", "--programme", "Tiếp sóng", "--at", "0" + std::to_string(i) + ":30"})
                        : s.loaxa({"holiday", "add", std::to_string(10 + i) + "/02/2027", "--name", "Nghỉ"});
    }));
  }
  int done = 0;
  for (auto& result : running) {
    const auto r = result.get();
    INFO(r.err);
    if (r.exit_code == 0) {
      ++done;
    } else {
      CHECK_THAT(r.err, Catch::Contains("đang bận"));
    }
  }
  CHECK(done == static_cast<int>(s.loaxa_json({"slot", "list"}).size() + s.loaxa_json({"holiday", "list"}).size()));
}
