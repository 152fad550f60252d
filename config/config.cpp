#include "config/config.hpp"

#include "common/atomic_file.hpp"
#include "common/i18n.hpp"
#include "web/listen_address.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <functional>
#include <map>
#include <regex>

namespace loaxa {
namespace {

std::string where(const std::filesystem::path& file, const toml::source_region& region) {
  return fmt::format("{}:{}", file.string(), region.begin.line);
}

[[noreturn]] void fail(const std::filesystem::path& file, const toml::node& node, std::string_view key,
                       const std::string& reason) {
  throw ConfigError(trf("{}: key '{}': {}", where(file, node.source()), key, reason));
}

double number_in(const std::filesystem::path& file, const toml::node& node, std::string_view key, double low,
                 double high) {
  auto value = node.value<double>();  // integers convert too
  if (!value || !std::isfinite(*value)) fail(file, node, key, tr("must be a number"));
  if (*value < low || *value > high) {
    fail(file, node, key, trf("must be between {} and {}, not {}", low, high, *value));
  }
  return *value;
}

int integer_in(const std::filesystem::path& file, const toml::node& node, std::string_view key, int low, int high) {
  if (!node.is_integer()) fail(file, node, key, tr("must be a whole number"));
  auto value = *node.value<std::int64_t>();
  if (value < low || value > high) fail(file, node, key, trf("must be between {} and {}, not {}", low, high, value));
  return static_cast<int>(value);
}

std::string text(const std::filesystem::path& file, const toml::node& node, std::string_view key) {
  if (!node.is_string()) fail(file, node, key, tr("must be text in double quotes"));
  auto value = *node.value<std::string>();
  if (value.empty()) fail(file, node, key, tr("must not be empty"));
  return value;
}

// A command as an argv array of non-empty strings; the first is the program.
std::vector<std::string> command(const std::filesystem::path& file, const toml::node& node, std::string_view key) {
  const toml::array* array = node.as_array();
  if (array == nullptr || array->empty()) {
    fail(file, node, key, tr("must be a command as a list of words, e.g. [\"/usr/local/bin/amp\", \"on\"]"));
  }
  std::vector<std::string> argv;
  for (const toml::node& word : *array) {
    if (!word.is_string() || word.value<std::string>()->empty()) {
      fail(file, node, key, tr("each word of the command must be non-empty text in double quotes"));
    }
    argv.push_back(*word.value<std::string>());
  }
  return argv;
}

bool boolean(const std::filesystem::path& file, const toml::node& node, std::string_view key) {
  if (!node.is_boolean()) fail(file, node, key, tr("must be true or false"));
  return *node.value<bool>();
}

// What libgpiod's gpiod_chip_open_lookup() finds a chip by: its name ("gpiochip0"), number,
// label, or device path. A path elsewhere than /dev/ is a mistake, not a chip.
std::string gpio_chip(const std::filesystem::path& file, const toml::node& node, std::string_view key) {
  std::string chip = text(file, node, key);
  if (chip.front() == '/' && chip.rfind("/dev/", 0) != 0) {
    fail(file, node, key, tr("use the chip's name (e.g. \"gpiochip0\"), its label, or its path under /dev/"));
  }
  return chip;
}

// A line by its offset on the chip (as gpioinfo numbers it) or by its name.
std::variant<unsigned int, std::string> gpio_line(const std::filesystem::path& file, const toml::node& node,
                                                  std::string_view key) {
  if (node.is_integer()) return static_cast<unsigned int>(integer_in(file, node, key, 0, 65535));
  if (node.is_string() && !node.value<std::string>()->empty()) return *node.value<std::string>();
  fail(file, node, key,
       tr("must be the line's offset on the chip (a whole number, e.g. 17) or its name in double quotes"));
}

// The shape of an output spec; audio::parse_output_spec() reads it in the daemon.
bool output_spec_shape(const std::string& spec) {
  static const std::regex shape(R"(null|portaudio(:.+)?|jack(:.+)?|file:.+)");
  return std::regex_match(spec, shape);
}

// The shape of an input spec (a relay's source, the monitor line); audio::parse_input_spec()
// reads it in the daemon.
bool input_spec_shape(const std::string& spec) {
  static const std::regex shape(R"(portaudio(:.+)?|jack(:.+)?)");
  return std::regex_match(spec, shape);
}

std::string input_spec(const std::filesystem::path& file, const toml::node& node, std::string_view key) {
  std::string spec = text(file, node, key);
  if (!input_spec_shape(spec))
    fail(file, node, key, tr("use \"portaudio\", \"portaudio:DEVICE\", \"jack\" or \"jack:PORTS\""));
  return spec;
}

// IANA names only; the zone database is the system's, so the name must exist there.
bool known_time_zone(const std::string& name) {
  static const std::regex shape(R"([A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*)");
  if (!std::regex_match(name, shape)) return false;
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / name, ec);
}

// "https://host[:port]" with an optional "/"; "http://" only to a loopback host, where no
// one else can listen in (tests, a TLS proxy on the same machine).
bool hub_url_shape(const std::string& url) {
  static const std::regex shape(R"((https?)://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:[0-9]{1,5})?/?)");
  std::smatch m;
  if (!std::regex_match(url, m, shape)) return false;
  if (m[1] == "https") return true;
  const std::string host = m[2];
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

using KeyReader = std::function<void(const toml::node&, std::string_view key)>;

// [amplifier] is switched by commands or by a GPIO line, not both (which would the operator
// expect to win?), and a GPIO line needs its chip and its line. Names the keys and the line.
void check_amplifier_switch(const std::filesystem::path& file, const toml::table& root) {
  const toml::table* amplifier = root["amplifier"].as_table();
  if (amplifier == nullptr) return;
  auto first_of = [&](std::initializer_list<const char*> keys) -> const char* {
    for (const char* key : keys) {
      if (amplifier->contains(key)) return key;
    }
    return nullptr;
  };
  const char* command_key = first_of({"amp_on", "amp_off"});
  const char* gpio_key = first_of({"gpio_chip", "gpio_line", "gpio_active_low"});
  if (gpio_key == nullptr) return;
  const toml::source_region& at = amplifier->get(gpio_key)->source();
  if (command_key != nullptr) {
    throw ConfigError(
        trf("{}: [amplifier] has both '{}' and '{}': switch the amplifier by commands (amp_on, amp_off) "
            "or by a GPIO line (gpio_chip, gpio_line), not both",
            where(file, at), std::string("amplifier.") + command_key, std::string("amplifier.") + gpio_key));
  }
  for (const char* needed : {"gpio_chip", "gpio_line"}) {
    if (!amplifier->contains(needed)) {
      throw ConfigError(trf("{}: [amplifier] has '{}' but not '{}': a GPIO line needs both gpio_chip and gpio_line",
                            where(file, at), std::string("amplifier.") + gpio_key, std::string("amplifier.") + needed));
    }
  }
}

}  // namespace

// The console beyond this machine carries passwords: HTTPS (both files), or plain HTTP only
// when the operator says so.
static void check_console(const std::filesystem::path& file, const toml::table& root, const ConsoleConfig& console) {
  const auto* table = root["console"].as_table();
  if (table == nullptr) return;
  if (console.tls_cert.empty() != console.tls_key.empty()) {
    throw ConfigError(trf("{}: section [console] needs both tls_cert and tls_key for HTTPS, or neither",
                          where(file, table->source())));
  }
  const auto listen = web::split_listen(console.listen);
  if (listen && !web::is_loopback_address(listen->first) && console.tls_cert.empty() && !console.allow_plain) {
    throw ConfigError(
        trf("{}: [console] listen = \"{}\" opens the console to the network: give tls_cert and tls_key "
            "(HTTPS), or set allow_plain = true behind a proxy of your own",
            where(file, table->source()), console.listen));
  }
}

Config load_config(const std::filesystem::path& file) {
  Config config;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return config;

  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw ConfigError(trf("{}: not valid TOML: {}", where(file, e.source()), e.description()));
  }

