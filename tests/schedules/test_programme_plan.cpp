#include <catch2/catch.hpp>

#include "schedules/programme_plan.hpp"
#include "timeline_fixture.hpp"

using namespace loaxa::schedules;
using namespace std::chrono_literals;

namespace {

using test::utc;

SegmentInfo seg(std::string id, std::string category, std::int64_t ms, bool approved = true) {
  return test::segment(std::move(id), std::move(category), ms, approved);
}

Programme programme(const char* items) {
  return Programme{1, "Chuyên mục", parse_programme_items(items)};
}

std::vector<std::string> ids(const std::vector<PlannedItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.skipped ? "-" : i.segment_id);
  return out;
}

}  // namespace

TEST_CASE("P2 planned length sums playable spans and relays", "[schedules][plan]") {
  const Catalogue catalogue({seg("1", "TB", 5'000), seg("2", "CDS", 61'500), seg("3", "CDS", 40'000, false)});
  const auto p = programme("jingle:1 relay:linein:10m segment:2 segment:3");
  const LocalDate day = parse_date("2025-03-03");
  CHECK(planned_length_ms(p, catalogue, day, utc("2025-03-03T05:00")) == 5'000 + 600'000 + 61'500);
}

TEST_CASE("P3 rotation picks least recently aired first, ties by id", "[schedules][plan]") {
  std::vector<SegmentInfo> segments = {seg("10", "CDS", 1000), seg("9", "CDS", 1000), seg("11", "CDS", 1000),
                                       seg("12", "CDS", 1000, false), seg("13", "CCHC", 1000)};
  segments[0].last_aired = utc("2025-03-01T05:00");
  segments[2].last_aired = utc("2025-02-01T05:00");
  const Catalogue catalogue(std::move(segments));
  RotationState rotation;
  const auto p = programme("rotate:CDS:2");
  const LocalDate day = parse_date("2025-03-03");
  // 9 never aired, then 11 (February), then 10 (March); 12 is not approved.
  CHECK(ids(plan_programme(p, catalogue, day, utc("2025-03-03T05:00"), rotation)) ==
        std::vector<std::string>{"9", "11"});
  CHECK(ids(plan_programme(p, catalogue, day, utc("2025-03-03T17:00"), rotation)) ==
        std::vector<std::string>{"10", "9"});
}

TEST_CASE("P3 rotation never repeats within an airing and reports a shortfall", "[schedules][plan]") {
  const Catalogue catalogue({seg("1", "CDS", 1000), seg("2", "CDS", 2000)});
  RotationState rotation;
  const auto items = plan_programme(programme("segment:1 rotate:CDS:3"), catalogue, parse_date("2025-03-03"),
                                    utc("2025-03-03T05:00"), rotation);
  REQUIRE(items.size() == 3);
  CHECK(items[1].segment_id == "2");
  CHECK(items[2].skipped == SkipReason::rotation_short);
  CHECK(items[2].missing == 2);
  CHECK(items[2].category == "CDS");
  CHECK(total_ms(items) == 3000);
}

TEST_CASE("P4 unapproved, unknown or out-of-date segments are skipped with a reason", "[schedules][plan]") {
  std::vector<SegmentInfo> segments = {seg("1", "TB", 1000, false), seg("2", "TB", 1000), seg("3", "TB", 1000),
                                       seg("4", "TB", 1000)};
  segments[1].valid_from = parse_date("2025-03-04");
  segments[2].valid_until = parse_date("2025-03-02");
  segments[3].valid_from = parse_date("2025-03-03");
  segments[3].valid_until = parse_date("2025-03-03");
  const Catalogue catalogue(std::move(segments));
  RotationState rotation;
  const auto items = plan_programme(programme("segment:1 segment:2 jingle:3 segment:99 segment:4"), catalogue,
                                    parse_date("2025-03-03"), utc("2025-03-02T22:00"), rotation);
  REQUIRE(items.size() == 5);
  CHECK(items[0].skipped == SkipReason::not_approved);
  CHECK(items[1].skipped == SkipReason::not_yet_valid);
  CHECK(items[2].skipped == SkipReason::expired);
  CHECK(items[3].skipped == SkipReason::unknown_segment);
  CHECK_FALSE(items[4].skipped);  // validity dates are inclusive
  CHECK(total_ms(items) == 1000);
}

TEST_CASE("P5 validation at creation lists what would be skipped", "[schedules][plan]") {
  const Catalogue catalogue({seg("1", "TB", 1000, false), seg("2", "CDS", 1000)});
  const auto warnings =
      validate_programme(programme("segment:1 segment:7 rotate:CDS:2"), catalogue, parse_date("2025-03-03"));
  REQUIRE(warnings.size() == 3);
  CHECK(warnings[0].kind == ProgrammeWarning::Kind::not_approved);
  CHECK(warnings[1].kind == ProgrammeWarning::Kind::unknown_segment);
  CHECK(warnings[1].subject == "7");
  CHECK(warnings[2].kind == ProgrammeWarning::Kind::rotation_short);
  CHECK(warnings[2].item_index == 2);
  CHECK(warnings[2].value == 1);
  CHECK(warnings[2].wanted == 2);
  CHECK(validate_programme(Programme{2, "Trống", {}}, catalogue, parse_date("2025-03-03")).at(0).kind ==
        ProgrammeWarning::Kind::empty_programme);
}

TEST_CASE("P6 the longest airing counts unapproved segments and the N longest rotated", "[schedules][plan]") {
  const Catalogue catalogue({seg("1", "TB", 5'000, false), seg("2", "CDS", 61'500), seg("3", "CDS", 40'000),
                             seg("4", "CDS", 90'000, false), seg("5", "CCHC", 10'000)});
  const auto p = programme("jingle:1 relay:vov:10m rotate:CDS:2 segment:99");
  // 5 s jingle (not approved yet) + 10 min + the two longest CDS (90 s, 61.5 s); unknown 99 adds nothing
  CHECK(longest_length_ms(p, catalogue) == 5'000 + 600'000 + 90'000 + 61'500);
  CHECK(longest_length_ms(programme("rotate:CCHC:3"), catalogue) == 10'000);
}
