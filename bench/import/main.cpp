// bench_import FILE...: analyses each file with loaxa::audio::analyze_file and prints one
// tab-separated line per file, then a total line with the real-time factor (audio seconds
// per wall-clock second) and peak resident memory.

#include "audio/analysis.hpp"

#include <sys/resource.h>
#include <chrono>
#include <cstdio>

int main(int argc, char** argv) {
  using clock = std::chrono::steady_clock;
  double audio_s = 0;
  double wall_s = 0;
  int failures = 0;
  std::printf("file\tformat\trate\tchannels\tduration_s\tlufs\tdbtp\ttrim_start_ms\ttrim_end_ms\twall_s\n");
  for (int i = 1; i < argc; ++i) {
    const auto start = clock::now();
    try {
      const auto a = loaxa::audio::analyze_file(argv[i]);
      const double s = std::chrono::duration<double>(clock::now() - start).count();
      const double duration = static_cast<double>(a.frames) / a.sample_rate;
      audio_s += duration;
      wall_s += s;
      std::printf("%s\t%s\t%d\t%d\t%.6f\t%.2f\t%.2f\t%lld\t%lld\t%.4f\n", argv[i], a.format.c_str(), a.sample_rate,
                  a.channels, duration, a.loudness_lufs, a.true_peak_dbtp, static_cast<long long>(a.trim_start_ms),
                  static_cast<long long>(a.trim_end_ms), s);
    } catch (const loaxa::audio::DecodeError& e) {
      ++failures;
      std::printf("%s\tERROR kind=%d\t%s\n", argv[i], static_cast<int>(e.kind()), e.detail().c_str());
    }
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("total\taudio_s=%.3f\twall_s=%.3f\trtf=%.1f\tmaxrss_kib=%ld\n", audio_s, wall_s,
              wall_s > 0 ? audio_s / wall_s : 0.0, usage.ru_maxrss);
  return failures == 0 ? 0 : 1;
}
