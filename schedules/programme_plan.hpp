#pragma once
// Resolving a programme's items for one airing: which segments, how long, and which are
// skipped and why (rules P1-P5 in docs/SCHEDULING.md). Pure given its inputs.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schedules/catalogue.hpp"
#include "schedules/civil_time.hpp"
#include "schedules/programme.hpp"

namespace loaxa::schedules {

enum class SkipReason {
  unknown_segment,  // the id is not in the catalogue
  not_approved,     // chưa duyệt
  not_yet_valid,    // before its valid_from date
  expired,          // after its valid_until date
  rotation_short,   // rotate:CAT:N found fewer than N eligible segments; `missing` says how many
};
const char* to_string(SkipReason reason) noexcept;

struct PlannedItem {
  ItemKind kind = ItemKind::segment;
  std::string segment_id;             // empty for relay and rotation_short
  std::string title;                  // segment title, or the relay source
  std::string category;               // segment's category (rotate: the rotated one)
  std::int64_t planned_ms = 0;        // 0 when skipped
  std::optional<SkipReason> skipped;  // set: not played, logged by the daemon
  int missing = 0;                    // rotation_short only
};

// Last airing per segment, as seen by a plan in progress: the catalogue's as-run value and
// what earlier occurrences of the same replay aired or planned, whichever is later.
class RotationState {
 public:
  // The latest airing strictly before `before`: the catalogue's last_aired counts only when
  // earlier, since a plan may not depend on what aired after it (rule T10).
  std::optional<UtcTime> last_aired(const SegmentInfo& segment, UtcTime before) const;
  void mark_planned(const std::string& segment_id, UtcTime at);

 private:
  std::map<std::string, UtcTime, std::less<>> planned_;
};

// Why a segment cannot air on `date`, if it cannot.
std::optional<SkipReason> ineligibility(const SegmentInfo& segment, LocalDate date) noexcept;

// The items of `programme` for an airing starting at `start` (local date `date`). Advances
// `rotation` with every segment planned, so the next airing rotates further.
std::vector<PlannedItem> plan_programme(const Programme& programme, const Catalogue& catalogue, LocalDate date,
                                        UtcTime start, RotationState& rotation);

std::int64_t total_ms(const std::vector<PlannedItem>& items) noexcept;

// Planned length of one airing on `date` at `start`, rotation from the catalogue only.
std::int64_t planned_length_ms(const Programme& programme, const Catalogue& catalogue, LocalDate date, UtcTime start);

// Longest any airing of `programme` can be with the library as it is: every fixed segment
// and jingle whether approved yet or not, the N longest segments of each rotated category,
// and the relays. The session cap is checked against it (a programme is usually built
// before its bulletins are approved), and the timeline uses it to bound how far an
// occurrence can reach (rule T7).
std::int64_t longest_length_ms(const Programme& programme, const Catalogue& catalogue);

// Refuses a programme longer than the local cap on a session (rule P6).
// Throws ScheduleError{programme_too_long, subject = name, value = planned ms, limit = cap ms}.
void check_programme_length(std::string_view name, std::int64_t planned_ms, int max_session_minutes);

struct ProgrammeWarning {
  enum class Kind {
    empty_programme,  // no items
    unknown_segment,  // subject: segment id
    not_approved,     // subject: segment id
    not_yet_valid,    // subject: segment id
    expired,          // subject: segment id
    rotation_short,   // subject: category; value = eligible now, wanted = N
  };
  Kind kind;
  std::size_t item_index = 0;  // 0-based position in the programme
  std::string subject;
  int value = 0;
  int wanted = 0;
};
const char* to_string(ProgrammeWarning::Kind kind) noexcept;

// Creation-time checks (rule P5): what would be skipped if the programme aired on `date`.
std::vector<ProgrammeWarning> validate_programme(const Programme& programme, const Catalogue& catalogue,
                                                 LocalDate date);

}  // namespace loaxa::schedules
