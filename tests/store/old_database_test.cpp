// Migrations run on real database files left by released versions (tests/store/fixtures,
// made by make-old-databases from the SQL of migrations 1 to 3).

#include "schedules/civil_time.hpp"
#include "schema_dump.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/occurrence_store.hpp"
#include "store/play_store.hpp"
#include "store/programme_store.hpp"
#include "store/schedule_snapshot.hpp"
#include "store/slot_store.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace loaxa;
using store::test::rows_of;
using store::test::schema_of;

namespace {

std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(LOAXA_SOURCE_DIR) / "tests" / "store" / "fixtures" / name;
}

// A private copy, so the test never writes to the committed file.
std::filesystem::path copy_of(const std::string& name, const test::TempDir& dir) {
  auto target = dir / name;
  std::filesystem::copy_file(fixture(name), target);
  return target;
}

// The rows of every table that migration 3 does not change, read with plain SQLite.
std::map<std::string, std::vector<std::string>> unchanged_tables(SQLite::Database& db) {
  std::map<std::string, std::vector<std::string>> out;
  // (table, order): the two tables keyed by (owner, position/date) have no rowid order that
  // survives a rebuild, so they are sorted by their key.
  const std::pair<const char*, const char*> tables[] = {{"category", "rowid"},      {"segment", "rowid"},
                                                        {"programme", "rowid"},     {"programme_item", "1, 2"},
                                                        {"slot_exception", "1, 2"}, {"holiday", "rowid"}};
  for (const auto& [table, order] : tables) {
    // segment.origin came with migration 8, its default for every older row.
    if (db.tableExists(table)) out[table] = rows_of(db, table, {"origin"}, order);
  }
  return out;
}

std::map<std::string, std::string> fresh_schema() {
  test::TempDir dir;
  store::Database fresh(dir / "fresh.db");
  return schema_of(fresh.sql());
}

}  // namespace

TEST_CASE("a version 1 database file is migrated with every row kept", "[store][migrations][fixture]") {
  test::TempDir dir;
  const auto path = copy_of("schema-v1.db", dir);
  std::map<std::string, std::vector<std::string>> before;
  {
    SQLite::Database old(path.string(), SQLite::OPEN_READONLY);
    REQUIRE(old.execAndGet("PRAGMA user_version").getInt() == 1);
    before = unchanged_tables(old);
  }
  REQUIRE(before["segment"].size() == 5);
  REQUIRE(before["category"].size() == 4);

  store::Database db(path);
  CHECK(db.schema_version() == store::latest_schema_version());
  CHECK(schema_of(db.sql()) == fresh_schema());
  auto after = unchanged_tables(db.sql());
  CHECK(after["segment"] == before["segment"]);
  CHECK(after["category"] == before["category"]);
  CHECK(after["programme"].empty());
  CHECK(store::load_snapshot(db, schedules::UtcTime{}).catalogue.segments().size() == 5);
}

