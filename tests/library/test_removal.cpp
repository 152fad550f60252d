// Removing a segment: the row and then the file, or nothing when a programme uses it.

#include "library/removal.hpp"
#include "station_fixture.hpp"
#include "store/segment_store.hpp"

#include <catch2/catch.hpp>

using namespace loaxa;
using namespace loaxa::library;
using namespace loaxa::library::test;
using Status = Removal::Status;

namespace {

void use_in_programme(Station& s, std::int64_t segment_id) {
  s.db().sql().exec("INSERT INTO programme (id, name, created_at) VALUES (1, 'Bản tin sáng', '2027-02-01T00:00:00Z')");
  s.db().sql().exec("INSERT INTO programme_item (programme_id, position, kind, segment_id) VALUES (1, 1, 'segment', " +
                    std::to_string(segment_id) + ")");
}

}  // namespace

TEST_CASE("removing a segment deletes its row and its file", "[library][remove]") {
  Station s;
  const auto imported = s.import(s.tone("a.wav")).segment;
  const auto kept = s.import(s.tone("b.wav", 440)).segment;
  const auto removal = remove_segment(s.home, s.db(), imported.id);
  CHECK(removal.status == Status::removed);
  REQUIRE(removal.segment);
  CHECK(removal.segment->id == imported.id);
  CHECK(removal.file_removed);
  CHECK_FALSE(store::SegmentStore(s.db()).find(imported.id));
  CHECK_FALSE(std::filesystem::exists(s.home.segments() / imported.file_name));
  CHECK(std::filesystem::exists(s.home.segments() / kept.file_name));
  s.check_consistent();
}

TEST_CASE("removing an unknown segment is not_found", "[library][remove]") {
  Station s;
  const auto removal = remove_segment(s.home, s.db(), 42);
  CHECK(removal.status == Status::not_found);
  CHECK_FALSE(removal.segment);
}

TEST_CASE("a segment a programme uses is not removed, nor its file", "[library][remove]") {
  Station s;
  const auto imported = s.import(s.tone("a.wav")).segment;
  use_in_programme(s, imported.id);
  const auto removal = remove_segment(s.home, s.db(), imported.id);
  CHECK(removal.status == Status::in_use);
  REQUIRE(removal.segment);
  CHECK(removal.segment->title == imported.title);
  CHECK(store::SegmentStore(s.db()).find(imported.id));
  s.check_consistent();
}

TEST_CASE("a removal whose file had already gone still removes the row", "[library][remove]") {
  Station s;
  const auto imported = s.import(s.tone("a.wav")).segment;
  std::filesystem::remove(s.home.segments() / imported.file_name);
  const auto removal = remove_segment(s.home, s.db(), imported.id);
  CHECK(removal.status == Status::removed);
  CHECK_FALSE(removal.file_removed);
  s.check_consistent();
}
