// The same content imported again: its row wins, and a row whose file has gone gets it back.

#include "station_fixture.hpp"
#include "store/segment_store.hpp"
#include "support/files.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace loaxa;
using namespace loaxa::library;
using namespace loaxa::library::test;

TEST_CASE("the same content twice is one segment, nothing changed", "[library][import]") {
  Station s;
  const auto first = s.import(s.tone("a.wav"));
  CHECK_FALSE(first.already_present);
  std::filesystem::copy_file(s.dir / "a.wav", s.dir / "copy.WAV");
  const auto second = s.import(s.dir / "copy.WAV");
  CHECK(second.already_present);
  CHECK_FALSE(second.file_restored);
  CHECK(second.segment.id == first.segment.id);
  s.check_consistent();
}

TEST_CASE("a present row whose file has gone gets it back from the new copy", "[library][import]") {
  Station s;
  const auto first = s.import(s.tone("a.wav"));
  const auto stored = s.home.segments() / first.segment.file_name;
  std::filesystem::remove(stored);
  const auto again = s.import(s.dir / "a.wav");
  CHECK(again.already_present);
  CHECK(again.file_restored);
  CHECK(again.segment.id == first.segment.id);
  s.check_consistent();
  struct stat info {};
  REQUIRE(::stat(stored.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0640);
}

TEST_CASE("a present row whose file was cut short gets the whole file back", "[library][import]") {
  Station s;
  const auto first = s.import(s.tone("a.wav"));
  const auto stored = s.home.segments() / first.segment.file_name;
  std::filesystem::resize_file(stored, 100);
  const auto again = s.import(s.dir / "a.wav");
  CHECK(again.file_restored);
  s.check_consistent();  // the hash matches again
}
