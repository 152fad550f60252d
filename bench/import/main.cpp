// bench_import FILE...: imports each file into a fresh temporary station home with the real
// library::Importer — decode and measure, SHA-256, copy into segments/ with fsync, one
// SQLite transaction — and prints one tab-separated line per file, then a total line with
// the real-time factor (audio seconds per wall-clock second) and peak resident memory.

#include "common/home.hpp"
#include "config/config.hpp"
#include "library/importer.hpp"
#include "store/database.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

// A new home per file, so an earlier import of the same content cannot short-circuit it.
loaxa::Home fresh_home() {
  std::string pattern = (std::filesystem::temp_directory_path() / "loaxa-bench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    std::exit(2);
  }
  loaxa::Home home{pattern};
  loaxa::ensure_home(home);
  return home;
}

}  // namespace

int main(int argc, char** argv) {
  using clock = std::chrono::steady_clock;
  const loaxa::Config config;
  double audio_s = 0;
  double wall_s = 0;
  int failures = 0;
  std::printf("file\tformat\trate\tchannels\tduration_s\tlufs\tdbtp\ttrim_start_ms\ttrim_end_ms\twall_s\n");
  for (int i = 1; i < argc; ++i) {
    const loaxa::Home home = fresh_home();
    {
      loaxa::store::Database db(home.database());
      loaxa::SystemClock wall_clock;
      loaxa::library::Importer importer(home, db, config, wall_clock);
      loaxa::library::ImportRequest request;
      request.file = argv[i];
      request.category = "CDS";
      const auto start = clock::now();
      try {
        const auto s = importer.import(request).segment;
        const double seconds = std::chrono::duration<double>(clock::now() - start).count();
        const double duration = static_cast<double>(s.frames) / s.sample_rate;
        audio_s += duration;
        wall_s += seconds;
        std::printf("%s\t%s\t%d\t%d\t%.6f\t%.2f\t%.2f\t%lld\t%lld\t%.4f\n", argv[i], s.format.c_str(), s.sample_rate,
                    s.channels, duration, s.loudness_lufs, s.true_peak_dbtp, static_cast<long long>(s.trim_start_ms),
                    static_cast<long long>(s.trim_end_ms), seconds);
      } catch (const loaxa::library::ImportError& e) {
        ++failures;
        std::printf("%s\tERROR\t%s\n", argv[i], e.what());
      }
    }
    std::error_code ec;
    std::filesystem::remove_all(home.root, ec);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("total\taudio_s=%.3f\twall_s=%.3f\trtf=%.1f\tmaxrss_kib=%ld\n", audio_s, wall_s,
              wall_s > 0 ? audio_s / wall_s : 0.0, usage.ru_maxrss);
  return failures == 0 ? 0 : 1;
}
