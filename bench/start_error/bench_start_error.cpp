// Start error at the sink: loaxad plays N one-off slots through PortAudio into a dummy JACK
// server, and in the gaps between them a cron-style peer — a timer that launches
// `mpg123 -o jack` at its instant — plays the same tone; one independent recorder
// (tests/jack's OnsetRecorder: the JACK graph's cycle time plus system:playback's latency)
// times every onset. Each error is the onset at the sink minus the instant its first loud
// frame was due: the scheduled instant plus that frame's place in what the player plays.
//
// Usage: bench_start_error LOAXA LOAXAD TONE.wav TONE.mp3 PERIOD STARTS SPACING_S
// Prints one line per start, then a summary line per player (parsed by ./run).
#include "jack_server.hpp"
#include "onset_math.hpp"
#include "onset_recorder.hpp"
#include "onset_segment.hpp"
#include "station_process.hpp"

#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <algorithm>
#include <chrono>
#include <cmath>
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

steady_clock::time_point steady_of(system_clock::time_point wall) {
  const auto steady_now = steady_clock::now();
  const auto wall_now = system_clock::now();
  return steady_now + duration_cast<steady_clock::duration>(wall - wall_now);
}

void sleep_until_wall(system_clock::time_point wall) {
  const auto ns = duration_cast<nanoseconds>(wall.time_since_epoch()).count();
  timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
  while (clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, nullptr) != 0) {
  }
}

void print_summary(const char* who, int period, const loaxa::test::ErrorStats& s, std::size_t wanted) {
  const auto frames = [](double ms) { return ms * kRate / 1000.0; };
  std::printf(
      "summary who=%s period=%d heard=%zu/%zu p50_ms=%.3f p99_ms=%.3f max_ms=%.3f p50_frames=%.1f p99_frames=%.1f "
      "max_frames=%.1f mean_ms=%+.3f min_ms=%+.3f maxsigned_ms=%+.3f\n",
      who, period, s.n, wanted, s.p50, s.p99, s.max, frames(s.p50), frames(s.p99), frames(s.max), s.mean, s.min_signed,
      s.max_signed);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 8) {
    std::fprintf(stderr, "usage: %s LOAXA LOAXAD TONE.wav TONE.mp3 PERIOD STARTS SPACING_S\n", argv[0]);
    return 2;
  }
  const fs::path loaxa = argv[1], loaxad = argv[2], wav = argv[3], mp3 = argv[4];
  const int period = std::atoi(argv[5]);
  const int starts = std::atoi(argv[6]);
  const seconds spacing{std::atoi(argv[7])};
  try {
    std::string dir_template = (fs::temp_directory_path() / "loaxa-start-error-XXXXXX").string();
    if (mkdtemp(dir_template.data()) == nullptr) throw std::runtime_error("mkdtemp");
    const fs::path dir = dir_template;
    const fs::path home = dir / "home";
    const Env real_now{{"LOAXA_NOW", ""}};

    // What each player plays: loaxad the trimmed span with its loudness gain, mpg123 the MP3
    // as it decodes it (its decoder delay handled as it handles it).
    const auto leads = loaxa::test::import_onset(loaxa, home, wav, mp3, dir, kRate, kThreshold);
    const std::int64_t loaxad_lead = leads.loaxad_frames;
    const std::int64_t peer_lead = leads.mpg123_frames;
    const double gain = leads.gain;
    const std::int64_t trim = leads.trim_frames;
    std::printf("loud frame: loaxad %lld (gain %.3f, trim %lld), mpg123 %lld\n", static_cast<long long>(loaxad_lead),
                gain, static_cast<long long>(trim), static_cast<long long>(peer_lead));

    loaxa::test::run_loaxa(loaxa, home, {"programme", "add", "onset", "--item", "segment:1"}, real_now);
    // Room for the slot commands, then loaxad's start and its priming two seconds ahead.
    const auto first = ceil<seconds>(system_clock::now() + milliseconds(150 * starts) + 5s);
    std::vector<sys_seconds> slots;
    for (int k = 0; k < starts; ++k) {
      slots.push_back(first + k * spacing);
      loaxa::test::run_loaxa(
          loaxa, home,
          {"slot", "add", "--programme", "onset", "--start", loaxa::test::station_local_text(slots.back())}, real_now);
    }
    if (system_clock::now() > first - 3s) throw std::runtime_error("the slots took too long to add");

    // jackd as the issue runs it (`jackd -d dummy …`): its default realtime scheduling, which
    // its clients (PortAudio's callback, the recorder, mpg123) get too. REALTIME=0: without.
    const char* realtime = std::getenv("REALTIME");
    loaxa::test::JackServer server(period, kRate, realtime == nullptr || std::string(realtime) != "0");
    loaxa::test::OnsetRecorder recorder(server.name(), kThreshold, kQuietFrames);
    recorder.follow_sources_of("system:playback_1");
    const Env jack{{"JACK_DEFAULT_SERVER", server.name()}, {"LOAXA_NOW", ""}, {"LANG", "en_US.UTF-8"}};
    ChildProcess daemon({loaxad.string(), "--home", home.string(), "--output", "portaudio:system"}, jack,
                        dir / "loaxad.err");

    // The peer halfway between loaxad's programmes: a timer fires, the player is launched.
    std::vector<system_clock::time_point> peer_at;
    std::vector<std::unique_ptr<ChildProcess>> players;
    for (const auto slot : slots) {
      peer_at.push_back(slot + spacing / 2);
      sleep_until_wall(peer_at.back());
      players.push_back(std::make_unique<ChildProcess>(
          std::vector<std::string>{"/usr/bin/mpg123", "-q", "-o", "jack", mp3.string()}, jack, dir / "mpg123.err"));
    }
    sleep_until_wall(slots.back() + spacing);
    for (auto& p : players) p->wait();
    daemon.signal(SIGTERM);
    daemon.wait();

    const auto onsets = recorder.onsets();
    const auto lead_of = [](std::int64_t frames) { return nanoseconds(frames * 1'000'000'000 / kRate); };
    // The onset within [-0.5 s, +1.5 s] of when it was due: each player's own window.
    const auto error_ms = [&](system_clock::time_point at, std::int64_t lead) -> std::optional<double> {
      const auto due = steady_of(at) + lead_of(lead);
      for (const auto onset : onsets)
        if (onset > due - 500ms && onset < due + 1500ms)
          return static_cast<double>(duration_cast<nanoseconds>(onset - due).count()) / 1e6;
      return std::nullopt;
    };
    std::vector<double> ours, peer;
    for (int k = 0; k < starts; ++k) {
      const auto a = error_ms(slots[static_cast<std::size_t>(k)], loaxad_lead);
      const auto b = error_ms(peer_at[static_cast<std::size_t>(k)], peer_lead);
      if (a) ours.push_back(*a);
      if (b) peer.push_back(*b);
      std::printf("start %2d period=%d loaxad_ms=%s mpg123_ms=%s\n", k, period,
                  a ? std::to_string(*a).c_str() : "missed", b ? std::to_string(*b).c_str() : "missed");
    }
    std::printf("sink latency %u frames, %zu onsets heard\n", recorder.sink_latency_frames(), onsets.size());
    print_summary("loaxad", period, loaxa::test::error_stats(ours), slots.size());
    print_summary("mpg123", period, loaxa::test::error_stats(peer), slots.size());
    if (ours.size() != slots.size()) {
      std::fprintf(stderr, "loaxad missed starts; its log: %s\n", (dir / "loaxad.err").c_str());
      return 1;
    }
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_start_error: %s\n", e.what());
    return 1;
  }
}
