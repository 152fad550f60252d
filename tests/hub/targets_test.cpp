// Targets: the most specific one applies (station, then group, then every station), and a
// target is scaled to the period a report covers.

#include "hub/targets.hpp"

#include <catch2/catch.hpp>

using namespace loaxa;
using namespace loaxa::hub;

namespace {

Target target(Target::Scope scope, std::string name, std::string category, std::int64_t plays,
              Target::Per per = Target::Per::month) {
  Target t;
  t.scope = scope;
  t.scope_name = std::move(name);
  t.category = std::move(category);
  t.min_plays = plays;
  t.per = per;
  return t;
}

}  // namespace

TEST_CASE("a station's target wins over its group's, which wins over the hub's", "[hub][targets]") {
  const std::vector<Target> targets{
      target(Target::Scope::station, "xa-moi", "CDS", 30),
      target(Target::Scope::hub, "", "CDS", 20),
      target(Target::Scope::group, "Huyện A", "CDS", 25),
      target(Target::Scope::group, "Huyện B", "CCHC", 4),
  };
  CHECK(resolve_target(targets, "xa-moi", "Huyện A", "CDS")->min_plays == 30);
  CHECK(resolve_target(targets, "xa-yen", "Huyện A", "CDS")->min_plays == 25);
  CHECK(resolve_target(targets, "xa-yen", "Huyện B", "CDS")->min_plays == 20);
  CHECK(resolve_target(targets, "xa-yen", "", "CDS")->min_plays == 20);
  CHECK(resolve_target(targets, "xa-yen", "Huyện B", "CCHC")->min_plays == 4);
  CHECK_FALSE(resolve_target(targets, "xa-yen", "Huyện A", "CCHC"));
  CHECK_FALSE(resolve_target(targets, "xa-yen", "", "KHAC"));
  // A station without a group is not reached by a group's target, even one named "".
  CHECK_FALSE(resolve_target({target(Target::Scope::group, "", "KHAC", 1)}, "xa-yen", "", "KHAC"));
  CHECK(target_categories(targets, "xa-yen", "Huyện B") == std::vector<std::string>{"CCHC", "CDS"});
  CHECK(target_categories(targets, "xa-yen", "Huyện A") == std::vector<std::string>{"CDS"});
}

TEST_CASE("a monthly target counts once per month of the period", "[hub][targets]") {
  auto t = target(Target::Scope::hub, "", "CDS", 20);
  t.min_minutes = 45.5;
  CHECK(scale_target(t, month_period(2026, 2)).plays == 20);
  CHECK(scale_target(t, *parse_quarter("2026-Q2")).plays == 60);
  CHECK(*scale_target(t, *parse_quarter("2026-Q2")).minutes == Approx(136.5));
  CHECK(scale_target(t, *parse_year("2026")).plays == 240);
  CHECK_FALSE(scale_target(target(Target::Scope::hub, "", "CDS", 1), *parse_year("2026")).minutes);
}

TEST_CASE("a weekly target is scaled by the period's days over 7, rounded up", "[hub][targets]") {
  auto t = target(Target::Scope::hub, "", "CDS", 5, Target::Per::week);
  CHECK(scale_target(t, month_period(2026, 2)).plays == 20);      // 28 days: exactly 4 weeks
  CHECK(scale_target(t, month_period(2026, 11)).plays == 22);     // 30 days: 21.43
  CHECK(scale_target(t, month_period(2026, 12)).plays == 23);     // 31 days: 22.14
  CHECK(scale_target(t, *parse_quarter("2026-Q4")).plays == 66);  // 92 days: 65.71
  CHECK(scale_target(t, *parse_year("2026")).plays == 261);       // 365 days: 260.71
  t.min_minutes = 14;
  CHECK(*scale_target(t, month_period(2026, 2)).minutes == Approx(56.0));   // exact: not rounded up
  CHECK(*scale_target(t, month_period(2026, 11)).minutes == Approx(60.0));  // 30 × 2
  t.min_minutes = 10;
  CHECK(*scale_target(t, month_period(2026, 11)).minutes == Approx(42.9));  // 42.857…
}

TEST_CASE("a target is met when both the plays and the minutes reach it", "[hub][targets]") {
  ScaledTarget plays_only{20, std::nullopt};
  CHECK(meets(plays_only, 20, 0.0));
  CHECK(meets(plays_only, 21, 0.0));
  CHECK_FALSE(meets(plays_only, 19, 500.0));
  ScaledTarget both{20, 60.0};
  CHECK(meets(both, 20, 60.0));
  CHECK_FALSE(meets(both, 20, 59.9));
  CHECK_FALSE(meets(both, 19, 90.0));
  CHECK(meets(both, 20, 59.96));  // shown as 60.0: a row never says 60.0 beside "not met"
  CHECK(meets(ScaledTarget{0, std::nullopt}, 0, 0.0));
}
