#include "console_station.hpp"

#include "support/wav_writer.hpp"

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <csignal>
#include <cstdlib>

namespace loaxa::test {
namespace {

std::filesystem::path bin_dir() {
  if (const char* given = std::getenv("LOAXA_BIN_DIR"); given != nullptr && *given != '\0') return given;
  return std::filesystem::path(LOAXA_BINARY_DIR) / "bin";
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

// Replaces the first line of loaxa.toml that starts with `key =` after `[section]`.
std::string with_setting(std::string toml, const std::string& section, const std::string& key,
                         const std::string& value) {
  const auto at = toml.find("[" + section + "]");
  if (at == std::string::npos) throw std::runtime_error("loaxa.toml has no [" + section + "]");
  const auto line = toml.find("\n" + key + " =", at);
  if (line == std::string::npos) throw std::runtime_error("loaxa.toml has no " + section + "." + key);
  const auto end = toml.find('\n', line + 1);
  return toml.replace(line + 1, end - line - 1, key + " = " + value);
}

}  // namespace

std::filesystem::path loaxa_path() {
  return bin_dir() / "loaxa";
}

std::filesystem::path loaxad_path() {
  return bin_dir() / "loaxad";
}

void write_test_tone(const std::filesystem::path& file, double seconds) {
  ToneSpec tone;
  tone.tone_s = seconds;
  write_tone_wav(file, tone);
}

ConsoleStation::ConsoleStation(const std::string& time_zone, const std::string& now)
    : now_(now), home_(dir_.path() / "home") {
  // The first command makes the home with the default loaxa.toml; then the console's port is
  // the system's choice, so suites never collide on 8080.
  must_run({"category", "list"});
  const auto config = home_ / "loaxa.toml";
  auto toml = with_setting(read_text(config), "console", "listen", "\"127.0.0.1:0\"");
  if (!time_zone.empty()) toml = with_setting(toml, "station", "time_zone", "\"" + time_zone + "\"");
  write_text(config, toml);
}

ConsoleStation::~ConsoleStation() {
  stop();
}

std::filesystem::path ConsoleStation::scratch(const std::string& name) const {
  return dir_.path() / name;
}

Env ConsoleStation::env() const {
  return {{"LOAXA_NOW", now_}, {"LANG", "en_US.UTF-8"}, {"LOAXA_HOME", ""}};
}

ToolRun ConsoleStation::run(const std::vector<std::string>& args) const {
  std::vector<std::string> argv{loaxa_path().string(), "--home", home_.string(), "--lang", "en"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_tool(argv, env());
}

std::string ConsoleStation::must_run(const std::vector<std::string>& args) const {
  const auto result = run(args);
  if (result.exit_code != 0) {
    std::string command = "loaxa";
    for (const auto& arg : args) command += " " + arg;
    throw std::runtime_error(command + " failed (" + std::to_string(result.exit_code) + "): " + result.err);
  }
  return result.out;
}

nlohmann::json ConsoleStation::json(const std::vector<std::string>& args) const {
  std::vector<std::string> with_json{"--json"};
  with_json.insert(with_json.end(), args.begin(), args.end());
  return nlohmann::json::parse(must_run(with_json));
}

void ConsoleStation::add_user(const std::string& name, const std::string& password, const std::string& role) const {
  auto environment = env();
  environment["PW"] = password;
  const auto result =
      run_tool({"/bin/sh", "-c", "printf '%s\\n%s\\n' \"$PW\" \"$PW\" | \"$@\"", "sh", loaxa_path().string(), "--home",
                home_.string(), "--lang", "en", "user", "add", name, "--role", role},
               environment);
  if (result.exit_code != 0) throw std::runtime_error("loaxa user add " + name + " failed: " + result.err);
}

std::int64_t ConsoleStation::add_segment(const std::filesystem::path& file, const std::string& category,
                                         bool approve) const {
  std::vector<std::string> args{"segment", "add", file.string(), "--category", category};
  if (approve) args.push_back("--approve");
  must_run(args);
  std::int64_t newest = 0;
  for (const auto& segment : json({"segment", "list"})) newest = std::max(newest, segment.at("id").get<std::int64_t>());
  if (newest == 0) throw std::runtime_error("loaxa segment add listed no segment");
  return newest;
}

void ConsoleStation::start(const std::string& output, const Env& extra) {
  const auto log = scratch("loaxad.err");
  std::filesystem::remove(log);  // a URL from an earlier start is not this one's
  auto environment = env();
  for (const auto& [key, value] : extra) environment[key] = value;
  daemon_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{loaxad_path().string(), "--home", home_.string(), "--output", output}, environment, log);
  // "… the console is at http://127.0.0.1:PORT"
  const std::regex at(R"(http://127\.0\.0\.1:([0-9]+))");
  for (int i = 0; i < 300; ++i) {
    std::smatch found;
    const auto text = read_text(log);
    if (std::regex_search(text, found, at)) {
      port_ = static_cast<unsigned short>(std::stoi(found[1].str()));
      url_ = "http://127.0.0.1:" + found[1].str();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw std::runtime_error("loaxad's console did not come up; its log:\n" + read_text(log));
}

int ConsoleStation::stop() {
  if (!daemon_ || !daemon_->running()) return -1;
  daemon_->signal(SIGTERM);
  const int status = daemon_->wait();
  daemon_.reset();
  return status;
}

std::string ConsoleStation::daemon_log() const {
  return read_text(scratch("loaxad.err"));
}

}  // namespace loaxa::test
