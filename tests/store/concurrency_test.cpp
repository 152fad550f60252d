// Several processes on one database file, as the CLI and the daemon share a station's.

#include "children.hpp"
#include "sample_segment.hpp"
#include "store/busy.hpp"
#include "store/migrations.hpp"
#include "store/occurrence_store.hpp"
#include "store/programme_store.hpp"
#include "store/schedule_snapshot.hpp"
#include "store/segment_store.hpp"
#include "store/slot_store.hpp"
#include "store/transaction.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

using namespace loaxa;
using namespace std::chrono;

namespace {

std::string failures(const std::vector<store::test::ChildOutcome>& outcomes) {
  std::ostringstream out;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].ok) out << "child " << i << ": " << outcomes[i].message << '\n';
  }
  return out.str();
}

}  // namespace

TEST_CASE("processes opening a brand-new database file at once all succeed", "[store][concurrency]") {
  constexpr int kProcesses = 6;
  for (int round = 0; round < 20; ++round) {
    test::TempDir dir;
    const auto path = dir / "loaxa.db";
    auto outcomes = store::test::run_together(
        kProcesses,
        [&](int index) {
          store::Database db(path);
          if (db.schema_version() != store::latest_schema_version()) throw std::runtime_error("not migrated");
          if (db.sql().execAndGet("PRAGMA journal_mode").getString() != "wal") throw std::runtime_error("not WAL");
          store::HolidayStore(db).add({year{2027} / 1 / 1, year{2027} / 1 / 1, "process " + std::to_string(index)});
        },
        dir.path());
    INFO("round " << round);
    CHECK(failures(outcomes).empty());
    if (!failures(outcomes).empty()) FAIL(failures(outcomes));
    store::Database db(path);
    CHECK(store::HolidayStore(db).list().size() == kProcesses);
    CHECK(db.sql().execAndGet("SELECT count(*) FROM category").getInt() == 2);  // migration 1 ran once
  }
}

TEST_CASE("two processes writing and reading one file: only BusyError, and no snapshot mixes two states",
          "[store][concurrency]") {
  test::TempDir dir;
  const auto path = dir / "loaxa.db";
  std::int64_t programme = 0;
  {
    store::Database db(path);
    auto segment = store::SegmentStore(db).insert(store::test::sample_segment('a'));
    programme = *store::ProgrammeStore(db).add(
        "Sáng", {schedules::parse_programme_item("segment:" + std::to_string(segment))}, "2026-11-29T00:00:00Z");
  }
  constexpr int kRounds = 150;
  auto outcomes = store::test::run_together(
      2,
      [&](int index) {
        store::Database db(path);
        if (index == 0) {
          // Keeps the number of slots equal to the number of holidays: both in one transaction.
          for (int i = 0; i < kRounds; ++i) {
            try {
              store::WriteTransaction transaction(db);
              schedules::Slot slot;
              slot.programme_id = programme;
              slot.start = schedules::parse_date_time("2027-01-01T05:30");
              store::SlotStore(db).add(slot, "Asia/Ho_Chi_Minh", "t");
              store::HolidayStore(db).add({year{2027} / 1 / 1, year{2027} / 1 / 2, "ngày " + std::to_string(i)});
              transaction.commit();
            } catch (const store::BusyError&) {
            }
          }
        } else {
          // Reads snapshots while writing programmes of its own.
          for (int i = 0; i < kRounds; ++i) {
            auto snapshot = store::load_snapshot(db, schedules::UtcTime{});
            if (snapshot.schedule.slots.size() != snapshot.schedule.holidays.size()) {
              throw std::runtime_error("a snapshot saw " + std::to_string(snapshot.schedule.slots.size()) +
                                       " slots and " + std::to_string(snapshot.schedule.holidays.size()) + " holidays");
            }
            try {
              if (!store::ProgrammeStore(db).add("Chiều " + std::to_string(i), {}, "t")) {
                throw std::runtime_error("a fresh programme name was taken");
              }
            } catch (const store::BusyError&) {
            }
          }
        }
      },
      dir.path());
  CHECK(failures(outcomes).empty());
  store::Database db(path);
  auto snapshot = store::load_snapshot(db, schedules::UtcTime{});
  CHECK(snapshot.schedule.slots.size() == snapshot.schedule.holidays.size());
  CHECK(snapshot.schedule.slots.size() > 0);
  CHECK(snapshot.schedule.programmes.size() > 1);
}

TEST_CASE("a write lock held past the busy timeout is a BusyError, for a write and for a migration",
          "[store][concurrency][slow]") {
  test::TempDir dir;
  const auto path = dir / "loaxa.db";
  { store::Database setup(path); }
  const auto old_path = dir / "old.db";
  std::filesystem::copy_file(std::filesystem::path(LOAXA_SOURCE_DIR) / "tests/store/fixtures/schema-v2.db", old_path);

  SQLite::Database holder(path.string(), SQLite::OPEN_READWRITE);
  holder.exec("BEGIN IMMEDIATE");
  SQLite::Database old_holder(old_path.string(), SQLite::OPEN_READWRITE);
  old_holder.exec("BEGIN IMMEDIATE");

  store::Database other(path);  // up to date: opening needs no write lock
  CHECK_THROWS_AS(store::HolidayStore(other).add({year{2027} / 1 / 1, year{2027} / 1 / 1, "x"}), store::BusyError);
  CHECK(store::load_snapshot(other, schedules::UtcTime{}).schedule.holidays.empty());  // reads go on
  CHECK_THROWS_AS(store::Database(old_path), store::BusyError);                        // version 2: must migrate

  holder.exec("ROLLBACK");
  old_holder.exec("ROLLBACK");
  CHECK(store::HolidayStore(other).add({year{2027} / 1 / 1, year{2027} / 1 / 1, "x"}) > 0);
  CHECK(store::Database(old_path).schema_version() == store::latest_schema_version());
}

TEST_CASE("two processes freezing the same occurrences: each is frozen once, wholly by one of them",
          "[store][concurrency][occurrence]") {
  test::TempDir dir;
  const auto path = dir / "loaxa.db";
  { store::Database setup(path); }
  constexpr int kOccurrences = 60;
  const auto first = schedules::UtcTime{sys_days{year{2027} / 1 / 1}};
  auto outcomes = store::test::run_together(
      2,
      [&](int index) {
        store::Database db(path);
        const std::string who = "process " + std::to_string(index);
        for (int i = 0; i < kOccurrences; ++i) {
          schedules::FrozenOccurrence o;
          o.slot_id = 1 + i % 3;
          o.nominal_start = first + minutes(i);
          o.start = o.nominal_start;
          for (int item = 0; item < 3; ++item) {
            schedules::PlannedItem planned;
            planned.segment_id = std::to_string(item + 1);
            planned.title = who;
            planned.planned_ms = 1000;
            o.items.push_back(planned);
          }
          try {
            store::OccurrenceStore(db).freeze(o, 1, who);
          } catch (const store::BusyError&) {
          }
        }
      },
      dir.path());
  CHECK(failures(outcomes).empty());
  store::Database db(path);
  auto frozen = store::OccurrenceStore(db).frozen_since(first);
  CHECK(frozen.size() == kOccurrences);
  // An occurrence's items all come from the process whose freeze won.
  SQLite::Statement mixed(db.sql(),
                          "SELECT count(*) FROM occurrence o JOIN occurrence_item i ON i.occurrence_id = o.id "
                          "WHERE i.title <> o.frozen_at");
  REQUIRE(mixed.executeStep());
  CHECK(mixed.getColumn(0).getInt() == 0);
  for (const auto& o : frozen) CHECK(o.items.size() == 3);
}
