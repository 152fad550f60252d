#include "store/migrations.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <map>

using loaxa::store::Database;

namespace {

// The schema as SQLite records it, so two databases can be compared object by object.
std::map<std::string, std::string> schema_of(Database& db) {
  SQLite::Statement q(db.sql(), "SELECT type || ' ' || name, coalesce(sql, '') FROM sqlite_schema ORDER BY 1");
  std::map<std::string, std::string> out;
  while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getString();
  return out;
}

}  // namespace

TEST_CASE("a new database reaches the latest schema version", "[store][migrations]") {
  auto db = Database::in_memory();
  CHECK(db.schema_version() == loaxa::store::latest_schema_version());
  CHECK(db.sql().execAndGet("PRAGMA foreign_keys").getInt() == 1);
}

TEST_CASE("migrations are numbered 1, 2, 3 … without gaps", "[store][migrations]") {
  int expected = 1;
  for (const auto& migration : loaxa::store::migrations()) CHECK(migration.version == expected++);
}

TEST_CASE("migrating from every older version gives the same schema as from empty", "[store][migrations]") {
  auto fresh = Database::in_memory();
  auto want = schema_of(fresh);
  for (int start = 0; start <= loaxa::store::latest_schema_version(); ++start) {
    INFO("starting from version " << start);
    auto db = Database::in_memory(start);
    CHECK(db.schema_version() == start);
    loaxa::store::migrate(db.sql(), loaxa::store::latest_schema_version());
    CHECK(db.schema_version() == loaxa::store::latest_schema_version());
    CHECK(schema_of(db) == want);
  }
}

TEST_CASE("rows written at an older version survive later migrations", "[store][migrations]") {
  auto db = Database::in_memory(1);
  db.sql().exec("INSERT INTO category (code, name) VALUES ('ANTT', 'An ninh trật tự')");
  loaxa::store::migrate(db.sql(), loaxa::store::latest_schema_version());
  CHECK(db.sql().execAndGet("SELECT name FROM category WHERE code = 'ANTT'").getString() == "An ninh trật tự");
}

TEST_CASE("a database from a newer program is refused, not downgraded", "[store][migrations]") {
  auto db = Database::in_memory();
  db.sql().exec("PRAGMA user_version = 9999");
  CHECK_THROWS_AS(loaxa::store::migrate(db.sql(), loaxa::store::latest_schema_version()), std::runtime_error);
  CHECK(db.schema_version() == 9999);
}

TEST_CASE("a database file opens in WAL mode and keeps its data", "[store]") {
  auto dir = std::filesystem::temp_directory_path() / ("loaxa-store-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    Database db(dir / "loaxa.db");
    CHECK(db.sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
    db.sql().exec("INSERT INTO category (code, name) VALUES ('PCTT', 'Phòng chống thiên tai')");
  }
  {
    Database db(dir / "loaxa.db");
    CHECK(db.sql().execAndGet("SELECT count(*) FROM category").getInt() == 3);
  }
  std::filesystem::remove_all(dir);
}
