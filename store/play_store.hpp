#pragma once
// The as-run log (nhật ký phát): one `play` row per item that aired or was skipped, the
// station's proof of play (docs/ASRUN.md).
//
// A row is opened (`playing`) when its audio starts, updated with progress while it plays,
// and finalised once: finalising assigns the station's next sequence number `seq` and
// `hash = SHA-256(previous hash, canonical form of the row)`, in one write transaction, so
// two processes finalising at once never share or skip a seq. A row left `playing` by a
// crash or power cut is finalised by recover_open() at the next start.
//
// Call on the thread that owns the Database. Writes throw BusyError when the write lock is
// not had within the busy timeout, PlayError for a row that cannot take the change,
// SQLite::Exception for other failures.

#include "schedules/civil_time.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::store {

enum class PlayStatus { playing, completed, interrupted, failed, skipped, missed };
// The bulletin's level as it aired: thông thường, ưu tiên, khẩn cấp.
enum class PlayLevel { normal, priority, emergency };

const char* to_string(PlayStatus status) noexcept;
const char* to_string(PlayLevel level) noexcept;
std::optional<PlayStatus> play_status_from(std::string_view text) noexcept;
std::optional<PlayLevel> play_level_from(std::string_view text) noexcept;

// Reason codes the station writes (the column is open text, for codes to come).
namespace play_reason {
inline constexpr const char* crash = "crash";              // open at a crash or power cut
inline constexpr const char* device_lost = "device_lost";  // the sound card vanished
inline constexpr const char* preempted = "preempted";      // cut (or dropped) for an emergency
inline constexpr const char* not_approved = "not_approved";
inline constexpr const char* stopped = "stopped";          // `loaxa stop`, or the service stopping
inline constexpr const char* station_off = "station_off";  // its time passed while loaxad was not running
}  // namespace play_reason

// Which airing a play belongs to: an occurrence of a slot, or a manual airing (an emergency
// announcement, an operator's "play now") named by its own key.
struct OccurrenceKey {
  std::int64_t slot_id = 0;
  schedules::UtcTime nominal_start{};
  std::string manual;  // non-empty for a manual airing; then slot_id/nominal_start are unused

  static OccurrenceKey of_slot(std::int64_t slot_id, schedules::UtcTime nominal_start);
  static OccurrenceKey of_manual(std::string key);
  bool is_manual() const noexcept { return !manual.empty(); }
  // "slot:3@2026-11-30T22:30:00.000Z" or "manual:KEY": the form in the canonical text.
  std::string text() const;
};

// What was meant to air.
struct PlayItem {
  OccurrenceKey occurrence;
  std::optional<std::int64_t> programme_id;
  std::string programme_name;
  int position = 0;                        // in the programme, 0-based
  std::optional<std::int64_t> segment_id;  // none for a relay
  std::string segment_sha256;              // empty when there is no segment
  std::string category;
  std::string title;  // the segment's title, or the relay's source
  PlayLevel level = PlayLevel::normal;
  std::optional<schedules::UtcTime> scheduled_start;
  // The district bulletin (docs/MANDATES.md) this airing answers; a slot's play takes its
  // slot's when none is given. In the canonical form only when set.
  std::optional<std::int64_t> mandate_id;
};

// How much of a play the monitor line carried (proof/heard_matcher.hpp).
struct Heard {
  double pct = 0;    // 0..100
  int delay_ms = 0;  // the monitor behind what was sent
};

struct Play {
  std::int64_t id = 0;
  PlayItem item;
  std::optional<schedules::UtcTime> started_at;   // none for a play that never started
  std::optional<schedules::UtcTime> progress_at;  // last progress report while playing
  std::optional<schedules::UtcTime> ended_at;
  std::int64_t frames = 0;  // frames the device consumed
  std::int64_t underruns = 0;
  PlayStatus status = PlayStatus::playing;
  std::string reason;               // empty: none
  std::optional<std::int64_t> seq;  // set when final
  std::string hash;                 // set when final
  // Measured after the row is final, outside the hash chain; none without a monitor.
  std::optional<Heard> heard;
};

