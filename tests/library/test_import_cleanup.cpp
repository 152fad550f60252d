// An import that fails at any step leaves nothing behind: no staged copy, no stored file
// without its row, no row without its file.

#include "library/staged_file.hpp"
#include "station_fixture.hpp"
#include "store/category_store.hpp"
#include "store/segment_store.hpp"
#include "support/files.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

using namespace loaxa;
using namespace loaxa::library;
using namespace loaxa::library::test;
using Kind = ImportFailure::Kind;

namespace {

std::int64_t row_count(Station& s) {
  return static_cast<std::int64_t>(store::SegmentStore(s.db()).list().size());
}

// Runs an import of `file` in a child that is nobody when the test runs as root, and
// returns the refusal's kind as its exit code (50 + kind; 0 when it was imported).
int import_as_nobody(Station& s, const std::filesystem::path& file) {
  hand_to_nobody(s.dir.path());
  s.close_db();
  return run_in_child(
      [&] {
        store::Database db(s.home.database());
        try {
          Importer(s.home, db, s.config, s.clock).import(s.request(file));
          return 0;
        } catch (const ImportError& e) {
          const bool unreadable = e.failure().decode == audio::DecodeError::Kind::unreadable;
          return 50 + static_cast<int>(e.kind()) * 2 + (unreadable ? 1 : 0);
        }
      },
      true);
}

}  // namespace

TEST_CASE("a source the operator may not read is refused as unreadable, nothing kept", "[library][cleanup]") {
  Station s;
  const auto file = s.tone("khoa.wav");
  ::chmod(file.c_str(), 0);
  // Under root the child becomes nobody: root reads anything, so this is the only real test.
  CHECK(import_as_nobody(s, file) == 50 + static_cast<int>(Kind::bad_audio) * 2 + 1);
  CHECK(row_count(s) == 0);
  CHECK(s.stored_names().empty());
}

TEST_CASE("a staging copy that cannot be written (read-only segments/) leaves nothing", "[library][cleanup]") {
  Station s;
  const auto file = s.tone("a.wav");
  ::chmod(s.home.segments().c_str(), 0555);
  CHECK(import_as_nobody(s, file) == 50 + static_cast<int>(Kind::copy_failed) * 2);
  ::chmod(s.home.segments().c_str(), 0755);
  CHECK(row_count(s) == 0);
  CHECK(s.stored_names().empty());
}

TEST_CASE("a file the analysis refuses leaves no staged copy", "[library][cleanup]") {
  Station s;
  loaxa::test::write_bytes(s.dir / "notes.wav", "Lịch phát thanh tuần này.\n");
  CHECK(s.refusal(s.request(s.dir / "notes.wav")) == Kind::bad_audio);
  loaxa::test::write_tone_wav(s.dir / "silent.wav", {.sample_rate = 8000, .peak_dbfs = -1000});
  CHECK(s.refusal(s.request(s.dir / "silent.wav")) == Kind::silent);
  CHECK(row_count(s) == 0);
  CHECK(s.stored_names().empty());
}

TEST_CASE("a rename into place that fails leaves no staged copy and no row", "[library][cleanup]") {
  Station s;
  const auto file = s.tone("a.wav");
  // A folder where the stored file must go: rename(2) cannot replace it.
  const auto blocker = s.home.segments() / (sha256_of(file) + ".wav");
  std::filesystem::create_directory(blocker);
  std::filesystem::create_directory(blocker / "inside");
  CHECK(s.refusal(s.request(file)) == Kind::copy_failed);
  CHECK(row_count(s) == 0);
  CHECK(s.stored_names() == std::set<std::string>{blocker.filename().string()});
  std::filesystem::remove_all(blocker);
  CHECK(s.import(file).segment.id > 0);  // and the next attempt works
  s.check_consistent();
}

TEST_CASE("an insert the database refuses removes the file it placed", "[library][cleanup]") {
  Station s;
  s.db().sql().exec(
      "CREATE TRIGGER refuse_segment BEFORE INSERT ON segment BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
  CHECK(s.refusal(s.request(s.tone("a.wav"))) == Kind::database_failed);
  CHECK(row_count(s) == 0);
  CHECK(s.stored_names().empty());
}

TEST_CASE("a category deleted while the file is measured is named, and nothing is kept", "[library][cleanup]") {
  Station s;
  REQUIRE(store::CategoryStore(s.db()).add({"ANTT", "An ninh trật tự"}));
  auto request = s.request(s.tone("a.wav"), "antt");
  bool deleted = false;
  request.progress = [&](double) {
    if (!deleted) s.db().sql().exec("DELETE FROM category WHERE code = 'ANTT'");
    deleted = true;
  };
  CHECK(s.refusal(request) == Kind::unknown_category);
  CHECK(deleted);
  CHECK(row_count(s) == 0);
  CHECK(s.stored_names().empty());
}

TEST_CASE("a refusal before staging copies nothing", "[library][cleanup]") {
  Station s;
  CHECK(s.refusal(s.request(s.tone("a.wav"), "KHONG")) == Kind::unknown_category);
  CHECK(s.refusal(s.request(s.dir / "missing.wav")) == Kind::bad_audio);
  auto reversed = s.request(s.tone("b.wav"));
  reversed.valid_from = std::chrono::year(2027) / 3 / 1;
  reversed.valid_until = std::chrono::year(2027) / 2 / 1;
  CHECK(s.refusal(reversed) == Kind::validity_reversed);
  CHECK(s.stored_names().empty());
}

TEST_CASE("the staging sweep removes old leftovers and keeps young ones", "[library][cleanup]") {
  Station s;
  const auto old_file = s.home.segments() / (std::string(kStagingPrefix) + "crash1");
  const auto young_file = s.home.segments() / (std::string(kStagingPrefix) + "running");
  loaxa::test::write_bytes(old_file, "half a copy");
  loaxa::test::write_bytes(young_file, "a copy being written");
  std::filesystem::last_write_time(old_file, std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
  std::filesystem::last_write_time(young_file,
                                   std::filesystem::file_time_type::clock::now() - std::chrono::minutes(50));
  s.import(s.tone("a.wav"));
  CHECK_FALSE(std::filesystem::exists(old_file));
  CHECK(std::filesystem::exists(young_file));
}

TEST_CASE("stored files are readable by the station's group whatever the umask", "[library][import]") {
  Station s;
  const mode_t before = ::umask(077);
  const auto result = s.import(s.tone("a.wav"));
  ::umask(before);
  struct stat info {};
  REQUIRE(::stat((s.home.segments() / result.segment.file_name).c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0640);
}
