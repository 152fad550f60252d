// bench_console_start_error: a programme's start error at a dummy JACK server's sink while an
// operator uses the console (bench/console_pages/run), against the same station with its
// console idle in the same run.
//
// As bench/start_error: the onset tone imported as segment 1 (tests/jack's import_onset),
// STARTS one-off slots SPACING_S apart at real instants, `jackd -d dummy -r 48000 -p PERIOD`,
// loaxad with `--output portaudio:system`, and tests/jack's independent OnsetRecorder timing
// each onset at system:playback. Here loaxad's console is on (127.0.0.1, a port the system
// picks) with an operator. BUSY=1: from before the first slot to after the last, a thread
// plays the operator over raw HTTP without pause — logs in, then in turn uploads UPLOAD.wav
// to /library/upload (each one imported: decoded and measured on the console's worker
// thread) and removes it again with the Library's form, and loads /, /library, /schedule
// and /log — so the console's threads, and the CPU,
// are busiest exactly when programmes start. BUSY=0: the console is on and nobody uses it.
//
// Usage: bench_console_start_error LOAXA_DIR TONE.wav TONE.mp3 UPLOAD.wav PERIOD STARTS SPACING_S BUSY
// Prints one line per start and a summary line (as bench/start_error), then a line of what
// the operator did.

#include "console_station.hpp"
#include "jack_server.hpp"
#include "onset_math.hpp"
#include "onset_recorder.hpp"
#include "onset_segment.hpp"
#include "raw_http.hpp"
#include "station_process.hpp"
#include "support/files.hpp"

#include <nlohmann/json.hpp>

#include <stdlib.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono;
using namespace std::chrono_literals;
using namespace loaxa::test;
namespace fs = std::filesystem;

namespace {

constexpr float kThreshold = 0.01f;
constexpr int kRate = 48000;
constexpr std::uint32_t kQuietFrames = kRate / 4;

steady_clock::time_point steady_of(system_clock::time_point wall) {
  return steady_clock::now() + duration_cast<steady_clock::duration>(wall - system_clock::now());
}

void sleep_until_wall(system_clock::time_point wall) {
  const auto ns = duration_cast<nanoseconds>(wall.time_since_epoch()).count();
  timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
  while (clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, nullptr) != 0) {
  }
}

struct OperatorWork {
  std::atomic<int> uploads{0}, uploads_refused{0}, removals{0}, pages{0}, failures{0};
};

// The operator, until `stop`: an upload, then the four pages, again and again.
void operate(unsigned short port, const std::string& upload, std::atomic<bool>& stop, OperatorWork& work) {
  const auto session = raw_login(port, "bench", "mat-khau-bench");
  for (int n = 0; !stop; ++n) {
    const auto answer =
        session.send("POST", "/library/upload?name=tai-len-" + std::to_string(n) + ".wav&category=CDS", upload,
                     "X-Loaxa-Token: " + session.token +
                         "\r\nContent-Type: application/octet-stream\r\nAccept: application/json\r\n");
    if (answer.status != 200) {
      ++work.uploads_refused;
      continue;
    }
    ++work.uploads;
    // Removed again through the Library's form, so the disk does not fill with the run.
    const auto id = nlohmann::json::parse(answer.body).at("segment").at("id").get<std::int64_t>();
    (session.post_form("/library/segment/" + std::to_string(id) + "/remove", "").status == 303 ? work.removals
                                                                                               : work.failures)++;
    for (const char* page : {"/", "/library", "/schedule", "/log"}) {
      if (stop) break;
      (session.send("GET", page).status == 200 ? work.pages : work.failures)++;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 9) {
    std::fprintf(stderr, "usage: %s LOAXA_DIR TONE.wav TONE.mp3 UPLOAD.wav PERIOD STARTS SPACING_S BUSY\n", argv[0]);
    return 2;
  }
  ::setenv("LOAXA_BIN_DIR", argv[1], 1);
  const fs::path wav = argv[2], mp3 = argv[3], upload_file = argv[4];
  const int period = std::atoi(argv[5]);
  const int starts = std::atoi(argv[6]);
  const seconds spacing{std::atoi(argv[7])};
  const bool busy = std::string(argv[8]) == "1";
  try {
    ConsoleStation station("", "");  // the real clock: the slots are real instants
    const auto leads = import_onset(loaxa_path(), station.home(), wav, mp3, station.scratch(""), kRate, kThreshold);
    station.must_run({"programme", "add", "onset", "--item", "segment:1"});
    station.add_user("bench", "mat-khau-bench", "operator");
    const auto first = ceil<seconds>(system_clock::now() + milliseconds(150 * starts) + 6s);
    std::vector<sys_seconds> slots;
    for (int k = 0; k < starts; ++k) {
      slots.push_back(first + k * spacing);
      station.must_run({"slot", "add", "--programme", "onset", "--start", station_local_text(slots.back())});
    }
    if (system_clock::now() > first - 4s) throw std::runtime_error("the slots took too long to add");

    const char* realtime = std::getenv("REALTIME");
    JackServer server(period, kRate, realtime == nullptr || std::string(realtime) != "0");
    OnsetRecorder recorder(server.name(), kThreshold, kQuietFrames);
    recorder.follow_sources_of("system:playback_1");
    station.start("portaudio:system", {{"JACK_DEFAULT_SERVER", server.name()}});

    std::atomic<bool> stop{false};
    OperatorWork work;
    std::thread operator_thread;
    const auto upload = read_bytes(upload_file);
    if (busy) {
      operator_thread = std::thread([&] { operate(station.port(), upload, stop, work); });
    }
    sleep_until_wall(slots.back() + spacing);
    stop = true;
    if (operator_thread.joinable()) operator_thread.join();
    station.stop();

    const auto onsets = recorder.onsets();
    std::vector<double> errors;
    for (int k = 0; k < starts; ++k) {
      const auto due =
          steady_of(slots[static_cast<std::size_t>(k)]) + nanoseconds(leads.loaxad_frames * 1'000'000'000 / kRate);
      std::optional<double> error;
      for (const auto onset : onsets)
        if (onset > due - 500ms && onset < due + 1500ms) {
          error = static_cast<double>(duration_cast<nanoseconds>(onset - due).count()) / 1e6;
          break;
        }
      if (error) errors.push_back(*error);
      std::printf("start %2d period=%d busy=%d loaxad_ms=%s\n", k, period, busy ? 1 : 0,
                  error ? std::to_string(*error).c_str() : "missed");
    }
    const auto s = error_stats(errors);
    std::printf(
        "summary who=%s period=%d heard=%zu/%zu p50_ms=%.3f p99_ms=%.3f max_ms=%.3f p50_frames=%.1f "
        "p99_frames=%.1f max_frames=%.1f mean_ms=%+.3f min_ms=%+.3f maxsigned_ms=%+.3f\n",
        busy ? "busy" : "idle", period, s.n, slots.size(), s.p50, s.p99, s.max, s.p50 * kRate / 1000.0,
        s.p99 * kRate / 1000.0, s.max * kRate / 1000.0, s.mean, s.min_signed, s.max_signed);
    std::printf("operator uploads=%d uploads_refused=%d removals=%d pages=%d failures=%d\n", work.uploads.load(),
                work.uploads_refused.load(), work.removals.load(), work.pages.load(), work.failures.load());
    if (errors.size() != slots.size()) {
      std::fprintf(stderr, "loaxad missed starts; its log:\n%s\n", station.daemon_log().c_str());
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_console_start_error: %s\n", e.what());
    return 1;
  }
}
