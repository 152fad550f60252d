#include "audio/playback_gain.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using loaxa::audio::GainRule;
using loaxa::audio::playback_gain;
using loaxa::audio::playback_gain_db;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
const GainRule station{-16.0, -1.0};
}  // namespace

TEST_CASE("a quiet segment is lifted to the loudness target when its peak allows it", "[gain]") {
  CHECK(playback_gain_db(-30.0, -20.0, station) == Approx(14.0));
  CHECK(playback_gain(-30.0, -20.0, station) == Approx(std::pow(10.0, 14.0 / 20.0)));
}

TEST_CASE("the true-peak ceiling caps the gain", "[gain]") {
  // +4 dB would reach the target, but the -2 dBTP peak may rise only to -1 dBTP.
  CHECK(playback_gain_db(-20.0, -2.0, station) == Approx(1.0));
  CHECK(playback_gain(-20.0, -2.0, station) == Approx(std::pow(10.0, 1.0 / 20.0)));
}

TEST_CASE("a loud segment is turned down, and a peak already over the ceiling is pulled under it", "[gain]") {
  CHECK(playback_gain_db(-10.0, -0.5, station) == Approx(-6.0));
  CHECK(playback_gain_db(-16.0, 1.0, station) == Approx(-2.0));
}

TEST_CASE("the rule follows the station's settings", "[gain]") {
  CHECK(playback_gain_db(-30.0, -20.0, (GainRule{-23.0, -3.0})) == Approx(7.0));
  CHECK(playback_gain_db(-30.0, -5.0, (GainRule{-23.0, -3.0})) == Approx(2.0));
}

TEST_CASE("silent or odd measurements never give NaN or an infinite gain", "[gain]") {
  const double odd[] = {-inf, inf, not_a_number, -1e308, 1e308};
  for (double lufs : odd) {
    for (double peak : odd) {
      const double db = playback_gain_db(lufs, peak, station);
      const double linear = playback_gain(lufs, peak, station);
      CHECK(std::isfinite(db));
      CHECK(std::isfinite(linear));
      CHECK(linear > 0.0);
    }
  }
  // Silence: nothing to aim from, nothing to cap.
  CHECK(playback_gain_db(-inf, -inf, station) == 0.0);
  // Unknown peak: loudness may be lowered, never raised.
  CHECK(playback_gain_db(-30.0, not_a_number, station) == 0.0);
  CHECK(playback_gain_db(-10.0, not_a_number, station) == Approx(-6.0));
  // A silent peak sets no ceiling.
  CHECK(playback_gain_db(-30.0, -inf, station) == Approx(14.0));
  // Odd settings do not poison the figure either.
  CHECK(std::isfinite(playback_gain_db(-30.0, -20.0, (GainRule{not_a_number, not_a_number}))));
}
