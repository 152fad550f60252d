#pragma once
// "Now", read in one place. Everything that needs the current time takes a Clock, so a test
// (or an operator reproducing a problem with LOAXA_NOW) can set it, and nothing depends on
// the day the code happens to run.
//
// Thread safety: now() may be called from any thread; set()/advance() on a ManualClock
// belong to the thread that owns it (tests).

#include <chrono>
#include <string>

namespace loaxa {

// A UTC instant to the millisecond; the same type as schedules::UtcTime.
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

// The wall clock at full resolution: for mapping a UTC instant onto the steady clock to the
// frame (a millisecond is 48 frames), where Instant's rounding would add up to 1 ms.
using PreciseInstant = std::chrono::sys_time<std::chrono::nanoseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
  // now() without the rounding to the millisecond; a clock that only has milliseconds (a
  // test's) gives now().
  virtual PreciseInstant precise_now() const { return now(); }
};

// The machine's wall clock.
class SystemClock final : public Clock {
 public:
  Instant now() const override;
  PreciseInstant precise_now() const override;
};

// The wall clock moved by a fixed offset: starts at `start` when constructed and runs on
// in real time from there, so a moved "now" still advances (LOAXA_NOW).
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(Instant start);
  Instant now() const override;
  PreciseInstant precise_now() const override;

 private:
  std::chrono::milliseconds offset_;
};

// Stands still until told otherwise: for tests that step through time.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) noexcept : now_(start) {}
  Instant now() const override { return now_; }
  void set(Instant at) noexcept { now_ = at; }
  void advance(std::chrono::milliseconds by) noexcept { now_ += by; }

 private:
  Instant now_;
};

// "2027-02-01T05:00:00Z": an instant as ISO 8601 UTC to the second, as stored in the database.
std::string iso_utc(Instant at);

}  // namespace loaxa
