#pragma once
// The station end to end, for the tests of tests/jack: a fresh home built with the loaxa CLI,
// loaxad started as a process on a dummy JACK server, the independent recorder at
// system:playback, and the as-run log read back with `loaxa log --json`.
//
// The slots are at real instants to the second (`slot add --start`), not under LOAXA_NOW:
// LOAXA_NOW's offset is fixed inside loaxad at the millisecond its clock is built, which no
// outside witness sees, whereas a real instant is the very reference the recorder needs.
//
// Thread safety: one thread. Throws as station_process.hpp says.
#include "jack_server.hpp"
#include "onset_recorder.hpp"
#include "station_process.hpp"

#include "support/temp_dir.hpp"
#include "support/wav_writer.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace loaxa::test::e2e {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr float kThreshold = 0.01f;
constexpr std::uint32_t kQuietFrames = 48000 / 4;  // a programme's onset follows at least this silence

inline const fs::path kLoaxa = LOAXA_PATH;
inline const fs::path kTone = fs::path(LOAXA_SOURCE_DIR) / "../shared/data/segments/tone-onset-48k.wav";

// The shared tone (its first sample is its onset), else a tone written here that starts at once.
inline fs::path onset_tone(const TempDir& dir) {
  if (fs::exists(kTone)) return kTone;
  const fs::path made = dir / "tone.wav";
  loaxa::test::write_tone_wav(made, {48000, 2, 0.0, 2.0, 0.0, 1000.0, -12.0});
  return made;
}

// steady_clock's reading of a wall-clock instant, from the two clocks read side by side.
inline std::chrono::steady_clock::time_point steady_of(std::chrono::system_clock::time_point wall) {
  const auto steady_now = std::chrono::steady_clock::now();
  const auto wall_now = std::chrono::system_clock::now();
  return steady_now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(wall - wall_now);
}

// A whole second at least `ahead` from now.
inline std::chrono::sys_seconds second_after(std::chrono::milliseconds ahead) {
  return std::chrono::ceil<std::chrono::seconds>(std::chrono::system_clock::now() + ahead);
}

// The CLI and the daemon on the machine's clock, whatever LOAXA_NOW the test was run under.
inline const loaxa::test::Env kRealNow{{"LOAXA_NOW", ""}};

inline nlohmann::json log_of(const fs::path& home) {
  return nlohmann::json::parse(run_loaxa(kLoaxa, home, {"--json", "log"}, kRealNow));
}

// Polls the as-run log (up to `limit`) until `done` holds for it.
template <typename Done>
nlohmann::json wait_for_log(const fs::path& home, std::chrono::seconds limit, Done done) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    auto rows = log_of(home);
    if (done(rows) || std::chrono::steady_clock::now() > deadline) return rows;
    std::this_thread::sleep_for(200ms);
  }
}

// When the recorder heard an onset near `expected` (within a second either way).
inline std::optional<std::chrono::steady_clock::time_point> onset_near(const OnsetRecorder& recorder,
                                                                       std::chrono::steady_clock::time_point expected) {
  for (const auto onset : recorder.onsets())
    if (onset > expected - 1s && onset < expected + 1s) return onset;
  return std::nullopt;
}

inline std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Station {
  TempDir dir;
  fs::path home = dir / "home";
  fs::path err = dir / "loaxad.err";
  JackServer server;
  OnsetRecorder recorder{server.name(), kThreshold, kQuietFrames};

  // period: the JACK server's, in frames (256: the start-error tests' tight one).
  explicit Station(int period = 256) : server(period, 48000) { recorder.follow_sources_of("system:playback_1"); }

  void loaxa(const std::vector<std::string>& args) { run_loaxa(kLoaxa, home, args, kRealNow); }
  void programme_at(const std::string& name, const fs::path& wav, std::chrono::sys_seconds at) {
    loaxa({"segment", "add", wav.string(), "--category", "CDS", "--title", name, "--approve"});
    const auto id = segment_id(name);
    loaxa({"programme", "add", name, "--item", "segment:" + id});
    loaxa({"slot", "add", "--programme", name, "--start", station_local_text(at)});
  }
  std::string segment_id(const std::string& title) {
    const auto list = nlohmann::json::parse(run_loaxa(kLoaxa, home, {"--json", "segment", "list"}, kRealNow));
    for (const auto& segment : list)
      if (segment.at("title") == title) return std::to_string(segment.at("id").get<long long>());
    throw std::runtime_error("no segment " + title);
  }
  std::unique_ptr<ChildProcess> start_loaxad(const std::string& output = "portaudio:system") {
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{LOAXAD_PATH, "--home", home.string(), "--output", output},
        loaxa::test::Env{{"JACK_DEFAULT_SERVER", server.name()}, {"LANG", "en_US.UTF-8"}, {"LOAXA_NOW", ""}}, err);
  }
};

}  // namespace loaxa::test::e2e
