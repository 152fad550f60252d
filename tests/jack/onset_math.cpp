#include "onset_math.hpp"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace loaxa::test {

std::int64_t first_loud_frame(const std::filesystem::path& wav, std::int64_t from, double gain, float threshold) {
  SF_INFO info{};
  SNDFILE* file = sf_open(wav.c_str(), SFM_READ, &info);
  if (file == nullptr) throw std::runtime_error("cannot read " + wav.string());
  std::vector<float> samples(static_cast<std::size_t>(info.frames * info.channels));
  sf_readf_float(file, samples.data(), info.frames);
  sf_close(file);
  for (auto i = static_cast<std::size_t>(from * info.channels); i < samples.size(); ++i)
    if (std::fabs(samples[i]) * gain > threshold) return static_cast<std::int64_t>(i) / info.channels - from;
  throw std::runtime_error("no onset in " + wav.string());
}

ErrorStats error_stats(std::vector<double> errors_ms) {
  ErrorStats s;
  s.n = errors_ms.size();
  if (errors_ms.empty()) return s;
  s.min_signed = *std::min_element(errors_ms.begin(), errors_ms.end());
  s.max_signed = *std::max_element(errors_ms.begin(), errors_ms.end());
  double sum = 0;
  for (double e : errors_ms) sum += e;
  s.mean = sum / static_cast<double>(s.n);
  for (double& e : errors_ms) e = std::fabs(e);
  std::sort(errors_ms.begin(), errors_ms.end());
  const auto rank = [&](double p) {
    return errors_ms[static_cast<std::size_t>(std::ceil(p * static_cast<double>(s.n))) - 1];
  };
  s.p50 = rank(0.50);
  s.p99 = rank(0.99);
  s.max = errors_ms.back();
  return s;
}

}  // namespace loaxa::test
