#pragma once
// HubStore on SQLite: the file hub.db in the hub's home, WAL mode, a busy timeout, schema
// migrations numbered in PRAGMA user_version like the station's (store/migrations.hpp).
// Every method is one transaction (BEGIN IMMEDIATE for writes).
//
// Thread safety: one SqliteHubStore per thread; several processes (the server and the
// operator's `loaxa-hub station …`) may share the file.

#include "hub/hub_store.hpp"

#include <filesystem>
#include <memory>

namespace SQLite {
class Database;
}

namespace loaxa::hub {

class SqliteHubStore final : public HubStore {
 public:
  // Opens (creating if needed, mode 0600) and migrates. Throws std::runtime_error when the
  // file is newer than this program, SQLite::Exception otherwise.
  explicit SqliteHubStore(const std::filesystem::path& file);
  ~SqliteHubStore() override;

  int schema_version();

  void add_station(const Station& station) override;
  std::optional<Station> find_station(const std::string& id) override;
  std::vector<Station> stations() override;
  void set_enabled(const std::string& id, bool enabled) override;
  void set_sealed_key(const std::string& id, const std::vector<std::uint8_t>& sealed_key) override;
  bool remember_nonce(const std::string& id, const std::string& nonce, Instant at, Instant forget_before) override;
  void record_contact(const std::string& id, Instant at) override;
  void record_heartbeat(const std::string& id, const Heartbeat& heartbeat) override;
  void together(const std::function<void()>& work) override;
  IngestOutcome append_plays(const std::string& id, const std::vector<store::Play>& rows, Instant received_at,
                             const std::vector<std::string>& chained = {}) override;
  std::vector<store::Play> plays(const std::string& id) override;
  std::vector<ReportRow> report(Instant from, Instant to) override;
  // Targets, plans and a station's plays: sqlite_hub_store_reports.cpp.
  void set_target(const Target& target) override;
  bool remove_target(Target::Scope scope, const std::string& scope_name, const std::string& category) override;
  std::vector<Target> targets() override;
  PlannedCounts planned(Instant from, Instant to) override;
  void store_plan(const std::string& id, const store::StationPlan& plan, Instant received_at) override;
  std::vector<store::Play> plays_between(const std::string& id, Instant from, Instant to) override;
  // District bulletins: sqlite_hub_store_mandates.cpp.
  std::int64_t add_mandate(const Mandate& mandate) override;
  std::vector<Mandate> mandates() override;
  std::optional<Mandate> find_mandate(std::int64_t id) override;
  bool cancel_mandate(std::int64_t id, Instant at) override;
  std::vector<store::MandateOrder> mandates_for_station(const std::string& id,
                                                        schedules::LocalDate oldest_until) override;
  void record_mandate_reports(const std::string& id, const std::vector<wire::MandateReport>& reports) override;
  void record_heard(const std::string& id, const std::vector<wire::HeardReport>& heard) override;
  std::optional<MandateView> mandate_view(std::int64_t id, const schedules::TimeZone& zone) override;

  // The connection, for the methods defined in other files and for the hub's other SQLite
  // stores (accounts, month close), which share it and its migrations. Same thread rule.
  SQLite::Database& database();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

int hub_schema_version_latest() noexcept;

}  // namespace loaxa::hub
