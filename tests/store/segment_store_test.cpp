#include "store/segment_store.hpp"
#include "sample_segment.hpp"

#include <SQLiteCpp/Exception.h>
#include <catch2/catch.hpp>

using namespace loaxa::store;

namespace {

Segment sample(const std::string& digit, const std::string& category = "CDS") {
  return test::sample_segment(digit[0], category);
}

}  // namespace

TEST_CASE("a segment round-trips through the store", "[store][segment]") {
  auto db = Database::in_memory();
  SegmentStore segments(db);
  auto in = sample("a");
  in.valid_from = "2027-01-01";
  auto id = segments.insert(in);
  auto out = segments.find(id);
  REQUIRE(out);
  CHECK(out->title == in.title);
  CHECK(out->valid_from == in.valid_from);
  CHECK_FALSE(out->valid_until);
  CHECK_FALSE(out->approved);
  CHECK(segments.find_by_sha256(in.sha256)->id == id);
}

TEST_CASE("the same content cannot be stored twice", "[store][segment]") {
  auto db = Database::in_memory();
  SegmentStore segments(db);
  segments.insert(sample("a"));
  CHECK_THROWS_AS(segments.insert(sample("a")), SQLite::Exception);
}

TEST_CASE("a segment's category must exist", "[store][segment]") {
  auto db = Database::in_memory();
  CHECK_THROWS_AS(SegmentStore(db).insert(sample("b", "NOPE")), SQLite::Exception);
}

TEST_CASE("approval is recorded once with its time", "[store][segment]") {
  auto db = Database::in_memory();
  SegmentStore segments(db);
  auto id = segments.insert(sample("c"));
  CHECK(segments.approve(id, "2026-11-29T01:00:00Z"));
  CHECK(segments.approve(id, "2026-11-30T01:00:00Z"));
  CHECK(segments.find(id)->approved);
  CHECK(segments.find(id)->approved_at == "2026-11-29T01:00:00Z");
  CHECK_FALSE(segments.approve(999, "x"));
}

TEST_CASE("segments are listed by id, optionally for one category", "[store][segment]") {
  auto db = Database::in_memory();
  SegmentStore segments(db);
  segments.insert(sample("a"));
  segments.insert(sample("b", "CCHC"));
  segments.insert(sample("c"));
  CHECK(segments.list().size() == 3);
  auto cds = segments.list(std::string("CDS"));
  REQUIRE(cds.size() == 2);
  CHECK(cds[0].id < cds[1].id);
  CHECK(segments.remove(cds[0].id) == RemoveResult::removed);
  CHECK(segments.remove(cds[0].id) == RemoveResult::not_found);
  CHECK(segments.list().size() == 2);
}