  const std::filesystem::path& f = file;
  std::optional<std::string> amp_gpio_chip;
  std::optional<std::variant<unsigned int, std::string>> amp_gpio_line;
  std::optional<bool> amp_gpio_active_low;
  auto hub = [&]() -> HubConfig& {
    if (!config.hub) config.hub.emplace();
    return *config.hub;
  };
  std::map<std::string, std::map<std::string, KeyReader>> sections{
      {"relay", {}},  // read below: its keys are the relay sources
      {"station",
       {{"id",
         [&](const toml::node& n, std::string_view k) {
           config.station_id = text(f, n, k);
           static const std::regex id_shape("[a-z0-9][a-z0-9-]{0,63}");
           if (!std::regex_match(config.station_id, id_shape)) {
             fail(f, n, k, tr("use only lower-case letters a-z, digits and '-', e.g. \"xa-tan-hung\""));
           }
         }},
        {"name", [&](const toml::node& n, std::string_view k) { config.station_name = text(f, n, k); }},
        {"time_zone",
         [&](const toml::node& n, std::string_view k) {
           config.time_zone = text(f, n, k);
           if (!known_time_zone(config.time_zone)) {
             fail(f, n, k, trf("unknown time zone '{}' (e.g. \"Asia/Ho_Chi_Minh\")", config.time_zone));
           }
         }}}},
      {"audio",
       {{"loudness_target_lufs",
         [&](const toml::node& n, std::string_view k) { config.loudness_target_lufs = number_in(f, n, k, -40, -5); }},
        {"true_peak_ceiling_dbtp",
         [&](const toml::node& n, std::string_view k) { config.true_peak_ceiling_dbtp = number_in(f, n, k, -10, 0); }},
        {"silence_threshold_dbfs",
         [&](const toml::node& n, std::string_view k) {
           config.silence_threshold_dbfs = number_in(f, n, k, -90, -20);
         }},
        {"output",
         [&](const toml::node& n, std::string_view k) {
           config.audio_output = text(f, n, k);
           if (!output_spec_shape(config.audio_output)) {
             fail(f, n, k,
                  tr("use \"null\", \"portaudio\", \"portaudio:DEVICE\", \"jack\", \"jack:PORTS\" or \"file:PATH\""));
           }
         }},
        {"monitor", [&](const toml::node& n, std::string_view k) { config.monitor_input = input_spec(f, n, k); }}}},
      {"schedule",
       {{"max_session_minutes",
         [&](const toml::node& n, std::string_view k) {
           config.max_session_minutes = integer_in(f, n, k, 1, 24 * 60);
         }},
        {"max_wait_minutes",
         [&](const toml::node& n, std::string_view k) { config.max_wait_minutes = integer_in(f, n, k, 0, 24 * 60); }}}},
      {"amplifier",
       {{"amp_on", [&](const toml::node& n, std::string_view k) { config.amp_on = command(f, n, k); }},
        {"amp_off", [&](const toml::node& n, std::string_view k) { config.amp_off = command(f, n, k); }},
        {"gpio_chip", [&](const toml::node& n, std::string_view k) { amp_gpio_chip = gpio_chip(f, n, k); }},
        {"gpio_line", [&](const toml::node& n, std::string_view k) { amp_gpio_line = gpio_line(f, n, k); }},
        {"gpio_active_low", [&](const toml::node& n, std::string_view k) { amp_gpio_active_low = boolean(f, n, k); }},
        {"lead",
         [&](const toml::node& n, std::string_view k) { config.amp_lead_seconds = integer_in(f, n, k, 0, 600); }},
        {"tail",
         [&](const toml::node& n, std::string_view k) { config.amp_tail_seconds = integer_in(f, n, k, 0, 600); }}}},
      {"hub",
       {{"url",
         [&](const toml::node& n, std::string_view k) {
           hub().url = text(f, n, k);
           if (!hub_url_shape(hub().url)) {
             fail(f, n, k, tr("use \"https://HOST:PORT\" (\"http://\" only to 127.0.0.1 or localhost)"));
           }
         }},
        {"station_id", [&](const toml::node& n, std::string_view k) { hub().station_id = text(f, n, k); }},
        {"key",
         [&](const toml::node& n, std::string_view k) {
           hub().key = text(f, n, k);
           static const std::regex key_shape("[0-9a-f]{64}");
           if (!std::regex_match(hub().key, key_shape)) {
             fail(f, n, k, tr("must be the 64 lower-case hex characters loaxa-hub station add printed"));
           }
         }},
        {"ca_file", [&](const toml::node& n, std::string_view k) { hub().ca_file = text(f, n, k); }},
        {"batch_size",
         [&](const toml::node& n, std::string_view k) { hub().batch_size = integer_in(f, n, k, 1, 5000); }},
        {"interval",
         [&](const toml::node& n, std::string_view k) { hub().interval_seconds = integer_in(f, n, k, 1, 86400); }},
        {"heartbeat",
         [&](const toml::node& n, std::string_view k) { hub().heartbeat_seconds = integer_in(f, n, k, 10, 86400); }},
        {"mandate_interval",
         [&](const toml::node& n, std::string_view k) {
           hub().mandate_interval_seconds = integer_in(f, n, k, 1, 86400);
         }}}},
      {"console",
       {{"enabled", [&](const toml::node& n, std::string_view k) { config.console.enabled = boolean(f, n, k); }},
        {"listen",
         [&](const toml::node& n, std::string_view k) {
           config.console.listen = text(f, n, k);
           if (!web::split_listen(config.console.listen)) {
             fail(f, n, k, tr("use ADDRESS:PORT, e.g. \"127.0.0.1:8080\" or \"0.0.0.0:8443\""));
           }
         }},
        {"tls_cert", [&](const toml::node& n, std::string_view k) { config.console.tls_cert = text(f, n, k); }},
        {"tls_key", [&](const toml::node& n, std::string_view k) { config.console.tls_key = text(f, n, k); }},
        {"allow_plain",
         [&](const toml::node& n, std::string_view k) { config.console.allow_plain = boolean(f, n, k); }},
        {"max_upload_mb", [&](const toml::node& n,
                              std::string_view k) { config.console.max_upload_mb = integer_in(f, n, k, 1, 2048); }}}},
  };

