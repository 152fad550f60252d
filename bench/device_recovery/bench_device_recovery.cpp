// Recovery time at the sink: a JACK server that goes away and comes back, and how long after
// it accepts clients again loaxad is heard playing the occurrence that was due meanwhile.
//
// loaxad (`--output jack`, its native JACK output) has one-off slots SPACING apart. For
// each slot S: the server is stopped at S − 3 s (before the job is handed over at S − 2 s,
// so the job finds no server and waits in the player's reopen backoff), and started again
// at S + 1.5 s + U[0, 4) s — a random moment, so the server's return falls anywhere in the
// backoff's cycle. T0 is the instant the restarted server accepts clients (JackServer::start
// returns once a probe client has connected). A fresh independent recorder (tests/jack's
// OnsetRecorder, its own JACK client) times the first loud sample at system:playback_1.
// Recovery = that onset − T0 − the place of the first loud frame in what loaxad plays (the
// late occurrence plays from its start), i.e. the time from the server's return to the
// first sample of the airing that only the missing server kept off air.
//
// Between two slots the peer runs on the same server: it is stopped again, started again
// after 1–3 s, and `mpg123 -q -o jack tone.mp3` is launched as soon as the recorder listens;
// its time is that onset − T0 − mpg123's own lead (and is also given from its launch).
//
// A try where loaxad's port was already connected to the sink before the recorder listened
// cannot be timed (its first samples may have gone by unheard): it is counted as raced and
// left out.
//
// Then, with PA_TRIES > 0, loaxad `--output portaudio:system` (PortAudio's JACK host) the
// same way, without the peer (PA_TRIES slots 15 s apart): the server goes while the output is
// closed, so PortAudio is initialised afresh at the next open. Last, with PA_TRIES > 0, the
// case docs/DAEMON.md says PortAudio cannot recover from: the server stopped mid-play (the
// stream abandoned), restarted 2 s later, and whether the next slot, 15 s after, is heard
// within PA_WAIT_S.
//
// Usage: bench_device_recovery LOAXA LOAXAD TONE.wav TONE.mp3 PERIOD TRIES SPACING_S PA_TRIES PA_WAIT_S SEED
// Prints one line per try, the as-run rows, then summary lines (parsed by ./run).
#include "jack_server.hpp"
#include "onset_math.hpp"
#include "onset_recorder.hpp"
#include "onset_segment.hpp"
#include "station_process.hpp"

#include "daemon/player.hpp"
#include "daemon/scheduler.hpp"

#include <nlohmann/json.hpp>

#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono;
using namespace std::chrono_literals;
using loaxa::test::ChildProcess;
using loaxa::test::Env;
using loaxa::test::JackServer;
using loaxa::test::OnsetRecorder;
namespace fs = std::filesystem;

namespace {

constexpr float kThreshold = 0.01f;
constexpr int kRate = 48000;
constexpr std::uint32_t kQuietFrames = kRate / 4;
const char* const kSink = "system:playback_1";

void sleep_until_wall(system_clock::time_point wall) {
  const auto ns = duration_cast<nanoseconds>(wall.time_since_epoch()).count();
  timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
  while (clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, nullptr) != 0) {
  }
}

double ms_between(steady_clock::time_point from, steady_clock::time_point to) {
  return static_cast<double>(duration_cast<microseconds>(to - from).count()) / 1e3;
}

