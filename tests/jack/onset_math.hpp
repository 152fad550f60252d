#pragma once
// The figures the JACK benchmarks share: where a player's first loud frame is in what it
// plays, and percentiles of timing errors.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace loaxa::test {

// The first frame from `from` on whose sample, times `gain`, is above `threshold`, counted
// from `from`. Throws std::runtime_error when the file cannot be read or has none.
std::int64_t first_loud_frame(const std::filesystem::path& wav, std::int64_t from, double gain, float threshold);

struct ErrorStats {
  double p50 = 0, p99 = 0, max = 0, mean = 0, min_signed = 0, max_signed = 0;
  std::size_t n = 0;
};

// Percentiles of |error| by nearest rank (with 50 values p99 is the largest), and the signed
// mean, minimum and maximum.
ErrorStats error_stats(std::vector<double> errors_ms);

}  // namespace loaxa::test
