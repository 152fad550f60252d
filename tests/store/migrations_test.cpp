#include "store/migrations.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

using loaxa::store::Database;

TEST_CASE("a new database reaches the latest schema version", "[store][migrations]") {
  auto db = Database::in_memory();
  CHECK(db.schema_version() == loaxa::store::latest_schema_version());
  CHECK(db.sql().execAndGet("PRAGMA foreign_keys").getInt() == 1);
}

TEST_CASE("migrations are numbered 1, 2, 3 … without gaps", "[store][migrations]") {
  int expected = 1;
  for (const auto& migration : loaxa::store::migrations()) CHECK(migration.version == expected++);
  CHECK(loaxa::store::latest_schema_version() == 8);
}

TEST_CASE("a database from a newer program is refused, not downgraded", "[store][migrations]") {
  auto db = Database::in_memory();
  db.sql().exec("PRAGMA user_version = 9999");
  CHECK_THROWS_AS(loaxa::store::migrate(db, loaxa::store::latest_schema_version()), std::runtime_error);
  CHECK(db.schema_version() == 9999);
}

TEST_CASE("a database file opens in WAL mode and keeps its data", "[store]") {
  loaxa::test::TempDir dir;
  {
    Database db(dir / "loaxa.db");
    CHECK(db.sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
    db.sql().exec("INSERT INTO category (code, name) VALUES ('PCTT', 'Phòng chống thiên tai')");
  }
  {
    Database db(dir / "loaxa.db");
    CHECK(db.sql().execAndGet("SELECT count(*) FROM category").getInt() == 3);
  }
}