  for (auto&& [section_key, section_node] : root) {
    std::string section_name(section_key.str());
    auto section = sections.find(section_name);
    if (section == sections.end()) {
      throw ConfigError(trf("{}: unknown section or key '{}'", where(file, section_key.source()), section_name));
    }
    const toml::table* table = section_node.as_table();
    if (table == nullptr) {
      throw ConfigError(
          trf("{}: '{}' must be a section [{}]", where(file, section_key.source()), section_name, section_name));
    }
    if (section_name == "relay") {
      // Its keys are the sources programmes name (relay:linein:10m), not fixed words.
      static const std::regex source_shape("[a-z0-9][a-z0-9_-]{0,31}");
      for (auto&& [key, node] : *table) {
        const std::string source(key.str());
        if (!std::regex_match(source, source_shape)) {
          throw ConfigError(trf("{}: relay source '{}': use lower-case letters a-z, digits, '-' and '_' (e.g. linein)",
                                where(file, key.source()), source));
        }
        config.relay_inputs[source] = input_spec(f, node, "relay." + source);
      }
      continue;
    }
    for (auto&& [key, node] : *table) {
      std::string key_name(key.str());
      auto reader = section->second.find(key_name);
      std::string full = section_name + "." + key_name;
      if (reader == section->second.end()) {
        throw ConfigError(trf("{}: unknown key '{}'", where(file, key.source()), full));
      }
      reader->second(node, full);
    }
  }
  if (config.hub && (config.hub->url.empty() || config.hub->key.empty())) {
    const auto* table = root["hub"].as_table();
    throw ConfigError(trf("{}: section [hub] needs url and key (the lines loaxa-hub station add printed)",
                          where(file, table->source())));
  }
  if (config.hub && config.hub->station_id.empty()) config.hub->station_id = config.station_id;
  check_amplifier_switch(file, root);
  check_console(file, root, config.console);
  if (amp_gpio_chip)
    config.amp_gpio = AmplifierGpio{*amp_gpio_chip, *amp_gpio_line, amp_gpio_active_low.value_or(false)};
  return config;
}

