#pragma once
// What the hub keeps, behind one narrow interface: HubStore. The SQLite implementation
// (sqlite_hub_store.hpp) is the only one today; a national hub could implement the same
// class on PostgreSQL — every method is one transaction, and the sequence/chain rules are
// not in the store but in chain_rules.hpp, which an implementation calls inside its
// append_plays transaction (docs/HUB.md, "The store's line").
//
// Thread safety: one HubStore per thread. Methods throw std::runtime_error (SQLite::Exception
// for SQLite) on a storage failure; HubStoreError for a refused change.

#include "common/clock.hpp"
#include "hub/hub_mandates.hpp"
#include "hub/targets.hpp"
#include "schedules/time_zone.hpp"
#include "store/planned_play.hpp"
#include "store/play_store.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace loaxa::hub {

class HubStoreError : public std::runtime_error {
 public:
  enum class Kind { station_exists, no_such_station };
  HubStoreError(Kind kind, const std::string& station_id);
  Kind kind;
  std::string station_id;
};

// What a station last said in its heartbeat.
struct Heartbeat {
  std::string version;
  std::int64_t uptime_s = 0;
  std::string device;
  std::optional<Instant> next_occurrence;
  Instant clock_utc{};
  std::int64_t outbox_depth = 0;
  Instant received_at{};  // the hub's clock
  // clock_utc − received_at: positive when the station's clock is ahead.
  std::chrono::milliseconds clock_offset() const { return clock_utc - received_at; }
};

// Why a station was flagged: it sent a conflicting duplicate or a broken chain.
struct StationFlag {
  std::string kind;  // "conflict"
  std::int64_t seq = 0;
  std::string detail;
  Instant at{};
};

struct Station {
  std::string id;
  std::string name;
  std::string group;  // empty: none
  bool enabled = true;
  std::vector<std::uint8_t> sealed_key;  // KeyVault::seal
  Instant created_at{};
  std::int64_t acked_seq = 0;  // the highest contiguous seq held
  std::optional<Instant> last_contact;
  std::optional<Heartbeat> heartbeat;
  std::optional<StationFlag> flag;  // the first one
  std::int64_t flags = 0;           // how many times it was flagged
};

// The outcome of append_plays (chain_rules.hpp decides it).
struct IngestOutcome {
  enum class Kind { acked, gap, conflict };
  Kind kind = Kind::acked;
  std::int64_t acked_seq = 0;     // after the batch (unchanged unless acked)
  std::int64_t expected_seq = 0;  // gap: the seq the hub needs next
  std::int64_t bad_seq = 0;       // conflict: the row refused
  std::string detail;             // gap, conflict: English, for logs and the station
  std::int64_t stored = 0;        // acked: rows newly stored
};

// One line of the monthly report. `category` empty for a station with no play that month.
struct ReportRow {
  std::string station_id;
  std::string category;
  std::int64_t plays_completed = 0;
  std::int64_t frames_aired = 0;  // frames of every play of the month
  std::int64_t missed = 0;
  std::int64_t interrupted = 0;
  std::optional<Instant> last_contact;
};

// What stations planned to air (their schedules' occurrences, sent ahead: issue 9 item 3),
// counted per station and category over a period. A station appears in `stations` once it
// has sent a plan covering part of the period; its count for a category it planned nothing
// in is then a real 0. A station absent from `stations` sent no plan: its plays scheduled
// are unknown, never 0.
struct PlannedCounts {
  struct Count {
    std::string station_id;
    std::string category;
    std::int64_t planned = 0;
  };
  std::set<std::string> stations;
  std::vector<Count> counts;
};

class HubStore {
 public:
  virtual ~HubStore() = default;

  // Throws HubStoreError{station_exists}.
  virtual void add_station(const Station& station) = 0;
  virtual std::optional<Station> find_station(const std::string& id) = 0;
  virtual std::vector<Station> stations() = 0;
  // Throw HubStoreError{no_such_station}.
  virtual void set_enabled(const std::string& id, bool enabled) = 0;
  virtual void set_sealed_key(const std::string& id, const std::vector<std::uint8_t>& sealed_key) = 0;

