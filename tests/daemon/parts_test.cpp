// The daemon's small parts on their own: the instance lock, the log's rate limit, the
// command runner behind the amplifier.

#include "daemon/amplifier.hpp"
#include "daemon/command_runner.hpp"
#include "daemon/instance_lock.hpp"
#include "daemon/log.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using loaxa::ManualClock;
namespace ld = loaxa::daemon;
using namespace std::chrono_literals;

TEST_CASE("a second instance on the same home is refused until the first ends", "[daemon][lock]") {
  loaxa::test::TempDir dir;
  {
    ld::InstanceLock first(dir.path());
    try {
      ld::InstanceLock second(dir.path());
      FAIL("the second lock was taken");
    } catch (const ld::InstanceLockError& e) {
      CHECK(e.kind == ld::InstanceLockError::Kind::held);
      CHECK(e.file == dir / "loaxad.lock");
    }
  }
  ld::InstanceLock again(dir.path());  // released with the first
  try {
    ld::InstanceLock missing(dir / "no-such-dir");
    FAIL("locked in a folder that does not exist");
  } catch (const ld::InstanceLockError& e) {
    CHECK(e.kind == ld::InstanceLockError::Kind::cannot_open);
  }
}

TEST_CASE("the log names its domain and holds back repeats for a minute", "[daemon][log]") {
  ManualClock clock(loaxa::Instant(std::chrono::hours(500000)));
  std::ostringstream out;
  ld::Log text_log(clock, out);
  text_log.write("player", "underrun");
  text_log.write("player", "underrun");
  text_log.write("player", "underrun");
  text_log.write("amplifier", "underrun");  // another domain is another line
  clock.advance(59s);
  text_log.write("player", "underrun");
  CHECK(text_log.held_back() == 3);
  clock.advance(2s);
  text_log.write("player", "underrun");
  const std::string text = out.str();
  CHECK(text.find("loaxad[player]: underrun\n") == 0);
  CHECK_THAT(text, Catch::Contains("loaxad[amplifier]: underrun\n"));
  CHECK_THAT(text, Catch::Contains("loaxad[player]: underrun (") && Catch::Contains("3"));
  CHECK(std::count(text.begin(), text.end(), '\n') == 3);
}

TEST_CASE("commands run without a shell, with their outcome and a timeout", "[daemon][amplifier]") {
  ld::ProcessRunner runner;
  CHECK(runner.run({"true"}, 10s).ok());
  const auto failed = runner.run({"false"}, 10s);
  CHECK(failed.outcome == ld::CommandResult::Outcome::exited);
  CHECK(failed.code == 1);
  const auto missing = runner.run({"/nonexistent/amp", "on"}, 10s);
  CHECK(missing.outcome == ld::CommandResult::Outcome::not_started);
  // No shell: the words reach the program as they are.
  loaxa::test::TempDir dir;
  const auto file = dir / "words";
  CHECK(runner.run({"sh", "-c", "printf '%s|' \"$@\" > \"$0\"", file.string(), "a b", "$HOME", ";"}, 10s).ok());
  std::ifstream in(file);
  std::string words((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(words == "a b|$HOME|;|");
  // One that hangs is killed at its timeout.
  const auto hung = runner.run({"sleep", "30"}, 100ms);
  CHECK(hung.outcome == ld::CommandResult::Outcome::timed_out);
}

TEST_CASE("the amplifier runs its commands in order and logs a failure", "[daemon][amplifier]") {
  loaxa::test::TempDir dir;
  const auto file = dir / "amp";
  ManualClock clock(loaxa::Instant(std::chrono::hours(500000)));
  std::ostringstream out;
  ld::Log text_log(clock, out);
  ld::ProcessRunner runner;
  ld::Amplifier amp(runner, {"sh", "-c", "echo on >> \"$0\"", file.string()},
                    {"sh", "-c", "echo off >> \"$0\"; exit 4", file.string()}, text_log);
  amp.switch_on();
  amp.switch_on();  // already on: not run again
  CHECK(amp.is_on());
  amp.switch_off();
  CHECK_FALSE(amp.is_on());
  amp.switch_off();
  std::ifstream in(file);
  std::string lines((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(lines == "on\noff\n");
  CHECK_THAT(out.str(), Catch::Contains("amp_off") && Catch::Contains("4"));

  ld::Amplifier none(runner, {}, {}, text_log);  // nothing configured: nothing run, state kept
  none.switch_on();
  CHECK(none.is_on());
}
