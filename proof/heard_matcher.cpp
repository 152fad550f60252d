#include "proof/heard_matcher.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <vector>

namespace loaxa::proof {
namespace {

using Index = std::ptrdiff_t;

double to_db(float level) noexcept {
  return 20.0 * std::log10(std::max(static_cast<double>(level), 1e-10));
}

void check(const HeardOptions& o) {
  if (o.block_ms < 1 || o.min_delay_ms > o.max_delay_ms || o.window_ms < 2 * o.block_ms || o.floor_percentile < 0 ||
      o.floor_percentile > 100 || o.min_correlation > 1)
    throw std::invalid_argument("HeardOptions: inconsistent block, delay, window, percentile or correlation");
}

double percentile(std::vector<double> values, double pct) {
  const auto at = static_cast<std::size_t>(std::floor(pct / 100.0 * static_cast<double>(values.size() - 1)));
  std::nth_element(values.begin(), values.begin() + static_cast<Index>(at), values.end());
  return values[at];
}

// The window [i - half, i + half] (clipped to [0, n)) slid along i = 0, 1, 2 …: each block
// enters once (change(k, +1)) and leaves once (change(k, -1)), so running sums cost O(n) time
// and no memory per block.
class SlidingWindow {
 public:
  SlidingWindow(Index n, Index half) : n_(n), half_(half) {}
  template <class Change>
  void move_to(Index i, Change&& change) {
    for (const Index to = std::min(n_, i + half_ + 1); hi_ < to; ++hi_) change(hi_, 1.0);
    for (const Index from = std::max<Index>(0, i - half_); lo_ < from; ++lo_) change(lo_, -1.0);
  }

