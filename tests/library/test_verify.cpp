// verify_library finds each kind of damage made by hand, and repair fixes what is safe.

#include "library/library_lock.hpp"
#include "library/staged_file.hpp"
#include "library/verify.hpp"
#include "station_fixture.hpp"
#include "store/segment_store.hpp"
#include "support/files.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace loaxa;
using namespace loaxa::library;
using namespace loaxa::library::test;
using Outcome = VerifyReport::RowWithoutFile::Outcome;

namespace {

std::set<std::string> names(const std::vector<VerifyReport::FileWithoutRow>& files) {
  std::set<std::string> out;
  for (const auto& f : files) out.insert(f.file.filename().string());
  return out;
}

std::set<std::int64_t> ids(const std::vector<VerifyReport::Mismatch>& mismatches) {
  std::set<std::int64_t> out;
  for (const auto& m : mismatches) out.insert(m.segment.id);
  return out;
}

std::string staging(const std::string& suffix) {
  return std::string(kStagingPrefix) + suffix;
}

}  // namespace

TEST_CASE("a healthy library verifies clean", "[library][verify]") {
  Station s;
  s.import(s.tone("a.wav"));
  s.import(s.tone("b.wav", 440));
  LibraryLock{s.home};  // the lock file exists and is not a file without a row
  const auto report = verify_library(s.home, s.db(), false);
  CHECK(report.clean());
  CHECK_FALSE(report.needs_operator());
  CHECK(report.rows_checked == 2);
}

TEST_CASE("verify finds every kind of damage and repair fixes what is safe", "[library][verify]") {
  Station s;
  const auto lost = s.import(s.tone("lost.wav", 300)).segment;        // file deleted, unused
  const auto used = s.import(s.tone("used.wav", 400)).segment;        // file deleted, in a programme
  const auto flipped = s.import(s.tone("flipped.wav", 500)).segment;  // a byte changed
  const auto cut = s.import(s.tone("cut.wav", 600)).segment;          // shorter
  const auto fine = s.import(s.tone("fine.wav", 700)).segment;
  s.db().sql().exec("INSERT INTO programme (id, name, created_at) VALUES (1, 'Sáng', '2027-02-01T00:00:00Z')");
  s.db().sql().exec("INSERT INTO programme_item (programme_id, position, kind, segment_id) VALUES (1, 1, 'segment', " +
                    std::to_string(used.id) + ")");

  const auto dir = s.home.segments();
  std::filesystem::remove(dir / lost.file_name);
  std::filesystem::remove(dir / used.file_name);
  auto bytes = loaxa::test::read_bytes(dir / flipped.file_name);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x55);
  loaxa::test::write_bytes(dir / flipped.file_name, bytes);
  std::filesystem::resize_file(dir / cut.file_name, 200);
  const std::string orphan = std::string(64, 'a') + ".mp3";
  loaxa::test::write_bytes(dir / orphan, "no row names me");
  loaxa::test::write_bytes(dir / "ghi-chu.txt", "the operator's own note");
  loaxa::test::write_bytes(dir / staging("old"), "a crashed import");
  loaxa::test::write_bytes(dir / staging("young"), "an import still running");
  std::filesystem::last_write_time(dir / staging("old"),
                                   std::filesystem::file_time_type::clock::now() - std::chrono::hours(3));
  LibraryLock{s.home};

  const auto report = verify_library(s.home, s.db(), false);
  CHECK(report.rows_checked == 5);
  REQUIRE(report.rows_without_files.size() == 2);
  for (const auto& r : report.rows_without_files) {
    CHECK((r.segment.id == lost.id || r.segment.id == used.id));
    CHECK(r.outcome == Outcome::reported);
  }
  CHECK(names(report.files_without_rows) == std::set<std::string>{orphan, "ghi-chu.txt"});
  CHECK(names(report.stale_staging) == std::set<std::string>{staging("old")});
  CHECK(ids(report.mismatched) == std::set<std::int64_t>{flipped.id, cut.id});
  for (const auto& m : report.mismatched) {
    if (m.segment.id == cut.id) CHECK(m.actual_size == 200);
    if (m.segment.id == flipped.id) CHECK(m.actual_size == flipped.size_bytes);
    CHECK(m.actual_sha256 != m.segment.sha256);
  }
  // Without repair nothing changed.
  CHECK(std::filesystem::exists(dir / orphan));
  CHECK(std::filesystem::exists(dir / staging("old")));
  CHECK(store::SegmentStore(s.db()).find(lost.id));

  const auto repaired = verify_library(s.home, s.db(), true);
  for (const auto& r : repaired.rows_without_files)
    CHECK(r.outcome == (r.segment.id == lost.id ? Outcome::removed : Outcome::in_use));
  CHECK_FALSE(store::SegmentStore(s.db()).find(lost.id));
  CHECK(store::SegmentStore(s.db()).find(used.id));  // the operator re-imports its file
  CHECK_FALSE(std::filesystem::exists(dir / orphan));
  CHECK(std::filesystem::exists(dir / "ghi-chu.txt"));  // not a name an import writes
  CHECK_FALSE(std::filesystem::exists(dir / staging("old")));
  CHECK(std::filesystem::exists(dir / staging("young")));
  CHECK(std::filesystem::exists(dir / flipped.file_name));  // never deleted
  CHECK(std::filesystem::exists(dir / cut.file_name));
  CHECK(repaired.needs_operator());

  const auto after = verify_library(s.home, s.db(), false);
  REQUIRE(after.rows_without_files.size() == 1);
  CHECK(after.rows_without_files[0].segment.id == used.id);
  CHECK(names(after.files_without_rows) == std::set<std::string>{"ghi-chu.txt"});
  CHECK(after.stale_staging.empty());
  CHECK(ids(after.mismatched) == std::set<std::int64_t>{flipped.id, cut.id});

  // What the report tells the operator to do works: re-importing the originals.
  CHECK(s.import(s.dir / "used.wav").file_restored);
  CHECK(s.import(s.dir / "flipped.wav").file_restored == false);  // same size: found by verify only
  CHECK(s.import(s.dir / "cut.wav").file_restored);
  const auto last = verify_library(s.home, s.db(), false);
  CHECK(last.rows_without_files.empty());
  CHECK(ids(last.mismatched) == std::set<std::int64_t>{flipped.id});
  CHECK(fine.id > 0);
}

TEST_CASE("repair does not remove a file that gained its row after the scan", "[library][verify]") {
  // The re-check under the lock is what protects it; simulated by repairing a report whose
  // file was then imported.
  Station s;
  const auto file = s.tone("a.wav");
  const auto name = sha256_of(file) + ".wav";
  std::filesystem::copy_file(file, s.home.segments() / name);  // a file without a row...
  CHECK(names(verify_library(s.home, s.db(), false).files_without_rows) == std::set<std::string>{name});
  s.import(file);  // ...that an import now owns
  const auto repaired = verify_library(s.home, s.db(), true);
  CHECK(repaired.files_without_rows.empty());
  s.check_consistent();
}