std::string default_config_text() {
  Config d;
  return fmt::format(
      "# loaxa station settings. Edit, then restart the service.\n"
      "\n"
      "[station]\n"
      "id = \"{}\"          # short code the district knows this station by\n"
      "name = \"{}\"\n"
      "time_zone = \"{}\"\n"
      "\n"
      "[audio]\n"
      "loudness_target_lufs = {:.1f}    # segments are played at this loudness\n"
      "true_peak_ceiling_dbtp = {:.1f}\n"
      "silence_threshold_dbfs = {:.1f}  # quieter than this at the ends is trimmed\n"
      "output = \"{}\"                 # where loaxad plays: \"null\" (nowhere), \"portaudio\", \"portaudio:DEVICE\", "
      "\"jack\", \"file:PATH\"\n"
      "# monitor = \"portaudio:DEVICE\"  # a line from the amplifier's output: each play is checked as heard\n"
      "\n"
      "# [relay]   # where each relay source of a programme (relay:SOURCE:DURATION) is captured from\n"
      "# linein = \"portaudio:DEVICE\"   # or \"jack:PORTS\"\n"
      "\n"
      "[schedule]\n"
      "max_session_minutes = {}   # longest programme allowed\n"
      "max_wait_minutes = {}      # an occurrence delayed longer than this is dropped\n"
      "\n"
      "[amplifier]\n"
      "# amp_on = [\"/usr/local/bin/amp\", \"on\"]    # run without a shell; none: nothing is run\n"
      "# amp_off = [\"/usr/local/bin/amp\", \"off\"]\n"
      "# or, instead of the commands, a GPIO line driving the amplifier's relay (see gpioinfo):\n"
      "# gpio_chip = \"gpiochip0\"      # the chip's name, label, or path under /dev/\n"
      "# gpio_line = 17               # the line's offset on the chip, or its name: \"AMP_RELAY\"\n"
      "# gpio_active_low = false      # true: the relay switches the amplifier on when the line is low\n"
      "lead = {}    # seconds on before a programme\n"
      "tail = {}    # seconds on after it\n"
      "\n"
      "[console]   # the operator's web page: open http://127.0.0.1:8080 on this PC\n"
      "enabled = true\n"
      "listen = \"127.0.0.1:8080\"   # another address (the commune's network) needs tls_cert and tls_key\n"
      "# tls_cert = \"/etc/loaxa/console.pem\"\n"
      "# tls_key = \"/etc/loaxa/console.key\"\n"
      "max_upload_mb = 200          # the largest audio file an upload may carry\n"
      "\n"
      "# [hub]   # the district hub the as-run log is sent to: paste what loaxa-hub station add printed\n"
      "# url = \"https://hub.example:8443\"\n"
      "# station_id = \"xa-moi\"\n"
      "# key = \"…\"\n"
      "# ca_file = \"/etc/loaxa/hub-ca.pem\"\n",
      d.station_id, d.station_name, d.time_zone, d.loudness_target_lufs, d.true_peak_ceiling_dbtp,
      d.silence_threshold_dbfs, d.audio_output, d.max_session_minutes, d.max_wait_minutes, d.amp_lead_seconds,
      d.amp_tail_seconds);
}

void write_default_config(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return;
  try {
    write_file_atomically(file, default_config_text());
  } catch (const std::system_error& e) {
    throw ConfigError(trf("Cannot write {}: {}", file.string(), e.code().message()));
  }
}

}  // namespace loaxa