nanoseconds lead_of(std::int64_t frames) {
  return nanoseconds(frames * 1'000'000'000 / kRate);
}

// The restarted server and a recorder on it. T0 is when start() returned.
struct Restart {
  steady_clock::time_point t0;
  system_clock::time_point t0_wall;
  steady_clock::time_point listening;  // the recorder is connected and following the sink
  int connected_before = 0;            // feeders of the sink the recorder found already there
};

Restart restart(JackServer& server, std::unique_ptr<OnsetRecorder>& recorder) {
  Restart r;
  server.start();
  r.t0 = steady_clock::now();
  r.t0_wall = system_clock::now();
  recorder = std::make_unique<OnsetRecorder>(server.name(), kThreshold, kQuietFrames);
  r.connected_before = recorder->listen_to_sources_of(kSink);
  recorder->follow_sources_of(kSink);
  r.listening = steady_clock::now();
  return r;
}

// The recorder is closed while its server still runs (a client left on a dead server cannot
// be closed cleanly once another has opened on the restarted one), then the server stops.
void stop(JackServer& server, std::unique_ptr<OnsetRecorder>& recorder) {
  recorder.reset();
  server.stop();
}

// The first onset after `from`, waiting up to `limit` for it.
std::optional<steady_clock::time_point> first_onset_after(const OnsetRecorder& recorder, steady_clock::time_point from,
                                                          nanoseconds limit) {
  const auto deadline = from + limit;
  for (;;) {
    for (const auto onset : recorder.onsets())
      if (onset >= from) return onset;
    if (steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(5ms);
  }
}

void wait_for_socket(const fs::path& loaxa, const fs::path& home, const Env& env) {
  for (int i = 0;
       loaxa::test::run_tool({loaxa.string(), "--home", home.string(), "status"}, env).out.find("loaxad 0") ==
       std::string::npos;
       ++i) {
    if (i > 100) throw std::runtime_error("loaxad did not answer on its socket");
    std::this_thread::sleep_for(100ms);
  }
}

void add_slot(const fs::path& loaxa, const fs::path& home, system_clock::time_point at) {
  loaxa::test::run_loaxa(
      loaxa, home,
      {"slot", "add", "--programme", "Onset", "--start", loaxa::test::station_local_text(time_point_cast<seconds>(at))},
      {{"LOAXA_NOW", ""}});
}

// One station's daemon, its JACK server and the recorder, for a phase of tries.
struct Bench {
  fs::path loaxa, loaxad, home, dir, mp3;
  loaxa::test::OnsetLeads leads;
  JackServer& server;
  Env jack;
  std::unique_ptr<OnsetRecorder> recorder;
  std::mt19937 random;
};

// How long after T0 the daemon's next try to open the output comes, by its policy: the job
// is handed over prime_lead before the slot and tries at once, then after first, 2×first, …
// up to cap between tries (daemon/player.cpp open_for). The rest of a recovery is the open
// itself and the way to the sink.
double backoff_wait_ms(system_clock::time_point slot, system_clock::time_point t0) {
  const loaxa::daemon::ReopenPolicy policy;
  auto attempt = slot - loaxa::daemon::SchedulerOptions{}.prime_lead;
  auto wait = duration_cast<system_clock::duration>(policy.first);
  while (attempt < t0) {
    attempt += wait;
    wait = std::min(wait * 2, duration_cast<system_clock::duration>(policy.cap));
  }
  return static_cast<double>(duration_cast<microseconds>(attempt - t0).count()) / 1e3;
}

struct LoaxadTry {
  std::optional<double> recovery_ms;
  double backoff_ms = 0;
  double t0_after_slot_ms = 0;
  double recorder_ready_ms = 0;
  bool raced = false;
};

// The server stopped before the slot's job is handed over, back at a random moment after
// the slot; loaxad's recovery from T0.
LoaxadTry loaxad_try(Bench& b, system_clock::time_point slot) {
  std::uniform_int_distribution<int> delay_ms(0, 3999);
  sleep_until_wall(slot - 3s);
  stop(b.server, b.recorder);
  sleep_until_wall(slot + 1500ms + milliseconds(delay_ms(b.random)));
  const Restart r = restart(b.server, b.recorder);
  LoaxadTry t;
  t.recorder_ready_ms = ms_between(r.t0, r.listening);
  t.t0_after_slot_ms = static_cast<double>(duration_cast<milliseconds>(r.t0_wall - slot).count());
  t.backoff_ms = backoff_wait_ms(slot, r.t0_wall);
  t.raced = r.connected_before > 0;
  if (const auto onset = first_onset_after(*b.recorder, r.t0, 8s))
    t.recovery_ms = ms_between(r.t0, *onset - lead_of(b.leads.loaxad_frames));
  // The daemon's tries come later than the ideal schedule by each failed try's own time (a
  // few ms each), so a try the schedule puts just before T0 can fall just after it: heard
  // sooner than the next try's wait, the wait was nil.
  if (t.recovery_ms && *t.recovery_ms < t.backoff_ms) t.backoff_ms = 0;
  return t;
}

std::string text_of(const std::optional<double>& ms) {
  return ms ? std::to_string(*ms) : "missed";
}

std::unique_ptr<ChildProcess> start_loaxad(Bench& b, const std::string& output, const std::string& log) {
  auto daemon = std::make_unique<ChildProcess>(
      std::vector<std::string>{b.loaxad.string(), "--home", b.home.string(), "--output", output}, b.jack, b.dir / log);
  wait_for_socket(b.loaxa, b.home, b.jack);
  return daemon;
}

void stop_loaxad(std::unique_ptr<ChildProcess>& daemon) {
  daemon->signal(SIGTERM);
  daemon->wait();
  daemon.reset();
}

void print_summary(const char* who, const std::vector<double>& values, std::size_t wanted) {
  const auto s = loaxa::test::error_stats(values);
  std::printf("summary who=%s heard=%zu/%zu p50_ms=%.1f p99_ms=%.1f max_ms=%.1f mean_ms=%.1f min_ms=%.1f\n", who, s.n,
              wanted, s.p50, s.p99, s.max, s.mean, s.min_signed);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 11) {
    std::fprintf(stderr, "usage: %s LOAXA LOAXAD TONE.wav TONE.mp3 PERIOD TRIES SPACING_S PA_TRIES PA_WAIT_S SEED\n",
                 argv[0]);
    return 2;
  }
  const fs::path loaxa = argv[1], loaxad = argv[2], wav = argv[3], mp3 = argv[4];
  const int period = std::atoi(argv[5]);
  const int tries = std::atoi(argv[6]);
  const seconds spacing{std::atoi(argv[7])};
  const int pa_tries = std::atoi(argv[8]);
  const seconds pa_wait{std::atoi(argv[9])};
  if (spacing < 22s) {
    std::fprintf(stderr, "SPACING_S must be at least 22: a try and the peer's take that long\n");
    return 2;
  }
  try {
    std::string dir_template = (fs::temp_directory_path() / "loaxa-recovery-XXXXXX").string();
    if (mkdtemp(dir_template.data()) == nullptr) throw std::runtime_error("mkdtemp");
    const fs::path dir = dir_template;
    const fs::path home = dir / "home";
    const Env real_now{{"LOAXA_NOW", ""}};

    const auto leads = loaxa::test::import_onset(loaxa, home, wav, mp3, dir, kRate, kThreshold);
    loaxa::test::run_loaxa(loaxa, home, {"programme", "add", "Onset", "--item", "segment:1"}, real_now);
    const auto plan = [&](int count, seconds apart) {
      // Whole seconds, the first after the slots are added and loaxad is up.
      const auto first = ceil<seconds>(system_clock::now() + 8s + count * 300ms);
      std::vector<system_clock::time_point> slots;
      for (int k = 0; k < count; ++k) {
        slots.push_back(first + k * apart);
        add_slot(loaxa, home, slots.back());
      }
      return slots;
    };

    const char* realtime = std::getenv("REALTIME");
    JackServer server(period, kRate, realtime == nullptr || std::string(realtime) != "0");
    Bench b{loaxa,   loaxad,
            home,    dir,
            mp3,     leads,
            server,  {{"JACK_DEFAULT_SERVER", server.name()}, {"LOAXA_NOW", ""}, {"LANG", "en_US.UTF-8"}},
            nullptr, std::mt19937(static_cast<std::uint32_t>(std::strtoul(argv[10], nullptr, 10)))};

    // Phase 1: the native JACK output, and the peer between its tries.
    const auto slots = plan(tries, spacing);
    auto daemon = start_loaxad(b, "jack", "loaxad.err");
    std::uniform_int_distribution<int> peer_delay_ms(1000, 2999);
    std::vector<double> ours, peer_from_t0, peer_from_launch, ready, backoff, rest;
    int raced = 0;
    for (int k = 0; k < tries; ++k) {
      const auto slot = slots[static_cast<std::size_t>(k)];
      const LoaxadTry t = loaxad_try(b, slot);
      ready.push_back(t.recorder_ready_ms);
      if (t.raced) {
        ++raced;
      } else if (t.recovery_ms) {
        ours.push_back(*t.recovery_ms);
        backoff.push_back(t.backoff_ms);
        rest.push_back(*t.recovery_ms - t.backoff_ms);
      }
      std::printf(
          "try %2d loaxad-jack t0_after_slot_ms=%.0f recorder_ready_ms=%.1f backoff_wait_ms=%.0f recovery_ms=%s%s\n", k,
          t.t0_after_slot_ms, t.recorder_ready_ms, t.backoff_ms, text_of(t.recovery_ms).c_str(),
          t.raced ? " raced(loaxad connected before the recorder: left out)" : "");
      std::fflush(stdout);

      // The peer's try, once loaxad's airing (2 s, at most ~8 s after the slot) is over.
      sleep_until_wall(slot + 11s);
      stop(server, b.recorder);
      std::this_thread::sleep_for(milliseconds(peer_delay_ms(b.random)));
      const Restart p = restart(server, b.recorder);
      const auto launched = steady_clock::now();
      ChildProcess player({"/usr/bin/mpg123", "-q", "-o", "jack", mp3.string()}, b.jack, dir / "mpg123.err");
      const auto peer_onset = first_onset_after(*b.recorder, p.t0, 8s);
      std::optional<double> from_t0, from_launch;
      if (peer_onset) {
        from_t0 = ms_between(p.t0, *peer_onset - lead_of(leads.mpg123_frames));
        from_launch = ms_between(launched, *peer_onset - lead_of(leads.mpg123_frames));
        peer_from_t0.push_back(*from_t0);
        peer_from_launch.push_back(*from_launch);
      }
      std::printf("try %2d mpg123 recorder_ready_ms=%.1f from_t0_ms=%s from_launch_ms=%s\n", k,
                  ms_between(p.t0, p.listening), text_of(from_t0).c_str(), text_of(from_launch).c_str());
      std::fflush(stdout);
      player.wait();
    }
    stop_loaxad(daemon);

    // Phase 2: PortAudio's JACK host, the server gone while the output is closed.
    std::vector<double> pa, pa_backoff, pa_rest;
    int pa_raced = 0;
    std::optional<double> abandoned;
    if (pa_tries > 0) {
      // 15 s apart: a try's airing ends before the next try stops the server. The last two
      // are phase 3's.
      const auto pa_slots = plan(pa_tries + 2, 15s);
      daemon = start_loaxad(b, "portaudio:system", "loaxad-portaudio.err");
      for (int k = 0; k < pa_tries; ++k) {
        const LoaxadTry t = loaxad_try(b, pa_slots[static_cast<std::size_t>(k)]);
        if (t.raced) {
          ++pa_raced;
        } else if (t.recovery_ms) {
          pa.push_back(*t.recovery_ms);
          pa_backoff.push_back(t.backoff_ms);
          pa_rest.push_back(*t.recovery_ms - t.backoff_ms);
        }
        std::printf(
            "try %2d loaxad-portaudio t0_after_slot_ms=%.0f recorder_ready_ms=%.1f backoff_wait_ms=%.0f "
            "recovery_ms=%s%s\n",
            k, t.t0_after_slot_ms, t.recorder_ready_ms, t.backoff_ms, text_of(t.recovery_ms).c_str(),
            t.raced ? " raced(left out)" : "");
        std::fflush(stdout);
      }
      // Phase 3: the server stopped mid-play (PortAudio's stream abandoned), back 2 s later;
      // the next slot, 15 s after the first.
      const auto mid = std::vector(pa_slots.end() - 2, pa_slots.end());
      sleep_until_wall(mid[0] + 800ms);
      stop(server, b.recorder);
      sleep_until_wall(mid[0] + 3s);
      const Restart r = restart(server, b.recorder);
      const auto due = r.t0 + duration_cast<steady_clock::duration>(mid[1] - r.t0_wall);
      if (const auto onset = first_onset_after(*b.recorder, due - 1s, pa_wait + 1s))
        abandoned = ms_between(due, *onset - lead_of(leads.loaxad_frames));
      std::printf("portaudio after a mid-play loss: next slot %s\n",
                  abandoned ? ("heard, " + std::to_string(*abandoned) + " ms from its start").c_str()
                            : ("not heard within " + std::to_string(pa_wait.count()) + " s of its start").c_str());
      const auto status = loaxa::test::run_tool({loaxa.string(), "--home", home.string(), "status"}, b.jack);
      std::printf("portaudio status then:\n%s\n", status.out.c_str());
      stop_loaxad(daemon);
    }

    // What the as-run log says of each slot.
    std::map<std::string, int> statuses;
    const auto rows = nlohmann::json::parse(loaxa::test::run_loaxa(loaxa, home, {"--json", "log"}, real_now));
    const auto text = [](const nlohmann::json& value) { return value.is_string() ? value.get<std::string>() : "-"; };
    for (const auto& row : rows) {
      ++statuses[row.at("status").get<std::string>()];
      std::printf("row scheduled=%s started=%s status=%s reason=%s\n", text(row.at("scheduled_start")).c_str(),
                  text(row.at("started_at")).c_str(), text(row.at("status")).c_str(), text(row.at("reason")).c_str());
    }

    print_summary("loaxad-jack", ours, static_cast<std::size_t>(tries));
    print_summary("loaxad-jack-backoff", backoff, static_cast<std::size_t>(tries));
    print_summary("loaxad-jack-rest", rest, static_cast<std::size_t>(tries));
    print_summary("mpg123-from-t0", peer_from_t0, static_cast<std::size_t>(tries));
    print_summary("mpg123-from-launch", peer_from_launch, static_cast<std::size_t>(tries));
    print_summary("recorder-ready", ready, static_cast<std::size_t>(tries));
    std::printf("summary who=raced count=%d\n", raced);
    if (pa_tries > 0) {
      print_summary("loaxad-portaudio", pa, static_cast<std::size_t>(pa_tries));
      print_summary("loaxad-portaudio-backoff", pa_backoff, static_cast<std::size_t>(pa_tries));
      print_summary("loaxad-portaudio-rest", pa_rest, static_cast<std::size_t>(pa_tries));
      std::printf("summary who=portaudio-raced count=%d\n", pa_raced);
      std::printf("summary who=portaudio-abandoned heard=%s wait_s=%lld\n", abandoned ? "yes" : "no",
                  static_cast<long long>(pa_wait.count()));
    }
    std::printf("summary who=rows completed=%d total=%zu\n", statuses["completed"], rows.size());
    std::printf("scratch: %s\n", dir.c_str());
    return ours.empty() ? 1 : 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_device_recovery: %s\n", e.what());
    return 1;
  }
}