class PlayError : public std::runtime_error {
 public:
  enum class Kind {
    no_such_play,      // id
    already_final,     // id, status = its final status
    not_final_status,  // status = the one given (playing where a final one is needed)
    not_skip_status,   // status = the one given (record_skipped takes skipped or missed)
  };
  PlayError(Kind kind, std::int64_t id, PlayStatus status);
  Kind kind;
  std::int64_t id;
  PlayStatus status;
};

struct PlayFilter {
  std::optional<schedules::UtcTime> from;  // rows whose time is at or after
  std::optional<schedules::UtcTime> to;    // and before
  std::optional<PlayStatus> status;
};

// The outcome of verify_chain(): `first_bad_seq` is the first seq whose row is missing
// (`gap`) or whose hash does not match its row and the previous hash (`hash_mismatch`).
struct ChainCheck {
  enum class Problem { none, gap, hash_mismatch };
  Problem problem = Problem::none;
  std::optional<std::int64_t> first_bad_seq;
  std::int64_t rows_checked = 0;
  bool ok() const noexcept { return problem == Problem::none; }
};

// The text a finalised row is hashed as (docs/ASRUN.md, "The canonical form"), and its hash
// after `previous_hash` (64 zeros before the first row). Pure; any thread.
std::string canonical_form(const Play& play);
std::string chain_hash(const std::string& previous_hash, const Play& play);
inline constexpr std::string_view kFirstPreviousHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

class PlayStore {
 public:
  explicit PlayStore(Database& db) noexcept : db_(db) {}

  // A row for an item whose audio starts at `started_at`; status playing. Returns its id.
  std::int64_t open_play(const PlayItem& item, schedules::UtcTime started_at);

  // Records how far an open play got. Throws PlayError{no_such_play, already_final}.
  void progress(std::int64_t id, std::int64_t frames, std::int64_t underruns, schedules::UtcTime at);

  // Closes an open play with a final status; returns the seq it got. Throws
  // PlayError{no_such_play, already_final, not_final_status}.
  std::int64_t finalise(std::int64_t id, PlayStatus status, const std::string& reason, schedules::UtcTime ended_at,
                        std::int64_t frames, std::int64_t underruns);

  // What the monitor heard of a final play (once; a later call overwrites). Throws
  // PlayError{no_such_play}.
  void set_heard(std::int64_t id, const Heard& heard);

  // An item that never started (skipped or missed), final at once; `at` is its end (when it
  // was given up). Returns its seq. Throws PlayError{not_skip_status}.
  std::int64_t record_skipped(const PlayItem& item, PlayStatus status, const std::string& reason,
                              schedules::UtcTime at);

  // Finalises every row still playing (left by a crash or power cut) as interrupted, reason
  // crash, ending at its last progress (else its start), never after `at`. One transaction:
  // run twice or by two processes at once, each row is finalised exactly once. Returns how
  // many rows it finalised.
  int recover_open(schedules::UtcTime at);

  std::optional<Play> find(std::int64_t id);

  // The positions of an occurrence's items that have a row, whatever their status: what a
  // restart must not air again.
  std::set<int> positions_recorded(const OccurrenceKey& occurrence);

  // Rows whose time (start, else end) is within the filter, ordered by that time then id.
  std::vector<Play> list(const PlayFilter& filter = {});

  // Final rows with seq > `after`, in seq order, at most `limit`: the outbox for the hub.
  std::vector<Play> final_after(std::int64_t after, std::size_t limit);
  // The highest seq given so far (0 before the first final row).
  std::int64_t latest_seq();

  // Walks the chain from seq 1; reports the first missing or altered row. Removing the last
  // rows leaves a shorter chain that verifies: the hub, which has acknowledged seqs, sees that.
  ChainCheck verify_chain();

 private:
  void link(Play& play);
  void write_final(const Play& play);
  Database& db_;
};

}  // namespace loaxa::store
