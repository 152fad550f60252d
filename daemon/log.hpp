#pragma once
// The daemon's log: one line per event on stderr (journald keeps it under systemd), each
// naming its domain ("player", "amplifier", "schedule", ...). The same line repeated within
// a minute is written once; the next time it is written, it says how many were held back, so
// a sound card failing every block cannot fill the disk.
//
// Thread safety: the event-loop thread only (the audio thread never logs). Nothing throws
// but std::bad_alloc.

#include "common/clock.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace loaxa::daemon {

// How much a line matters; journald keeps it as the line's priority.
enum class LogLevel { error = 3, warning = 4, info = 6 };

// The last warning or error, for `loaxa status`.
struct Problem {
  Instant at;
  std::string domain;
  std::string text;
};

class Log {
 public:
  // `clock` decides the minute of rate limiting (injected: tests step it). With
  // `priority_prefix`, each line starts with its syslog priority ("<4>"), which journald
  // reads from a service's stderr (the daemon sets it when $JOURNAL_STREAM says stderr is
  // the journal).
  Log(const Clock& clock, std::ostream& out, std::chrono::milliseconds repeat_window = std::chrono::minutes(1),
      bool priority_prefix = false);

  // Writes "loaxad[domain]: text", unless the same domain and text were written within the
  // window; then it is only counted.
  void write(std::string_view domain, const std::string& text) { write(LogLevel::info, domain, text); }
  void warn(std::string_view domain, const std::string& text) { write(LogLevel::warning, domain, text); }
  void error(std::string_view domain, const std::string& text) { write(LogLevel::error, domain, text); }
  void write(LogLevel level, std::string_view domain, const std::string& text);

  // The latest warning or error, held back or not.
  const std::optional<Problem>& last_problem() const noexcept { return last_problem_; }

  // How many lines were held back since the start (for tests and the status page).
  std::uint64_t held_back() const noexcept { return held_back_total_; }

 private:
  struct Seen {
    Instant last_written;
    std::uint64_t held_back = 0;
  };
  const Clock& clock_;
  std::ostream& out_;
  std::chrono::milliseconds window_;
  std::map<std::pair<std::string, std::string>, Seen> seen_;
  std::uint64_t held_back_total_ = 0;
  bool priority_prefix_;
  std::optional<Problem> last_problem_;
};

}  // namespace loaxa::daemon
