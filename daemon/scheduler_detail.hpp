#pragma once
// What the scheduler's parts (scheduler.cpp, scheduler_misfires.cpp,
// scheduler_operator.cpp) share: reason codes and how an occurrence is named in the log.
// Internal to daemon/.

#include "audio/analysis.hpp"
#include "schedules/timeline.hpp"
#include "store/play_store.hpp"
#include "store/segment_store.hpp"
#include "store/utc_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace loaxa::daemon::scheduler_detail {

inline constexpr const char* kNoInput = "no_input";          // no [relay] input names the source
inline constexpr const char* kInputFailed = "input_failed";  // the input named would not open
inline constexpr const char* kUnknownSegment = "unknown_segment";
inline constexpr const char* kStopped = store::play_reason::stopped;
inline constexpr const char* kNotPrepared = "not_prepared";

inline const char* decode_reason(audio::DecodeError::Kind kind) noexcept {
  switch (kind) {
    case audio::DecodeError::Kind::missing:
      return "file_missing";
    case audio::DecodeError::Kind::unreadable:
      return "file_unreadable";
    case audio::DecodeError::Kind::empty:
      return "file_empty";
    case audio::DecodeError::Kind::not_audio:
      return "file_not_audio";
    case audio::DecodeError::Kind::no_audio:
      return "file_no_audio";
    case audio::DecodeError::Kind::bad_format:
      return "file_bad_format";
    case audio::DecodeError::Kind::corrupt:
      return "corrupt";
  }
  return "file_unreadable";
}

inline std::optional<std::int64_t> segment_number(const std::string& id) {
  std::int64_t value = 0;
  const auto* end = id.data() + id.size();
  auto [ptr, ec] = std::from_chars(id.data(), end, value);
  if (ec != std::errc() || ptr != end || id.empty()) return std::nullopt;
  return value;
}

// A segment's playable span (its trimmed length): how long it airs.
inline std::chrono::milliseconds playable_length(const store::Segment& segment) {
  return std::chrono::milliseconds(std::max<std::int64_t>(0, segment.trim_end_ms - segment.trim_start_ms));
}

// A manual airing's key: what it is, when it was asked for, and who asked (when known) — the
// as-run log's record of the request (in the play's canonical text, so the hub has it too).
inline std::string manual_key(const char* what, Instant at, const std::string& asked_by = {}) {
  std::string key = std::string(what) + "@" + store::utc_text(at);
  if (!asked_by.empty()) key += " by " + asked_by;
  return key;
}

inline std::string occurrence_text(const schedules::Occurrence& o) {
  return fmt::format("{} (slot {}, {})", o.programme_name, o.slot_id, store::utc_text(o.start));
}

}  // namespace loaxa::daemon::scheduler_detail
