#pragma once
// loaxa.toml: the station's settings. A missing file means the defaults below; a present
// file is checked strictly, because a typo in a key would otherwise be silently ignored on
// a machine nobody watches.

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace loaxa {

// [hub]: where the station sends its as-run log (docs/SYNC.md). Absent: no sync.
struct HubConfig {
  std::string url;            // "https://HOST[:PORT]"; "http://" only to a loopback host
  std::string station_id;     // as the hub knows the station; empty: [station] id
  std::string key;            // the station's secret, 64 lowercase hex (loaxa-hub station add)
  std::string ca_file;        // PEM the hub's certificate is checked against; empty: the system's
  int batch_size = 500;       // plays per request
  int interval_seconds = 60;  // how often the outbox is looked at when nothing else wakes it
  int heartbeat_seconds = 300;
  int mandate_interval_seconds = 60;  // how often the district's bulletins are asked for (docs/MANDATES.md)
};

// [amplifier] gpio_*: the GPIO line a relay board switches the amplifier by (libgpiod).
struct AmplifierGpio {
  std::string chip;                              // "gpiochip0", the chip's label, or its path under /dev/
  std::variant<unsigned int, std::string> line;  // the line's offset on the chip, or its name
  bool active_low = false;                       // on is the line low (a relay wired to close on 0)
};

// [console]: the operator's web page, served by loaxad (docs/CONSOLE.md). On the machine
// itself by default; on the commune's network only with HTTPS (a certificate and its key) or
// with allow_plain, when the operator puts it behind a proxy of their own.
struct ConsoleConfig {
  bool enabled = true;
  std::string listen = "127.0.0.1:8080";
  std::string tls_cert;  // PEM; with tls_key: HTTPS
  std::string tls_key;
  bool allow_plain = false;
  int max_upload_mb = 200;  // the largest audio file an upload may carry
};

struct Config {
  // [station]
  std::string station_id = "xa-moi";
  std::string station_name = "Đài truyền thanh xã";
  std::string time_zone = "Asia/Ho_Chi_Minh";
  // [audio]
  double loudness_target_lufs = -16.0;
  double true_peak_ceiling_dbtp = -1.0;
  double silence_threshold_dbfs = -50.0;
  // Where the daemon plays: "null", "file:PATH", "portaudio[:DEVICE]" (audio/output_spec.hpp).
  std::string audio_output = "null";
  // A line from the amplifier's output (or a receiver) compared with every play to prove it
  // was heard: "portaudio[:DEVICE]" or "jack[:PORTS]" (audio/input_spec.hpp); empty: none.
  std::string monitor_input;
  // [relay]: where each relay source (relay:SOURCE:DURATION in a programme) is captured
  // from, e.g. linein = "portaudio:USB Audio"; the same forms as the monitor.
  std::map<std::string, std::string> relay_inputs;
  // [schedule]
  int max_session_minutes = 45;  // local rules cap a session (15 in town, 45 rural)
  int max_wait_minutes = 10;     // an occurrence delayed longer than this is dropped
  // [amplifier]: either commands (argv, run without a shell) that switch the amplifier on
  // and off, or a GPIO line; never both. Neither: nothing is switched.
  std::vector<std::string> amp_on;
  std::vector<std::string> amp_off;
  std::optional<AmplifierGpio> amp_gpio;
  int amp_lead_seconds = 20;  // on this long before a programme
  int amp_tail_seconds = 10;  // off this long after it
  std::optional<HubConfig> hub;
  ConsoleConfig console;
};

// Names the file, line and key, and says what is wrong (an operator message).
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the file, or returns the defaults when it does not exist. Throws ConfigError.
Config load_config(const std::filesystem::path& file);

// The commented default file written into a new home.
std::string default_config_text();

// Writes default_config_text() to `file` if it does not exist (atomically: temp + rename).
void write_default_config(const std::filesystem::path& file);

}  // namespace loaxa