TEST_CASE("a version 2 database file is migrated: rows kept, slots keep the wall time typed",
          "[store][migrations][fixture]") {
  test::TempDir dir;
  const auto path = copy_of("schema-v2.db", dir);
  std::map<std::string, std::vector<std::string>> before;
  std::vector<std::string> slots_before;
  {
    SQLite::Database old(path.string(), SQLite::OPEN_READONLY);
    REQUIRE(old.execAndGet("PRAGMA user_version").getInt() == 2);
    before = unchanged_tables(old);
    slots_before = rows_of(old, "slot", {"start_utc", "mandate_id"});
  }
  REQUIRE(before["programme_item"].size() == 7);
  REQUIRE(before["slot_exception"].size() == 4);
  REQUIRE(before["holiday"].size() == 3);
  REQUIRE(slots_before.size() == 5);

  store::Database db(path);
  CHECK(db.schema_version() == store::latest_schema_version());
  CHECK(schema_of(db.sql()) == fresh_schema());
  CHECK(unchanged_tables(db.sql()) == before);
  CHECK(rows_of(db.sql(), "slot", {"start_local", "mandate_id"}) == slots_before);
  CHECK(db.sql().execAndGet("SELECT count(*) FROM sqlite_temp_schema").getInt() == 0);

  // What the operator typed, whatever the zone's offset or DST on that day.
  const std::map<std::int64_t, std::pair<std::string, std::string>> typed{
      {1, {"2026-12-01T05:30:00", "Asia/Ho_Chi_Minh"}}, {2, {"2026-12-01T17:00:00", "Asia/Ho_Chi_Minh"}},
      {3, {"2027-03-28T05:30:00", "Europe/Berlin"}},  // the day the clocks go forward
      {4, {"2026-10-25T02:30:00", "Europe/Berlin"}},  // the night 02:30 happens twice
      {5, {"2027-01-15T18:45:00", "Asia/Ho_Chi_Minh"}},
  };
  auto slots = store::SlotStore(db).list();
  REQUIRE(slots.size() == typed.size());
  for (const auto& stored : slots) {
    INFO("slot " << stored.slot.id);
    const auto& [local, zone] = typed.at(stored.slot.id);
    CHECK(schedules::format_date_time(stored.slot.start) == local);
    CHECK(stored.time_zone == zone);
  }
  auto first = store::SlotStore(db).find(1);
  REQUIRE(first);
  CHECK(first->slot.rrule == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA");
  CHECK(first->slot.exception_dates.size() == 2);
  CHECK(store::SlotStore(db).find(3)->slot.exception_dates.size() == 1);
  CHECK_FALSE(store::SlotStore(db).find(2)->slot.enabled);
  CHECK(store::SlotStore(db).find(2)->slot.level == schedules::SlotLevel::priority);

  // The migrated database works as a new one does.
  auto snapshot = store::load_snapshot(db, schedules::UtcTime{});
  CHECK(snapshot.schedule.slots.size() == 5);
  CHECK(snapshot.schedule.programmes.size() == 2);
  CHECK(snapshot.schedule.holidays.size() == 3);
  CHECK(store::ProgrammeStore(db).remove(1) == store::RemoveResult::in_use);
  CHECK(store::SlotStore(db).remove(1));
  CHECK(db.sql().execAndGet("SELECT count(*) FROM slot_exception WHERE slot_id = 1").getInt() == 0);
  SQLite::Statement violations(db.sql(), "PRAGMA foreign_key_check");
  CHECK_FALSE(violations.executeStep());
  CHECK(db.sql().execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("a version 3 database file is migrated: every row kept, an empty as-run log that works",
          "[store][migrations][fixture]") {
  test::TempDir dir;
  const auto path = copy_of("schema-v3.db", dir);
  std::map<std::string, std::vector<std::string>> before;
  std::vector<std::string> slots_before, occurrences_before, items_before;
  {
    SQLite::Database old(path.string(), SQLite::OPEN_READONLY);
    REQUIRE(old.execAndGet("PRAGMA user_version").getInt() == 3);
    before = unchanged_tables(old);
    slots_before = rows_of(old, "slot", {"mandate_id"});
    occurrences_before = rows_of(old, "occurrence");
    items_before = rows_of(old, "occurrence_item", {}, "1, 2");
    CHECK_FALSE(old.tableExists("play"));
  }
  REQUIRE(slots_before.size() == 5);
  REQUIRE(occurrences_before.size() == 2);
  REQUIRE(items_before.size() == 6);

  store::Database db(path);
  CHECK(db.schema_version() == store::latest_schema_version());
  CHECK(schema_of(db.sql()) == fresh_schema());
  CHECK(unchanged_tables(db.sql()) == before);
  CHECK(rows_of(db.sql(), "slot", {"mandate_id"}) == slots_before);
  CHECK(rows_of(db.sql(), "occurrence") == occurrences_before);
  CHECK(rows_of(db.sql(), "occurrence_item", {}, "1, 2") == items_before);

  // Frozen history still reads, and the new log takes its first rows.
  const auto morning = schedules::UtcTime{schedules::parse_date_time("2026-11-30T22:30:00").time_since_epoch()};
  auto frozen = store::OccurrenceStore(db).find(1, morning);
  REQUIRE(frozen);
  CHECK(frozen->items.size() == 5);
  store::PlayStore plays(db);
  CHECK(plays.list().empty());
  CHECK(plays.verify_chain().ok());
  store::PlayItem item;
  item.occurrence = store::OccurrenceKey::of_slot(1, morning + std::chrono::days(2));
  item.programme_name = "Bản tin sáng";
  item.title = "Nhạc hiệu đài xã";
  item.category = "CDS";
  item.segment_id = 1;
  const auto id = plays.open_play(item, morning + std::chrono::days(2));
  CHECK(plays.finalise(id, store::PlayStatus::completed, "", morning + std::chrono::days(2) + std::chrono::seconds(8),
                       352800, 0) == 1);
  CHECK(plays.verify_chain().ok());
  CHECK(db.sql().execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("a database file from a newer program is refused and left as it is", "[store][migrations][fixture]") {
  test::TempDir dir;
  const auto path = copy_of("schema-v2.db", dir);
  const int newer = store::latest_schema_version() + 1;
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = " + std::to_string(newer));
  }
  CHECK_THROWS_AS(store::Database(path), std::runtime_error);
  SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == newer);
  CHECK(raw.tableExists("slot"));
  CHECK(raw.execAndGet("SELECT count(*) FROM slot WHERE start_utc IS NOT NULL").getInt() == 5);
}
