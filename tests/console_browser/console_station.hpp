#pragma once
// A station as its operator runs it, for the console's browser tests and benchmark: a fresh
// home in a temporary folder, the `loaxa` CLI run to completion, and a real `loaxad` (null
// output) whose console listens on a port the system picks ([console] listen =
// "127.0.0.1:0"); the URL is read from the line loaxad logs. LOAXA_NOW is fixed (Wednesday
// 24 March 2027, 09:00 at the station), so nothing depends on today; it advances in real
// time from there, and the null output plays in real time.
//
// Thread safety: one thread. Throws std::runtime_error when a program cannot be started, a
// CLI command that must succeed fails (with its stderr), or the console never comes up.

#include "station_process.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::test {

inline constexpr const char* kFixedNow = "2027-03-24T09:00";

// The paths of the programs under test (LOAXA_BINARY_DIR/bin, or $LOAXA_BIN_DIR).
std::filesystem::path loaxa_path();
std::filesystem::path loaxad_path();

class ConsoleStation {
 public:
  // `time_zone`: the [station] time_zone to write into loaxa.toml (empty: the default).
  // `now`: LOAXA_NOW for the CLI and loaxad (empty: the real clock, for benchmarks that
  // time real instants).
  explicit ConsoleStation(const std::string& time_zone = "", const std::string& now = kFixedNow);
  ~ConsoleStation();
  ConsoleStation(const ConsoleStation&) = delete;
  ConsoleStation& operator=(const ConsoleStation&) = delete;

  const std::filesystem::path& home() const noexcept { return home_; }
  // A file in the temporary folder beside the home (profiles, test files).
  std::filesystem::path scratch(const std::string& name) const;

  // `loaxa --home HOME --lang en ARGS…` with LOAXA_NOW; its exit code and output.
  ToolRun run(const std::vector<std::string>& args) const;
  // The same; throws when it exits non-zero. `--json` is put first: the parsed output.
  std::string must_run(const std::vector<std::string>& args) const;
  nlohmann::json json(const std::vector<std::string>& args) const;

  // `loaxa user add NAME --role ROLE`, the password twice on standard input.
  void add_user(const std::string& name, const std::string& password, const std::string& role) const;
  // `loaxa segment add FILE --category CATEGORY [--approve]`; the new segment's ID.
  std::int64_t add_segment(const std::filesystem::path& file, const std::string& category, bool approve) const;

  // Starts loaxad (`--output OUTPUT`, `extra` added to its environment) and waits (up to
  // 30 s) for its console's URL.
  void start(const std::string& output = "null", const Env& extra = {});
  // SIGTERM and wait; the exit status (WIFEXITED…), or -1 when it was not running.
  int stop();
  const std::string& url() const noexcept { return url_; }
  unsigned short port() const noexcept { return port_; }
  // What loaxad has written to its stderr so far.
  std::string daemon_log() const;

 private:
  Env env() const;
  std::string now_;
  TempDir dir_;
  std::filesystem::path home_;
  std::unique_ptr<ChildProcess> daemon_;
  std::string url_;
  unsigned short port_ = 0;
};

// A short tone as a WAV file (`seconds` long, 48 kHz mono, -20 dBFS): audio that imports.
void write_test_tone(const std::filesystem::path& file, double seconds);

}  // namespace loaxa::test
