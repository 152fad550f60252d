#include "config/config.hpp"

#include "common/i18n.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <variant>
#include <vector>

using loaxa::Config;
using loaxa::ConfigError;

namespace {

struct TempFile {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("loaxa-config-" + std::to_string(::getpid()) + ".toml");
  explicit TempFile(const std::string& text) { std::ofstream(path) << text; }
  ~TempFile() { std::filesystem::remove(path); }
};

std::string error_of(const std::string& text) {
  loaxa::select_language("en");
  TempFile file(text);
  try {
    loaxa::load_config(file.path);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a missing file means the defaults", "[config]") {
  auto config = loaxa::load_config("/nonexistent/loaxa.toml");
  CHECK(config.time_zone == "Asia/Ho_Chi_Minh");
  CHECK(config.loudness_target_lufs == -16.0);
  CHECK(config.true_peak_ceiling_dbtp == -1.0);
}

TEST_CASE("the default file parses back to the defaults", "[config]") {
  TempFile file(loaxa::default_config_text());
  auto config = loaxa::load_config(file.path);
  Config defaults;
  CHECK(config.station_id == defaults.station_id);
  CHECK(config.station_name == defaults.station_name);
  CHECK(config.silence_threshold_dbfs == defaults.silence_threshold_dbfs);
  CHECK(config.max_session_minutes == defaults.max_session_minutes);
}

TEST_CASE("every key is read", "[config]") {
  TempFile file(R"([station]
id = "xa-tan-hung"
name = "Đài xã Tân Hưng"
time_zone = "Europe/Berlin"
[audio]
loudness_target_lufs = -18
true_peak_ceiling_dbtp = -2.0
silence_threshold_dbfs = -45.5
[schedule]
max_session_minutes = 15
max_wait_minutes = 5
)");
  auto c = loaxa::load_config(file.path);
  CHECK(c.station_id == "xa-tan-hung");
  CHECK(c.station_name == "Đài xã Tân Hưng");
  CHECK(c.time_zone == "Europe/Berlin");
  CHECK(c.loudness_target_lufs == -18.0);
  CHECK(c.true_peak_ceiling_dbtp == -2.0);
  CHECK(c.silence_threshold_dbfs == -45.5);
  CHECK(c.max_session_minutes == 15);
  CHECK(c.max_wait_minutes == 5);
}

TEST_CASE("an unknown key names file, line and key", "[config]") {
  auto message = error_of("[station]\nid = \"xa\"\nnmae = \"typo\"\n");
  CHECK_THAT(message, Catch::Contains(".toml:3"));
  CHECK_THAT(message, Catch::Contains("station.nmae"));
}

TEST_CASE("an unknown section is an error", "[config]") {
  CHECK_THAT(error_of("[stasion]\nid = \"xa\"\n"), Catch::Contains("stasion"));
}

TEST_CASE("bad values name the key and the reason", "[config]") {
  CHECK_THAT(error_of("[audio]\nloudness_target_lufs = 3\n"),
             Catch::Contains("audio.loudness_target_lufs") && Catch::Contains("between"));
  CHECK_THAT(error_of("[audio]\ntrue_peak_ceiling_dbtp = \"-1\"\n"), Catch::Contains("number"));
  CHECK_THAT(error_of("[station]\ntime_zone = \"Asia/Hanoi_City\"\n"), Catch::Contains("time zone"));
  CHECK_THAT(error_of("[station]\ntime_zone = \"../../etc/passwd\"\n"), Catch::Contains("time zone"));
  CHECK_THAT(error_of("[station]\nid = \"Xã Tân Hưng\"\n"), Catch::Contains("station.id"));
  CHECK_THAT(error_of("[schedule]\nmax_session_minutes = 0\n"), Catch::Contains("max_session_minutes"));
  CHECK_THAT(error_of("[schedule]\nmax_session_minutes = 12.5\n"), Catch::Contains("whole number"));
  CHECK_THAT(error_of("[station]\nname = \"\"\n"), Catch::Contains("empty"));
}

TEST_CASE("a file that is not TOML names the line", "[config]") {
  CHECK_THAT(error_of("[station]\nid = xa\n"), Catch::Contains(".toml:2"));
}

TEST_CASE("messages are Vietnamese by default", "[config]") {
  loaxa::select_language("vi");
  TempFile file("[station]\nnmae = \"x\"\n");
  try {
    loaxa::load_config(file.path);
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains("khóa"));
  }
  loaxa::select_language("en");
}

TEST_CASE("the daemon's output and amplifier settings", "[config]") {
  Config defaults;
  CHECK(defaults.audio_output == "null");
  CHECK(defaults.amp_on.empty());
  CHECK(defaults.amp_lead_seconds == 20);
  CHECK(defaults.amp_tail_seconds == 10);
  {
    TempFile file(loaxa::default_config_text());
    auto config = loaxa::load_config(file.path);
    CHECK(config.audio_output == "null");
    CHECK(config.amp_on.empty());
    CHECK(config.amp_off.empty());
    CHECK(config.amp_lead_seconds == 20);
    CHECK(config.amp_tail_seconds == 10);
  }
  TempFile file(R"([audio]
output = "portaudio:USB Audio"
[amplifier]
amp_on = ["/usr/local/bin/amp", "on", "--port=/dev/ttyUSB0"]
amp_off = ["/usr/local/bin/amp", "off"]
lead = 30
tail = 0
)");
  auto c = loaxa::load_config(file.path);
  CHECK(c.audio_output == "portaudio:USB Audio");
  CHECK(c.amp_on == std::vector<std::string>{"/usr/local/bin/amp", "on", "--port=/dev/ttyUSB0"});
  CHECK(c.amp_off == std::vector<std::string>{"/usr/local/bin/amp", "off"});
  CHECK(c.amp_lead_seconds == 30);
  CHECK(c.amp_tail_seconds == 0);
}

TEST_CASE("bad output and amplifier settings name the key", "[config]") {
  CHECK_THAT(error_of("[audio]\noutput = \"speaker\"\n"), Catch::Contains("audio.output"));
  CHECK_THAT(error_of("[audio]\noutput = \"file:\"\n"), Catch::Contains("audio.output"));
  CHECK_THAT(error_of("[amplifier]\namp_on = \"amp on\"\n"), Catch::Contains("amplifier.amp_on"));
  CHECK_THAT(error_of("[amplifier]\namp_on = []\n"), Catch::Contains("amplifier.amp_on"));
  CHECK_THAT(error_of("[amplifier]\namp_off = [\"amp\", \"\"]\n"), Catch::Contains("amplifier.amp_off"));
  CHECK_THAT(error_of("[amplifier]\namp_off = [\"amp\", 1]\n"), Catch::Contains("amplifier.amp_off"));
  CHECK_THAT(error_of("[amplifier]\nlead = -1\n"), Catch::Contains("amplifier.lead"));
  CHECK_THAT(error_of("[amplifier]\ntail = 2.5\n"), Catch::Contains("whole number"));
  CHECK_THAT(error_of("[amplifier]\nvolume = 3\n"), Catch::Contains("amplifier.volume"));
}

TEST_CASE("the amplifier by a GPIO line: chip, line by offset or name, active low", "[config][amplifier]") {
  CHECK_FALSE(Config{}.amp_gpio.has_value());
  {
    TempFile file(loaxa::default_config_text());  // the example is commented out
    CHECK_FALSE(loaxa::load_config(file.path).amp_gpio.has_value());
  }
  {
    TempFile file("[amplifier]\ngpio_chip = \"gpiochip0\"\ngpio_line = 17\nlead = 5\n");
    const auto c = loaxa::load_config(file.path);
    REQUIRE(c.amp_gpio.has_value());
    CHECK(c.amp_gpio->chip == "gpiochip0");
    CHECK(std::get<unsigned int>(c.amp_gpio->line) == 17);
    CHECK_FALSE(c.amp_gpio->active_low);
    CHECK(c.amp_on.empty());
    CHECK(c.amp_lead_seconds == 5);
  }
  TempFile file("[amplifier]\ngpio_chip = \"/dev/gpiochip1\"\ngpio_line = \"AMP_RELAY\"\ngpio_active_low = true\n");
  const auto c = loaxa::load_config(file.path);
  REQUIRE(c.amp_gpio.has_value());
  CHECK(c.amp_gpio->chip == "/dev/gpiochip1");
  CHECK(std::get<std::string>(c.amp_gpio->line) == "AMP_RELAY");
  CHECK(c.amp_gpio->active_low);
  // The commented example in a new home's file, uncommented, is what it says.
  std::string text = loaxa::default_config_text();
  for (const char* key : {"# gpio_chip", "# gpio_line", "# gpio_active_low"}) {
    const auto at = text.find(key);
    REQUIRE(at != std::string::npos);
    text.erase(at, 2);
  }
  TempFile example(text);
  const auto e = loaxa::load_config(example.path);
  REQUIRE(e.amp_gpio.has_value());
  CHECK(e.amp_gpio->chip == "gpiochip0");
  CHECK(std::get<unsigned int>(e.amp_gpio->line) == 17);
  CHECK_FALSE(e.amp_gpio->active_low);
}

TEST_CASE("commands and a GPIO line together, or half a GPIO line, are refused by name", "[config][amplifier]") {
  // Both forms: which would the operator expect to switch? The error names one key of each.
  const auto both = error_of("[amplifier]\namp_on = [\"amp\", \"on\"]\ngpio_chip = \"gpiochip0\"\ngpio_line = 17\n");
  CHECK_THAT(both, Catch::Contains("amplifier.amp_on") && Catch::Contains("amplifier.gpio_chip") &&
                       Catch::Contains("not both") && Catch::Contains(".toml:"));
  CHECK_THAT(error_of("[amplifier]\ngpio_line = 3\namp_off = [\"amp\", \"off\"]\n"),
             Catch::Contains("amplifier.amp_off") && Catch::Contains("amplifier.gpio_line"));
  CHECK_THAT(error_of("[amplifier]\namp_on = [\"amp\"]\ngpio_active_low = true\n"),
             Catch::Contains("amplifier.gpio_active_low") && Catch::Contains("not both"));
  // Half a line.
  CHECK_THAT(error_of("[amplifier]\ngpio_chip = \"gpiochip0\"\n"),
             Catch::Contains("not 'amplifier.gpio_line'") && Catch::Contains(".toml:2"));
  CHECK_THAT(error_of("[amplifier]\ngpio_line = 4\n"), Catch::Contains("not 'amplifier.gpio_chip'"));
  CHECK_THAT(error_of("[amplifier]\ngpio_active_low = true\n"), Catch::Contains("not 'amplifier.gpio_chip'"));
  // Bad values name their key.
  const std::string chip = "[amplifier]\ngpio_chip = \"gpiochip0\"\n";
  CHECK_THAT(error_of(chip + "gpio_line = -1\n"), Catch::Contains("amplifier.gpio_line"));
  CHECK_THAT(error_of(chip + "gpio_line = 70000\n"), Catch::Contains("amplifier.gpio_line"));
  CHECK_THAT(error_of(chip + "gpio_line = 2.5\n"), Catch::Contains("amplifier.gpio_line"));
  CHECK_THAT(error_of(chip + "gpio_line = \"\"\n"), Catch::Contains("amplifier.gpio_line"));
  CHECK_THAT(error_of(chip + "gpio_line = [17]\n"), Catch::Contains("amplifier.gpio_line"));
  CHECK_THAT(error_of(chip + "gpio_line = 1\ngpio_active_low = \"yes\"\n"),
             Catch::Contains("amplifier.gpio_active_low") && Catch::Contains("true or false"));
  CHECK_THAT(error_of(chip + "gpio_line = 1\ngpio_active_low = 1\n"), Catch::Contains("amplifier.gpio_active_low"));
  CHECK_THAT(error_of("[amplifier]\ngpio_chip = \"\"\ngpio_line = 1\n"), Catch::Contains("amplifier.gpio_chip"));
  CHECK_THAT(error_of("[amplifier]\ngpio_chip = 0\ngpio_line = 1\n"), Catch::Contains("amplifier.gpio_chip"));
  CHECK_THAT(error_of("[amplifier]\ngpio_chip = \"/sys/class/gpio/gpiochip0\"\ngpio_line = 1\n"),
             Catch::Contains("amplifier.gpio_chip") && Catch::Contains("/dev/"));
  CHECK_THAT(error_of("[amplifier]\ngpio_pin = 17\n"), Catch::Contains("unknown key 'amplifier.gpio_pin'"));
}

TEST_CASE("[hub]: what loaxa-hub station add printed, checked", "[config][hub]") {
  const std::string key(64, 'a');
  {
    TempFile file("[station]\nid = \"xa-tan-hung\"\n[hub]\nurl = \"https://hub.example:8443\"\nkey = \"" + key +
                  "\"\nca_file = \"/etc/loaxa/hub-ca.pem\"\n");
    const auto config = loaxa::load_config(file.path);
    REQUIRE(config.hub.has_value());
    CHECK(config.hub->url == "https://hub.example:8443");
    CHECK(config.hub->station_id == "xa-tan-hung");  // [station] id when not given
    CHECK(config.hub->key == key);
    CHECK(config.hub->ca_file == "/etc/loaxa/hub-ca.pem");
    CHECK(config.hub->batch_size == 500);
    CHECK(config.hub->heartbeat_seconds == 300);
    CHECK(config.hub->mandate_interval_seconds == 60);
  }
  {
    TempFile file("[hub]\nurl = \"https://hub.example\"\nkey = \"" + key + "\"\nmandate_interval = 5\n");
    CHECK(loaxa::load_config(file.path).hub->mandate_interval_seconds == 5);
  }
  CHECK_THAT(error_of("[hub]\nurl = \"https://hub.example\"\nkey = \"" + key + "\"\nmandate_interval = 0\n"),
             Catch::Contains("hub.mandate_interval"));
  CHECK_FALSE(loaxa::load_config("/nonexistent/loaxa.toml").hub.has_value());
  // Plain HTTP only to this machine.
  CHECK(error_of("[hub]\nurl = \"http://127.0.0.1:8080\"\nkey = \"" + key + "\"\n").empty());
  CHECK_THAT(error_of("[hub]\nurl = \"http://hub.example:8080\"\nkey = \"" + key + "\"\n"),
             Catch::Contains(":2: key 'hub.url'"));
  CHECK_THAT(error_of("[hub]\nurl = \"https://hub.example\"\nkey = \"ABC\"\n"), Catch::Contains("key 'hub.key'"));
  CHECK_THAT(error_of("\n[hub]\nurl = \"https://hub.example\"\n"),
             Catch::Contains(":2: section [hub] needs url and key"));
  CHECK_THAT(error_of("[hub]\nurl = \"https://h\"\nkey = \"" + key + "\"\nbatch_size = 0\n"),
             Catch::Contains("key 'hub.batch_size'"));
  CHECK_THAT(error_of("[hub]\nuri = \"https://h\"\n"), Catch::Contains("unknown key 'hub.uri'"));
}

TEST_CASE("relay sources and the monitor line: input specs, checked by name", "[config][relay][monitor]") {
  CHECK(Config{}.relay_inputs.empty());
  CHECK(Config{}.monitor_input.empty());
  {
    TempFile file(
        "[audio]\nmonitor = \"jack:system:capture_1\"\n[relay]\nlinein = \"portaudio:USB Audio\"\nvov1 = \"jack\"\n");
    const auto c = loaxa::load_config(file.path);
    CHECK(c.monitor_input == "jack:system:capture_1");
    REQUIRE(c.relay_inputs.size() == 2);
    CHECK(c.relay_inputs.at("linein") == "portaudio:USB Audio");
    CHECK(c.relay_inputs.at("vov1") == "jack");
  }
  // The commented examples in a new home's file, uncommented, are what they say.
  std::string text = loaxa::default_config_text();
  for (const char* key : {"# monitor", "# [relay]", "# linein"}) {
    const auto at = text.find(key);
    REQUIRE(at != std::string::npos);
    text.erase(at, 2);
  }
  TempFile example(text);
  const auto e = loaxa::load_config(example.path);
  CHECK(e.monitor_input == "portaudio:DEVICE");
  CHECK(e.relay_inputs.at("linein") == "portaudio:DEVICE");

  const auto bad_monitor = error_of("[audio]\nmonitor = \"file:/tmp/x.wav\"\n");
  CHECK_THAT(bad_monitor, Catch::Contains("audio.monitor") && Catch::Contains("portaudio:DEVICE"));
  const auto bad_input = error_of("[relay]\nlinein = \"alsa:hw:1\"\n");
  CHECK_THAT(bad_input, Catch::Contains("relay.linein") && Catch::Contains("jack:PORTS"));
  const auto bad_source = error_of("[relay]\n\"Line In\" = \"portaudio\"\n");
  CHECK_THAT(bad_source, Catch::Contains("Line In") && Catch::Contains("lower-case"));
  const auto not_text = error_of("[relay]\nlinein = 3\n");
  CHECK_THAT(not_text, Catch::Contains("relay.linein"));
  const auto not_table = error_of("relay = \"portaudio\"\n");
  CHECK_THAT(not_table, Catch::Contains("[relay]"));
}