  // Records a request's nonce; false when the station used it at or after `forget_before`
  // (a replay). Nonces older than that may be forgotten. Kept across restarts.
  virtual bool remember_nonce(const std::string& id, const std::string& nonce, Instant at, Instant forget_before) = 0;
  virtual void record_contact(const std::string& id, Instant at) = 0;
  virtual void record_heartbeat(const std::string& id, const Heartbeat& heartbeat) = 0;

  // Runs `work`, and every method it calls, in ONE transaction: their changes become durable
  // together, at one commit (one fsync for the several requests the server answers at once).
  // Inside it each method still acts as its own transaction (nested: a savepoint), so one that
  // fails undoes only its own changes. Throws when the commit fails: then nothing of `work`
  // was kept. Every method of an implementation must nest this way.
  virtual void together(const std::function<void()>& work) = 0;

  // Applies `rows` (final plays with seq and hash, in the order sent) after the station's
  // chain, all or nothing, under the rules of chain_rules.hpp; a conflict flags the station
  // (kept even though the batch is refused). `chained`, when given, holds each row's chain
  // hash after the row before it (PlaysBody::chained), computed ahead: the rules use it
  // instead of hashing again when that row is the one before in the chain.
  virtual IngestOutcome append_plays(const std::string& id, const std::vector<store::Play>& rows, Instant received_at,
                                     const std::vector<std::string>& chained = {}) = 0;
  // The plays held for a station, by seq (for tests and tools).
  virtual std::vector<store::Play> plays(const std::string& id) = 0;

  // Per station and category, the plays whose start (else end) is in [from, to); every
  // station appears, a station without plays with an empty category.
  virtual std::vector<ReportRow> report(Instant from, Instant to) = 0;

  // Targets, one per scope, scope name and category: set replaces, remove says whether
  // there was one. Listed by category, then scope (hub, group, station), then name.
  virtual void set_target(const Target& target) = 0;
  virtual bool remove_target(Target::Scope scope, const std::string& scope_name, const std::string& category) = 0;
  virtual std::vector<Target> targets() = 0;

  // The planned plays whose scheduled start is in [from, to) (see PlannedCounts).
  virtual PlannedCounts planned(Instant from, Instant to) = 0;
  // A station's plan over [plan.from, plan.to) replaces what it planned there before (a
  // schedule edited since), and its span joins the spans the station has covered.
  virtual void store_plan(const std::string& id, const store::StationPlan& plan, Instant received_at) = 0;

  // A station's plays whose start (else end) is in [from, to), by seq.
  virtual std::vector<store::Play> plays_between(const std::string& id, Instant from, Instant to) = 0;

  // District bulletins (docs/MANDATES.md; hub_mandates.hpp).
  // Adds the mandate (order.id, cancelled and cancelled_at ignored) addressed to
  // `mandate.stations` (at least one, each on the hub); returns its id. Throws
  // HubStoreError{no_such_station}.
  virtual std::int64_t add_mandate(const Mandate& mandate) = 0;
  // Every mandate, by id.
  virtual std::vector<Mandate> mandates() = 0;
  virtual std::optional<Mandate> find_mandate(std::int64_t id) = 0;
  // Cancels it at `at`, once (a second cancel keeps the first time). False: no such mandate.
  virtual bool cancel_mandate(std::int64_t id, Instant at) = 0;
  // The orders addressed to a station whose `until` is on or after `oldest_until` (a week
  // before the hub's local today), cancelled ones included, by id.
  virtual std::vector<store::MandateOrder> mandates_for_station(const std::string& id,
                                                                schedules::LocalDate oldest_until) = 0;
  // The station's reports: each kept when it concerns a mandate addressed to the station and
  // is not older (by its `at`) than the one kept; the others are ignored.
  virtual void record_mandate_reports(const std::string& id, const std::vector<wire::MandateReport>& reports) = 0;
  // Heard % of the station's plays that carry a mandate (a row without one, or not held, is
  // ignored).
  virtual void record_heard(const std::string& id, const std::vector<wire::HeardReport>& heard) = 0;
  // The mandate and a line per addressed station; its span is its days from..until in `zone`.
  // None: no such mandate.
  virtual std::optional<MandateView> mandate_view(std::int64_t id, const schedules::TimeZone& zone) = 0;
};

}  // namespace loaxa::hub
