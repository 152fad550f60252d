#pragma once
// Proof it was heard: compares the envelope of what loaxad sent with the envelope of the
// monitor input (a line from the amplifier's output, or a receiver) and says for what share
// of the programme the monitor carried it.
//
// 1. Both envelopes go to dB. The sent one is clamped at silence_dbfs (below it nothing was
//    sent that matters); the monitor one at its own noise floor (its floor_percentile-th
//    level) + floor_margin_db, so a steady hiss or hum becomes a flat line that cannot track
//    anything, whatever its level.
// 2. The delay: the lag in [min_delay_ms, max_delay_ms] that maximises the Pearson
//    correlation of the two clamped envelopes (refined between blocks by a parabola through
//    the peak, for delay_ms only). Pearson on dB levels ignores any fixed gain difference.
//    A long play may slide against its monitor (two sound cards' clocks drifting apart, a
//    server that skipped cycles): each section of section_ms then takes the lag within
//    section_slide_ms of the play's that tracks it best, if that tracks clearly (correlation
//    ≥ section_min_correlation, and better than the play's lag there).
// 3. At that delay, each non-silent sent block counts as carried when, over window_ms centred
//    on it: the correlation is ≥ min_correlation, the monitor moves at all (its clamped
//    level's deviation ≥ min_monitor_deviation_db), and where the monitor stands clearly above
//    its noise (clamp level + visible_db) it sits at the play's gain above what was sent (the
//    median difference over the play) within max_level_error_db RMS. Another programme, a hum
//    or noise on the monitor does not track the sent envelope and so does not count; the
//    level check turns away the other programme that happens to rise and fall in step.
// 4. A quiet passage (a fade, a soft word) that, at the monitor's measured gain, stays under
//    the monitor's floor + visible_db for its whole window cannot be judged from the monitor:
//    it takes the verdict of the nearest block that could (the amplifier does not stop for a
//    quiet passage). Without enough clearly audible monitor blocks to measure the gain, every
//    block is judged on its own window.
//
// Cost: ((max_delay_ms - min_delay_ms) / block_ms + 1) lags × the sent blocks multiply-adds
// for the delay — 161 × 360 000 ≈ 58 M for a 1 h play with the defaults, about 0.1 s on the
// development machine — then O(blocks) for the windows (running sums). Memory: at most about
// 70 bytes per block while it runs (25 MB for a 1 h play), freed on return. Pure function: any
// thread, no shared state; allocates; throws std::invalid_argument on inconsistent options only.

#include <span>

namespace loaxa::proof {

struct HeardOptions {
  int block_ms = 10;                      // the EnvelopeFollower's block length, for both envelopes
  int min_delay_ms = -100;                // the monitor may run slightly ahead (capture clock started late)
  int max_delay_ms = 1500;                // the monitor behind what was sent: buffers, amplifier, receiver
  double silence_dbfs = -50;              // a sent block at or below this is silence: not part of the programme
  double monitor_silence_dbfs = -55;      // a monitor never above this for the play is silent (dead)
  int window_ms = 1000;                   // the local correlation window
  double min_correlation = 0.5;           // a window correlating at least this much carried the programme
  double floor_percentile = 10;           // the monitor's noise floor: this percentile of its levels …
  double floor_margin_db = 3;             // … plus this margin is where the monitor envelope is clamped
  double monitor_range_db = 50;           // … but never deeper than this under its loudest 5 %
  double min_monitor_deviation_db = 0.5;  // a flatter monitor window carries nothing
  double visible_db = 6;                  // above the clamp level, a monitor block is clearly audible
  double max_level_error_db = 6;  // clearly audible monitor blocks stray at most this (RMS) from the play's gain
  // The delay may slide during a long play (two sound cards' clocks, a server skipping
  // cycles): each section of this length may take its own, within section_slide_ms of the
  // play's, when it tracks clearly better there.
  int section_ms = 5000;
  int section_slide_ms = 300;
  double section_min_correlation = 0.5;
};

struct Heard {
  // Share (0..100) of the sent programme's non-silent blocks in which the monitor carried it.
  // 0 when nothing_sent (the caller should then store no heard_pct at all: there was nothing
  // to hear) or when monitor_silent. Never NaN.
  double heard_pct = 0;
  int delay_ms = 0;             // the delay found, monitor behind sent (negative: ahead);
                                // meaningless when correlation is near 0
  double correlation = 0;       // the whole play's envelope correlation at that delay (-1..1)
  bool monitor_silent = false;  // the monitor stayed ≤ monitor_silence_dbfs for the whole play:
                                // dead amplifier, unplugged line
  bool nothing_sent = false;    // every sent block was ≤ silence_dbfs
  int sent_blocks = 0;          // non-silent sent blocks (heard_pct's denominator)
  int carried_blocks = 0;       // of those, the ones the monitor carried
  int inferred_blocks = 0;      // of the sent blocks, those too quiet for the monitor to show,
                                // judged by their neighbours (step 4)
};

// sent: the envelope (linear RMS per block, as EnvelopeFollower makes it) of what loaxad sent;
// block 0 = the play's first frame at the DAC.
// monitor: the monitor input's envelope from the same instant, with up to max_delay_ms more
// at the end. A sent block whose delayed monitor block lies outside it counts as not carried.
Heard match(std::span<const float> sent, std::span<const float> monitor, const HeardOptions& options = {});

}  // namespace loaxa::proof
