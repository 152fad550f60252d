// Emergency latency at the sink: `loaxa emergency 1` asked of a loaxad playing through
// PortAudio into a dummy JACK server, TRIES times; between them the peer, a plain
// `mpg123 -o jack` launched the moment it is wanted, plays the same tone. One independent
// recorder (tests/jack's OnsetRecorder) times every onset. Each latency is the onset at the
// sink minus the instant the command was launched, minus the place of the first loud frame
// in what the player plays (so both are timed to their first sample). The amplifier has no
// switch here: its lead is excluded, as the issue asks.
//
// Usage: bench_emergency LOAXA LOAXAD TONE.wav TONE.mp3 PERIOD TRIES SPACING_S
// Prints one line per try, then a summary line per player (parsed by ./run).
#include "jack_server.hpp"
#include "onset_math.hpp"
#include "onset_recorder.hpp"
#include "onset_segment.hpp"
#include "station_process.hpp"

#include <signal.h>
#include <stdlib.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono;
using namespace std::chrono_literals;
using loaxa::test::ChildProcess;
using loaxa::test::Env;
namespace fs = std::filesystem;

namespace {

constexpr float kThreshold = 0.01f;
constexpr int kRate = 48000;
constexpr std::uint32_t kQuietFrames = kRate / 4;

void print_summary(const char* who, int period, const loaxa::test::ErrorStats& s, std::size_t wanted) {
  std::printf("summary who=%s period=%d heard=%zu/%zu p50_ms=%.1f p99_ms=%.1f max_ms=%.1f mean_ms=%.1f min_ms=%.1f\n",
              who, period, s.n, wanted, s.p50, s.p99, s.max, s.mean, s.min_signed);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 8) {
    std::fprintf(stderr, "usage: %s LOAXA LOAXAD TONE.wav TONE.mp3 PERIOD TRIES SPACING_S\n", argv[0]);
    return 2;
  }
  const fs::path loaxa = argv[1], loaxad = argv[2], wav = argv[3], mp3 = argv[4];
  const int period = std::atoi(argv[5]);
  const int tries = std::atoi(argv[6]);
  const seconds spacing{std::atoi(argv[7])};
  try {
    std::string dir_template = (fs::temp_directory_path() / "loaxa-emergency-XXXXXX").string();
    if (mkdtemp(dir_template.data()) == nullptr) throw std::runtime_error("mkdtemp");
    const fs::path dir = dir_template;
    const fs::path home = dir / "home";

    const auto leads = loaxa::test::import_onset(loaxa, home, wav, mp3, dir, kRate, kThreshold);
    const std::int64_t loaxad_lead = leads.loaxad_frames;
    const std::int64_t peer_lead = leads.mpg123_frames;

    const char* realtime = std::getenv("REALTIME");
    loaxa::test::JackServer server(period, kRate, realtime == nullptr || std::string(realtime) != "0");
    loaxa::test::OnsetRecorder recorder(server.name(), kThreshold, kQuietFrames);
    recorder.follow_sources_of("system:playback_1");
    const Env jack{{"JACK_DEFAULT_SERVER", server.name()}, {"LOAXA_NOW", ""}, {"LANG", "en_US.UTF-8"}};
    ChildProcess daemon({loaxad.string(), "--home", home.string(), "--output", "portaudio:system"}, jack,
                        dir / "loaxad.err");
    // Up when its socket answers.
    for (int i = 0;
         loaxa::test::run_tool({loaxa.string(), "--home", home.string(), "status"}, jack).out.find("loaxad 0") ==
         std::string::npos;
         ++i) {
      if (i > 100) throw std::runtime_error("loaxad did not answer on its socket");
      std::this_thread::sleep_for(100ms);
    }

    std::vector<steady_clock::time_point> asked, launched;
    std::vector<std::unique_ptr<ChildProcess>> players;
    for (int k = 0; k < tries; ++k) {
      const auto t0 = steady_clock::now();
      asked.push_back(t0);
      const auto run = loaxa::test::run_tool({loaxa.string(), "--home", home.string(), "emergency", "1"}, jack);
      if (run.exit_code != 0) throw std::runtime_error("loaxa emergency: " + run.err);
      std::this_thread::sleep_until(t0 + spacing / 2);
      launched.push_back(steady_clock::now());
      players.push_back(std::make_unique<ChildProcess>(
          std::vector<std::string>{"/usr/bin/mpg123", "-q", "-o", "jack", mp3.string()}, jack, dir / "mpg123.err"));
      std::this_thread::sleep_until(t0 + spacing);
    }
    for (auto& p : players) p->wait();
    daemon.signal(SIGTERM);
    daemon.wait();

    const auto onsets = recorder.onsets();
    const auto lead_of = [](std::int64_t frames) { return nanoseconds(frames * 1'000'000'000 / kRate); };
    const auto latency_ms = [&](steady_clock::time_point at, std::int64_t lead) -> std::optional<double> {
      for (const auto onset : onsets)
        if (onset > at && onset < at + 2s)
          return static_cast<double>(duration_cast<microseconds>(onset - at - lead_of(lead)).count()) / 1e3;
      return std::nullopt;
    };
    std::vector<double> ours, peer;
    for (std::size_t k = 0; k < asked.size(); ++k) {
      const auto a = latency_ms(asked[k], loaxad_lead);
      const auto b = latency_ms(launched[k], peer_lead);
      if (a) ours.push_back(*a);
      if (b) peer.push_back(*b);
      std::printf("try %2zu period=%d loaxa_emergency_ms=%s mpg123_ms=%s\n", k, period,
                  a ? std::to_string(*a).c_str() : "missed", b ? std::to_string(*b).c_str() : "missed");
    }
    print_summary("loaxad", period, loaxa::test::error_stats(ours), asked.size());
    print_summary("mpg123", period, loaxa::test::error_stats(peer), asked.size());
    if (ours.size() != asked.size()) {
      std::fprintf(stderr, "emergencies not heard; loaxad's log: %s\n", (dir / "loaxad.err").c_str());
      return 1;
    }
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_emergency: %s\n", e.what());
    return 1;
  }
}
