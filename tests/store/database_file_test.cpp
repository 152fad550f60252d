#include "store/category_store.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "support/temp_dir.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <fstream>

using namespace loaxa;

namespace {

class UmaskGuard {
 public:
  explicit UmaskGuard(mode_t mask) : old_(::umask(mask)) {}
  ~UmaskGuard() { ::umask(old_); }
  UmaskGuard(const UmaskGuard&) = delete;
  UmaskGuard& operator=(const UmaskGuard&) = delete;

 private:
  mode_t old_;
};

unsigned mode_of(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 01000;  // no such file: matches no mode
  return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("a new database file is group-writable whatever the umask, and so are -wal and -shm", "[store][file]") {
  test::TempDir dir;
  const auto path = dir / "loaxa.db";
  UmaskGuard strict(0077);
  store::Database db(path);
  store::CategoryStore(db).add({"ANTT", "An ninh trật tự"});  // the -wal file has content now
  CHECK(mode_of(path) == 0660);
  CHECK(mode_of(dir / "loaxa.db-wal") == 0660);
  CHECK(mode_of(dir / "loaxa.db-shm") == 0660);
}

TEST_CASE("an existing database file keeps its mode", "[store][file]") {
  test::TempDir dir;
  const auto path = dir / "loaxa.db";
  {
    UmaskGuard strict(0077);
    std::ofstream(path).flush();  // an empty file is a database SQLite will initialise
  }
  REQUIRE(mode_of(path) == 0600);
  {
    store::Database db(path);
    CHECK(db.schema_version() == store::latest_schema_version());
  }
  CHECK(mode_of(path) == 0600);
}

TEST_CASE("a database that cannot be created says which file", "[store][file]") {
  test::TempDir dir;
  const auto path = dir / "no-such-folder" / "loaxa.db";
  try {
    store::Database db(path);
    FAIL("opened");
  } catch (const std::system_error& e) {
    CHECK(std::string(e.what()).find("no-such-folder") != std::string::npos);
  }
}
