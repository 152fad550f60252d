// The Amplifier with each of its real switches: commands run by the ProcessRunner, and a
// GPIO line through libgpiod. This machine has no GPIO chip (and no gpio-sim module), so the
// GPIO switch is tested where it cannot get its line: the real libgpiod calls fail, the
// failure is logged naming the chip, the line and the system's reason, at start and at each
// switching, and the amplifier's state (what the scheduler decides by) goes on regardless.
// Driving a real line is left to the operator's check in docs/DAEMON.md.

#include "daemon/amplifier.hpp"
#include "config/config.hpp"
#include "daemon/command_switch.hpp"
#include "daemon/gpio_switch.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

using loaxa::ManualClock;
namespace ld = loaxa::daemon;
using namespace std::chrono_literals;

namespace {

struct TextLog {
  ManualClock clock{loaxa::Instant(std::chrono::hours(500000))};
  std::ostringstream out;
  ld::Log log{clock, out};
  std::size_t count(const std::string& text) const {
    const std::string all = out.str();
    std::size_t n = 0;
    for (auto at = all.find(text); at != std::string::npos; at = all.find(text, at + 1)) ++n;
    return n;
  }
};

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("the amplifier by its command switch: each switching once, a failure logged, on regardless",
          "[daemon][amplifier]") {
  loaxa::test::TempDir dir;
  const auto file = dir / "amp";
  TextLog t;
  ld::ProcessRunner runner;
  ld::Amplifier amp(std::make_unique<ld::CommandSwitch>(
      runner, std::vector<std::string>{"sh", "-c", "echo on >> \"$0\"; exit 3", file.string()},
      std::vector<std::string>{"sh", "-c", "echo off >> \"$0\"", file.string()}, t.log));
  CHECK(amp.switched());
  CHECK_FALSE(amp.is_on());
  amp.switch_off();  // already off: nothing run
  amp.switch_on();
  amp.switch_on();
  CHECK(amp.is_on());  // the failing amp_on counts as done: the programme airs
  amp.switch_off();
  CHECK_FALSE(amp.is_on());
  CHECK(read_text(file) == "on\noff\n");
  CHECK(t.count("amp_on failed: sh exited with status 3") == 1);
  CHECK(t.count("amp_off done: sh") == 1);
  REQUIRE(t.log.last_problem().has_value());
  CHECK(t.log.last_problem()->domain == "amplifier");

  ld::Amplifier none(
      std::make_unique<ld::CommandSwitch>(runner, std::vector<std::string>{}, std::vector<std::string>{}, t.log));
  CHECK_FALSE(none.switched());  // no lead to wait for
  none.switch_on();
  CHECK(none.is_on());
}

TEST_CASE("the GPIO switch on a chip that does not exist: logged at start and at each switching, the state kept",
          "[daemon][amplifier][gpio]") {
  TextLog t;
  const std::string enoent = std::strerror(ENOENT);
  auto gpio = std::make_unique<ld::GpioSwitch>(loaxa::AmplifierGpio{"/dev/gpiochip-loaxa-absent", 17u, false}, t.log);
  CHECK_FALSE(gpio->held());
  // At start: the chip, the line and the reason, and what it means for the station.
  CHECK(t.count("GPIO line 17 of chip /dev/gpiochip-loaxa-absent cannot be used: cannot open the chip: " + enoent) ==
        1);
  CHECK(t.count("the amplifier will not be switched") == 1);

  ld::Amplifier amp(std::move(gpio));
  CHECK(amp.switched());  // a line is configured: the scheduler keeps the amplifier's lead
  amp.switch_on();
  CHECK(amp.is_on());
  CHECK(t.count("amp_on failed: GPIO line 17 of chip /dev/gpiochip-loaxa-absent cannot be used: cannot open the "
                "chip: " +
                enoent) == 1);
  amp.switch_off();
  CHECK_FALSE(amp.is_on());
  CHECK(t.count("amp_off failed: GPIO line 17") == 1);
  // Each switching tries again (a board plugged in late is found); the log's one-minute
  // limit holds back the same line repeated, and says so later.
  amp.switch_on();
  CHECK(t.count("amp_on failed") == 1);
  CHECK(t.log.held_back() == 1);
  t.clock.advance(61s);
  amp.switch_off();
  amp.switch_on();
  CHECK(t.count("amp_on failed") == 2);
  REQUIRE(t.log.last_problem().has_value());
  CHECK_THAT(t.log.last_problem()->text, Catch::Contains("gpiochip-loaxa-absent"));
}

TEST_CASE("the GPIO switch refused by libgpiod: a chip by name, a line by name, a device that is no chip",
          "[daemon][amplifier][gpio]") {
  TextLog t;
  {
    // By name, as gpiodetect lists it: looked up under /dev.
    ld::GpioSwitch by_name(loaxa::AmplifierGpio{"gpiochip-loaxa-absent", std::string("AMP_RELAY"), true}, t.log);
    CHECK_FALSE(by_name.held());
    CHECK(t.count("GPIO line \"AMP_RELAY\" of chip gpiochip-loaxa-absent cannot be used: cannot open the chip: " +
                  std::string(std::strerror(ENOENT))) == 1);
    by_name.set(true);
    CHECK(t.count("amp_on failed: GPIO line \"AMP_RELAY\"") == 1);
  }
  // A character device that is not a GPIO chip: libgpiod asks the kernel and is refused.
  ld::GpioSwitch not_a_chip(loaxa::AmplifierGpio{"/dev/null", 0u, false}, t.log);
  CHECK_FALSE(not_a_chip.held());
  CHECK(t.count("GPIO line 0 of chip /dev/null cannot be used: cannot open the chip: " +
                std::string(std::strerror(ENOTTY))) == 1);
}

TEST_CASE("loaxa.toml chooses the switch: a GPIO line, commands, or nothing", "[daemon][amplifier][gpio]") {
  TextLog t;
  ld::ProcessRunner runner;
  loaxa::Config config;
  CHECK_FALSE(ld::make_amplifier_switch(config, runner, t.log)->switches());  // nothing configured
  config.amp_on = {"true"};
  config.amp_off = {"true"};
  auto commands = ld::make_amplifier_switch(config, runner, t.log);
  CHECK(commands->switches());
  commands->set(true);
  CHECK(t.count("amp_on done: true") == 1);
  config.amp_on.clear();
  config.amp_off.clear();
  config.amp_gpio = loaxa::AmplifierGpio{"/dev/gpiochip-loaxa-absent", 5u, false};
  auto gpio = ld::make_amplifier_switch(config, runner, t.log);
  CHECK(gpio->switches());
  CHECK(t.count("GPIO line 5 of chip /dev/gpiochip-loaxa-absent cannot be used") == 1);
}
