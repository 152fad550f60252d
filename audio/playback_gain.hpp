#pragma once
// The gain a segment plays with: it brings the measured loudness to the station's target,
// but never lifts the measured true peak above the ceiling, because a clipped amplifier
// feed sounds worse on a horn loudspeaker than a bulletin a little quieter than the rest.
//
// Thread safety: pure functions, callable from any thread; nothing throws.

namespace loaxa::audio {

// The two [audio] settings of loaxa.toml that decide the gain.
struct GainRule {
  double loudness_target_lufs = -16.0;
  double true_peak_ceiling_dbtp = -1.0;
};

// The gain in dB. A measurement that is not a finite number gives a safe answer instead of
// NaN: unknown or silent loudness plays at 0 dB (there is nothing to aim from); a silent
// true peak (-inf) sets no ceiling; an unknown (NaN or +inf) true peak allows no boost.
double playback_gain_db(double loudness_lufs, double true_peak_dbtp, const GainRule& rule) noexcept;

// The same as a linear factor for the samples (10^(dB/20)), always finite and > 0.
double playback_gain(double loudness_lufs, double true_peak_dbtp, const GainRule& rule) noexcept;

}  // namespace loaxa::audio
