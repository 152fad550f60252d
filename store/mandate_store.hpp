#pragma once
// District bulletins (mandates) as the station keeps them (docs/MANDATES.md, migration 8): the
// hub's order and what the station did with it, the slots planned for it, the segments that
// came from the hub, and the two outboxes the sync empties — state changes not yet reported
// and heard % of the mandate plays not yet reported.
//
// Call on the thread that owns the Database. Every write is one WriteTransaction (a savepoint
// inside a caller's transaction) and throws BusyError when the write lock is not had in time.

#include "store/database.hpp"
#include "store/mandate_order.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Statement;
}

namespace loaxa::store {

enum class MandateState { downloading, received, declined, refused, cancelled };
const char* to_string(MandateState state) noexcept;
// Throws std::invalid_argument for any other text.
MandateState parse_mandate_state(const std::string& text);

struct StoredMandate {
  MandateOrder order;
  schedules::UtcTime received_at{};
  MandateState state = MandateState::downloading;
  std::string reason;  // declined: the commune's; refused: why the import failed; else ""
  std::optional<std::int64_t> segment_id;
  std::optional<std::int64_t> programme_id;
  std::optional<int> planned;
  schedules::UtcTime state_at{};
  bool reported = false;
  std::optional<schedules::UtcTime> aired_at_once;
};

// A state the hub has not been told yet.
struct MandateReport {
  std::int64_t mandate_id = 0;
  MandateState state = MandateState::received;
  schedules::UtcTime at{};  // state_at
  std::string reason;
  std::optional<int> planned;
};

// Heard % of a final mandate play, measured after its row went to the hub.
struct HeardReport {
  std::int64_t seq = 0;
  double pct = 0;
};

// A row's columns 0–11 holding an order as both the station's and the hub's mandate tables keep
// it: id, title, category, date_from, date_until, times_per_week, windows, level, the audio's
// sha256, size and file name, issued_at (written from checked terms; read back the same way).
// `cancelled` is left to the caller.
MandateOrder read_order_columns(SQLite::Statement& q);

class MandateStore {
 public:
  explicit MandateStore(Database& db) noexcept : db_(db) {}

  std::optional<StoredMandate> find(std::int64_t id);
  std::vector<StoredMandate> list();  // by id

  // A new order: state 'downloading', received_at = state_at = `at`, reported 0. False
  // (nothing changed) when the id is known.
  bool insert(const MandateOrder& order, schedules::UtcTime at);
  // A later copy of a known order: its title, category, terms, audio and cancel flag as the
  // hub now says; the state is left alone. False for an unknown id.
  bool update_order(const MandateOrder& order);
  // The station's state for the mandate, with its reason and planned count; reported = 0 so
  // the next poll tells the hub. False for an unknown id.
  bool set_state(std::int64_t id, MandateState state, const std::string& reason, std::optional<int> planned,
                 schedules::UtcTime at);
  // Its segment, and its own programme (none for an emergency mandate, which airs at once).
  bool set_content(std::int64_t id, std::int64_t segment_id, std::optional<std::int64_t> programme_id);
  bool set_aired_at_once(std::int64_t id, schedules::UtcTime at);

  // States not yet reported, by mandate id: received, declined, refused (the hub's own cancel
  // is not reported back, nor an order whose audio is still on its way).
  std::vector<MandateReport> unreported();
  // The hub has the report: reported = 1, unless the state changed after it was read (its
  // state_at differs), so a newer state is never lost.
  void mark_reported(std::int64_t id, schedules::UtcTime state_at);

  // Slots planned for mandates.
  void set_slot_mandate(std::int64_t slot_id, std::int64_t mandate_id);
  std::vector<std::int64_t> slots_of(std::int64_t mandate_id);  // by slot id
  std::optional<std::int64_t> mandate_of_slot(std::int64_t slot_id);
  // Every slot that belongs to a mandate, (slot id, mandate id), by slot id.
  std::vector<std::pair<std::int64_t, std::int64_t>> mandate_slots();

  // A segment imported from the hub's audio.
  void set_segment_from_hub(std::int64_t segment_id);
  // 'local' or 'hub'; nullopt for an unknown segment.
  std::optional<std::string> segment_origin(std::int64_t segment_id);

  // Completed plays carrying the mandate id that started in [from, to).
  int aired(std::int64_t mandate_id, schedules::UtcTime from, schedules::UtcTime to);
  // What the play rows of a mandate's slot say of its airing (a mandate slot is one-off: one
  // occurrence; its rows carry the mandate id, which the lookup goes by).
  struct SlotPlays {
    bool any = false;        // a row of any status
    bool completed = false;  // one completed
    bool playing = false;    // one still open
  };
  SlotPlays plays_of_slot(std::int64_t mandate_id, std::int64_t slot_id);

  // Final plays with a mandate id whose heard % is measured and not yet reported, by seq.
  std::vector<HeardReport> unreported_heard(int limit = 500);
  void mark_heard_reported(const std::vector<std::int64_t>& seqs);

 private:
  Database& db_;
};

}  // namespace loaxa::store
