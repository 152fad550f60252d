#include "audio/playback_gain.hpp"

#include <algorithm>
#include <cmath>

namespace loaxa::audio {
namespace {

// Measured speech never needs more than this either way; the bound keeps the factor finite
// whatever a settings file or a damaged database row says.
constexpr double kGainLimitDb = 60.0;

}  // namespace

double playback_gain_db(double loudness_lufs, double true_peak_dbtp, const GainRule& rule) noexcept {
  double gain = 0.0;
  if (std::isfinite(loudness_lufs) && std::isfinite(rule.loudness_target_lufs))
    gain = rule.loudness_target_lufs - loudness_lufs;

  const bool silent_peak = std::isinf(true_peak_dbtp) && true_peak_dbtp < 0;
  if (!silent_peak) {
    if (std::isfinite(true_peak_dbtp) && std::isfinite(rule.true_peak_ceiling_dbtp))
      gain = std::min(gain, rule.true_peak_ceiling_dbtp - true_peak_dbtp);
    else
      gain = std::min(gain, 0.0);
  }
  return std::clamp(gain, -kGainLimitDb, kGainLimitDb);
}

double playback_gain(double loudness_lufs, double true_peak_dbtp, const GainRule& rule) noexcept {
  return std::pow(10.0, playback_gain_db(loudness_lufs, true_peak_dbtp, rule) / 20.0);
}

}  // namespace loaxa::audio
