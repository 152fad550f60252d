#pragma once
// A programme (chuyên mục): a name and an ordered list of items, written by operators as
//   segment:ID            a fixed segment
//   jingle:ID             a segment played as a jingle (not counted as content)
//   rotate:CATEGORY:N     N segments of CATEGORY in rotation (rule P3)
//   relay:SOURCE:DURATION a relay of a line-in/stream source, e.g. relay:linein:10m
// Pure values and parsers; throw ScheduleError{bad_item}.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::schedules {

enum class ItemKind { segment, jingle, rotate, relay };

struct ProgrammeItem {
  ItemKind kind = ItemKind::segment;
  std::string segment_id;            // segment, jingle
  std::string category;              // rotate
  int count = 0;                     // rotate: 1..99
  std::string source;                // relay, e.g. "linein", "vov1"
  std::chrono::seconds duration{0};  // relay

  friend bool operator==(const ProgrammeItem&, const ProgrammeItem&) = default;
};

struct Programme {
  std::int64_t id = 0;
  std::string name;
  std::vector<ProgrammeItem> items;
};

ProgrammeItem parse_programme_item(std::string_view text);
// Whitespace- or newline-separated items, e.g. a file or a CLI argument list joined.
std::vector<ProgrammeItem> parse_programme_items(std::string_view text);
std::string format_programme_item(const ProgrammeItem& item);  // parse's inverse
const char* to_string(ItemKind kind) noexcept;

}  // namespace loaxa::schedules