 private:
  Index n_, half_, lo_ = 0, hi_ = 0;
};

// Pearson correlation from sums over count points; 0 when either side is flat.
double pearson(double count, double sx, double sy, double sxx, double syy, double sxy, double* var_x = nullptr,
               double* var_y = nullptr) {
  const double vx = sxx / count - (sx / count) * (sx / count);
  const double vy = syy / count - (sy / count) * (sy / count);
  if (var_x) *var_x = vx;
  if (var_y) *var_y = vy;
  if (vx <= 1e-9 || vy <= 1e-9) return 0;
  return (sxy / count - (sx / count) * (sy / count)) / std::sqrt(vx * vy);
}

struct Lag {
  Index blocks = 0;
  double correlation = 0;
  double fraction = 0;  // parabolic refinement, -0.5..0.5 block
};

// The lag maximising the whole-play correlation of x[i] and y[i + lag]. x and y are centred
// (their means removed), so the sums stay small and exact enough.
Lag best_lag(const std::vector<double>& x, const std::vector<double>& y, Index min_lag, Index max_lag) {
  const auto n = static_cast<Index>(x.size());
  const auto m = static_cast<Index>(y.size());
  const auto prefix = [](const std::vector<double>& v, bool squared) {
    std::vector<double> sums(v.size() + 1, 0.0);
    for (std::size_t i = 0; i < v.size(); ++i) sums[i + 1] = sums[i] + (squared ? v[i] * v[i] : v[i]);
    return sums;
  };
  const std::vector<double> px = prefix(x, false), pxx = prefix(x, true), py = prefix(y, false), pyy = prefix(y, true);
  const auto range = [](const std::vector<double>& sums, Index from, Index to) {
    return sums[static_cast<std::size_t>(to)] - sums[static_cast<std::size_t>(from)];
  };

  std::vector<double> r(static_cast<std::size_t>(max_lag - min_lag + 1), -2.0);
  for (Index lag = min_lag; lag <= max_lag; ++lag) {
    const Index from = std::max<Index>(0, -lag);
    const Index to = std::min(n, m - lag);
    if (to - from < 2) continue;
    double sxy = 0;
    for (Index i = from; i < to; ++i) sxy += x[static_cast<std::size_t>(i)] * y[static_cast<std::size_t>(i + lag)];
    r[static_cast<std::size_t>(lag - min_lag)] =
        pearson(static_cast<double>(to - from), range(px, from, to), range(py, from + lag, to + lag),
                range(pxx, from, to), range(pyy, from + lag, to + lag), sxy);
  }
  const auto best = std::max_element(r.begin(), r.end());
  Lag lag{min_lag + (best - r.begin()), std::max(*best, -1.0), 0};
  if (best != r.begin() && best + 1 != r.end() && best[-1] > -2 && best[1] > -2) {
    const double curvature = best[-1] - 2 * best[0] + best[1];
    if (curvature < 0) lag.fraction = std::clamp(0.5 * (best[-1] - best[1]) / curvature, -0.5, 0.5);
  }
  return lag;
}

void centre(std::vector<double>& values) {
  double sum = 0;
  for (const double v : values) sum += v;
  const double mean = sum / static_cast<double>(values.size());
  for (double& v : values) v -= mean;
}

// The gain needs at least 100 ms of clearly audible monitor: a single decaying chord that
// rises above a hissing line for a moment is enough to tell what the rest was.
std::size_t gain_blocks(const HeardOptions& options) {
  return static_cast<std::size_t>(std::max(1, 100 / options.block_ms));
}

enum class Verdict : unsigned char { silence, carried, missed, unprovable };

// Carried or missed for each programme block, from the correlation of the clamped, centred
// envelopes x[i] and y[i + lag] over the window around it.
std::vector<Verdict> judge_windows(const std::vector<double>& x, const std::vector<double>& y,
                                   const std::vector<Index>& lags, const std::vector<bool>& programme,
                                   const HeardOptions& options) {
  const auto n = static_cast<Index>(x.size());
  const auto m = static_cast<Index>(y.size());
  const Index half = options.window_ms / options.block_ms / 2;
  const double min_variance = options.min_monitor_deviation_db * options.min_monitor_deviation_db;
  double count = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  const auto change = [&](Index k, double sign) {
    const Index j = k + lags[static_cast<std::size_t>(k)];
    if (j < 0 || j >= m) return;  // no monitor for this block
    const double a = x[static_cast<std::size_t>(k)], b = y[static_cast<std::size_t>(j)];
    count += sign, sx += sign * a, sy += sign * b, sxx += sign * a * a, syy += sign * b * b, sxy += sign * a * b;
  };
  SlidingWindow window(n, half);
  std::vector<Verdict> verdicts(x.size(), Verdict::silence);
  for (Index i = 0; i < n; ++i) {
    if (!programme[static_cast<std::size_t>(i)]) continue;
    window.move_to(i, change);
    Verdict& verdict = verdicts[static_cast<std::size_t>(i)];
    verdict = Verdict::missed;
    // No monitor for this block, or too little around it to judge.
    const Index j = i + lags[static_cast<std::size_t>(i)];
    if (j < 0 || j >= m || count < static_cast<double>(half)) continue;
    double var_x = 0, var_y = 0;
    const double r = pearson(count, sx, sy, sxx, syy, sxy, &var_x, &var_y);
    if (var_x >= min_variance && var_y >= min_variance && r >= options.min_correlation) verdict = Verdict::carried;
  }
  return verdicts;
}

// How much louder the monitor is than what was sent (dB), from the blocks where the monitor
// stands clear of its noise; nullopt when fewer than at_least do.
std::optional<double> monitor_gain(const std::vector<double>& sent_db, const std::vector<double>& monitor_db,
                                   const std::vector<Index>& lags, const std::vector<bool>& programme,
                                   double visible_db, std::size_t at_least) {
  std::vector<double> differences;
  for (std::size_t i = 0; i < sent_db.size(); ++i) {
    const Index j = static_cast<Index>(i) + lags[i];
    if (!programme[i] || j < 0 || j >= static_cast<Index>(monitor_db.size())) continue;
    const double level = monitor_db[static_cast<std::size_t>(j)];
    if (level >= visible_db) differences.push_back(level - sent_db[i]);
  }
  if (differences.size() < at_least) return std::nullopt;
  return percentile(std::move(differences), 50);
}

// A carried verdict needs the levels to agree too: where the monitor stands clear of its noise
// in the window, it must sit at the play's gain above what was sent, within max_level_error_db
// (RMS). Another programme that happens to rise and fall with this one rarely also keeps its
// level in step.
void reject_level_mismatch(std::vector<Verdict>& verdicts, const std::vector<double>& sent_db,
                           const std::vector<double>& monitor_db, const std::vector<Index>& lags, double gain,
                           double visible_db, Index half, double max_error_db) {
  const auto n = static_cast<Index>(sent_db.size());
  const auto m = static_cast<Index>(monitor_db.size());
  double count = 0, squares = 0;
  const auto change = [&](Index k, double sign) {
    const Index j = k + lags[static_cast<std::size_t>(k)];
    if (verdicts[static_cast<std::size_t>(k)] == Verdict::silence || j < 0 || j >= m) return;
    const double level = monitor_db[static_cast<std::size_t>(j)];
    if (level < visible_db) return;
    const double error = level - sent_db[static_cast<std::size_t>(k)] - gain;
    count += sign, squares += sign * error * error;
  };
  SlidingWindow window(n, half);
  for (Index i = 0; i < n; ++i) {
    window.move_to(i, change);
    Verdict& verdict = verdicts[static_cast<std::size_t>(i)];
    if (verdict == Verdict::carried && count > 0.5 && squares / count > max_error_db * max_error_db)
      verdict = Verdict::missed;
  }
}

// A programme block whose whole window, at the monitor's gain, stays under the level where the
// monitor could show it (a fade, a quiet passage under the line's hiss) cannot be judged: it
// takes the verdict of the nearest block that could.
int mark_unprovable(std::vector<Verdict>& verdicts, const std::vector<double>& sent_db, const std::vector<Index>& lags,
                    Index monitor_blocks, double gain, double visible_db, Index half) {
  const auto n = static_cast<Index>(sent_db.size());
  double visible = 0;
  const auto change = [&](Index k, double sign) {
    if (sent_db[static_cast<std::size_t>(k)] + gain >= visible_db) visible += sign;
  };
  SlidingWindow window(n, half);
  int marked = 0;
  for (Index i = 0; i < n; ++i) {
    window.move_to(i, change);
    Verdict& verdict = verdicts[static_cast<std::size_t>(i)];
    // A block with no monitor at all stays missed: nothing was captured to infer from.
    const Index j = i + lags[static_cast<std::size_t>(i)];
    if (verdict == Verdict::silence || visible > 0.5 || j < 0 || j >= monitor_blocks) continue;
    verdict = Verdict::unprovable;
    ++marked;
  }
  return marked;
}

void inherit_nearest(std::vector<Verdict>& verdicts) {
  const auto judged = [](Verdict v) { return v == Verdict::carried || v == Verdict::missed; };
  const auto n = static_cast<Index>(verdicts.size());
  std::vector<Index> before(verdicts.size(), -1);
  for (Index i = 0, last = -1; i < n; ++i) {
    if (judged(verdicts[static_cast<std::size_t>(i)])) last = i;
    before[static_cast<std::size_t>(i)] = last;
  }
  for (Index i = n - 1, next = -1; i >= 0; --i) {
    Verdict& verdict = verdicts[static_cast<std::size_t>(i)];
    if (judged(verdict)) next = i;
    if (verdict != Verdict::unprovable) continue;
    const Index prev = before[static_cast<std::size_t>(i)];
    Index from = prev;
    if (from < 0 || (next >= 0 && next - i < i - prev)) from = next;
    verdict = from < 0 ? Verdict::missed : verdicts[static_cast<std::size_t>(from)];
  }
}

// The delay of each block. One delay for the whole play, except where the monitor's copy
// slid against what was sent — two sound cards' clocks drifting apart over a long play, a
// server that skipped cycles — then each section of section_ms takes the lag that tracks it
// best within section_slide_ms of the play's, when that tracks clearly (correlation at least
// section_min_correlation and better than the play's lag there).
std::vector<Index> lags_by_section(const std::vector<double>& x, const std::vector<double>& y, const Lag& whole,
                                   const HeardOptions& options) {
  std::vector<Index> lags(x.size(), whole.blocks);
  const Index section = options.section_ms / options.block_ms;
  const Index slide = options.section_slide_ms / options.block_ms;
  const auto n = static_cast<Index>(x.size());
  const auto m = static_cast<Index>(y.size());
  if (section < 2 || slide < 1 || n < 2 * section) return lags;
  const Index low = std::max<Index>(whole.blocks - slide, options.min_delay_ms / options.block_ms);
  const Index high = std::min<Index>(whole.blocks + slide, options.max_delay_ms / options.block_ms);
  for (Index from = 0; from < n; from += section) {
    const Index to = std::min(n, from + section);
    const Index y_from = std::clamp<Index>(from + low, 0, m);
    const Index y_to = std::clamp<Index>(to + high, 0, m);
    if (to - from < section / 2 || y_to - y_from < 2) continue;
    std::vector<double> xs(x.begin() + from, x.begin() + to), ys(y.begin() + y_from, y.begin() + y_to);
    centre(xs);
    centre(ys);
    // Lags within the section's own arrays: y index (i + lag) is ys[i + lag - (y_from - from)].
    const Lag local = best_lag(xs, ys, low - (y_from - from), high - (y_from - from));
    const Lag at_whole = best_lag(xs, ys, whole.blocks - (y_from - from), whole.blocks - (y_from - from));
    const Index found = local.blocks + (y_from - from);
    if (local.correlation >= options.section_min_correlation && local.correlation > at_whole.correlation + 0.05)
      std::fill(lags.begin() + from, lags.begin() + to, found);
  }
  return lags;
}

}  // namespace

Heard match(std::span<const float> sent, std::span<const float> monitor, const HeardOptions& options) {
  check(options);
  Heard heard;
  std::vector<double> sent_db(sent.size());
  std::vector<bool> programme(sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    sent_db[i] = to_db(sent[i]);
    programme[i] = sent_db[i] > options.silence_dbfs;
    heard.sent_blocks += programme[i] ? 1 : 0;
  }
  std::vector<double> monitor_db(monitor.size());
  double loudest = -1000;
  for (std::size_t i = 0; i < monitor.size(); ++i) loudest = std::max(loudest, monitor_db[i] = to_db(monitor[i]));
  heard.monitor_silent = loudest <= options.monitor_silence_dbfs;
  heard.nothing_sent = heard.sent_blocks == 0;
  if (heard.nothing_sent || heard.monitor_silent) return heard;

  // Clamped and centred: silence in what was sent, and the monitor's own noise, become flat.
  // A monitor with no noise at all (a digital loopback, a line gated to exact zeros) would
  // put its floor at -200 dB and let every word's edge swing the envelope by 150 dB: its
  // floor is never taken deeper than monitor_range_db under its loud passages.
  const double clamp = std::max(percentile(monitor_db, options.floor_percentile) + options.floor_margin_db,
                                percentile(monitor_db, 95) - options.monitor_range_db);
  std::vector<double> x(sent_db.size()), y(monitor_db.size());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::max(sent_db[i], options.silence_dbfs);
  for (std::size_t i = 0; i < y.size(); ++i) y[i] = std::max(monitor_db[i], clamp);
  centre(x);
  centre(y);

  const Index block = options.block_ms;
  const Lag lag = best_lag(x, y, options.min_delay_ms / block, options.max_delay_ms / block);
  heard.delay_ms =
      static_cast<int>(std::lround((static_cast<double>(lag.blocks) + lag.fraction) * static_cast<double>(block)));
  heard.correlation = lag.correlation;

  const std::vector<Index> lags = lags_by_section(x, y, lag, options);
  std::vector<Verdict> verdicts = judge_windows(x, y, lags, programme, options);
  const double visible = clamp + options.visible_db;
  const Index half = options.window_ms / block / 2;
  if (const auto gain = monitor_gain(sent_db, monitor_db, lags, programme, visible, gain_blocks(options))) {
    reject_level_mismatch(verdicts, sent_db, monitor_db, lags, *gain, visible, half, options.max_level_error_db);
    heard.inferred_blocks =
        mark_unprovable(verdicts, sent_db, lags, static_cast<Index>(monitor_db.size()), *gain, visible, half);
    inherit_nearest(verdicts);
  }
  heard.carried_blocks = static_cast<int>(std::count(verdicts.begin(), verdicts.end(), Verdict::carried));
  heard.heard_pct = 100.0 * heard.carried_blocks / heard.sent_blocks;
  return heard;
}

}  // namespace loaxa::proof
