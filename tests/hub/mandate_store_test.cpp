// The hub's store of district bulletins (docs/MANDATES.md): mandates added with their
// stations, listed, cancelled; what a station's poll is sent; the stations' reports; the
// mandate view's counts from the plays that carry a mandate id.

#include "hub/sqlite_hub_store.hpp"
#include "mandate_fixture.hpp"
#include "schedules/civil_time.hpp"
#include "store/utc_text.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

using namespace loaxa;
using namespace loaxa::hub;
using namespace loaxa::hub::test;

namespace {

const Instant kNow = store::parse_utc_text("2027-01-03T01:00:00.000Z");

void add_stations(HubStore& hub, const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    Station s;
    s.id = id;
    s.name = "Xã " + id;
    s.sealed_key = {1};
    s.created_at = kNow;
    hub.add_station(s);
  }
}

wire::MandateReport report(std::int64_t mandate, wire::MandateState state, const std::string& at,
                           const std::string& reason = "", int planned = 0) {
  wire::MandateReport r;
  r.mandate_id = mandate;
  r.state = state;
  r.at = store::parse_utc_text(at);
  r.reason = reason;
  r.planned = planned;
  return r;
}

const MandateStationView& line_of(const MandateView& view, const std::string& station) {
  for (const auto& line : view.stations) {
    if (line.station_id == station) return line;
  }
  FAIL("no line for " << station);
  throw std::logic_error("unreachable");
}

const schedules::TimeZone kVietnam{schedules::TimeZone::default_name};

}  // namespace

TEST_CASE("a mandate is added with its stations, listed, found and cancelled once", "[hub][mandate][store]") {
  loaxa::test::TempDir dir;
  SqliteHubStore hub(dir / "hub.db");
  add_stations(hub, {"xa-moi", "xa-yen"});
  CHECK_THROWS_AS(hub.add_mandate(vneid_mandate({"xa-moi", "nowhere"})), HubStoreError);
  CHECK(hub.mandates().empty());

  const auto id = hub.add_mandate(vneid_mandate({"xa-yen", "xa-moi"}));
  CHECK(id >= 1);
  const auto found = hub.find_mandate(id);
  REQUIRE(found);
  CHECK(found->order.id == id);
  CHECK(found->order.title == "Định danh điện tử VNeID");
  CHECK(found->order.category == "CDS");
  CHECK(found->order.terms.from == schedules::parse_date("2027-01-04"));
  CHECK(found->order.terms.until == schedules::parse_date("2027-01-17"));
  CHECK(found->order.terms.times_per_week == 3);
  CHECK(schedules::format_windows(found->order.terms.windows) == "05:00-07:00,17:00-19:00");
  CHECK(found->order.terms.level == schedules::MandateLevel::normal);
  CHECK(found->order.sha256 == std::string(64, 'b'));
  CHECK(found->order.size == 1000);
  CHECK(found->order.file_name == "vneid.mp3");
  CHECK(found->order.issued_at == kNow);
  CHECK_FALSE(found->order.cancelled);
  CHECK(found->stations == std::vector<std::string>{"xa-moi", "xa-yen"});

  auto second = vneid_mandate({"xa-moi"});
  second.order.terms.windows.clear();
  second.order.terms.level = schedules::MandateLevel::emergency;
  const auto id2 = hub.add_mandate(second);
  CHECK(id2 > id);
  const auto all = hub.mandates();
  REQUIRE(all.size() == 2);
  CHECK(all[0].order.id == id);
  CHECK(all[1].order.terms.windows.empty());  // none given: the default window applies
  CHECK(all[1].order.terms.level == schedules::MandateLevel::emergency);
  CHECK(all[1].stations == std::vector<std::string>{"xa-moi"});

  const auto first_cancel = store::parse_utc_text("2027-01-06T00:00:00.000Z");
  CHECK(hub.cancel_mandate(id, first_cancel));
  CHECK(hub.cancel_mandate(id, first_cancel + std::chrono::hours(1)));
  const auto cancelled = hub.find_mandate(id);
  CHECK(cancelled->order.cancelled);
  CHECK(cancelled->cancelled_at == first_cancel);
  CHECK_FALSE(hub.find_mandate(id2)->order.cancelled);
  CHECK_FALSE(hub.cancel_mandate(999, first_cancel));
  CHECK_FALSE(hub.find_mandate(999));
}

TEST_CASE("a station is sent its own mandates until a week after their last day, cancelled ones included",
          "[hub][mandate][store]") {
  loaxa::test::TempDir dir;
  SqliteHubStore hub(dir / "hub.db");
  add_stations(hub, {"xa-moi", "xa-yen"});
  const auto both = hub.add_mandate(vneid_mandate({"xa-moi", "xa-yen"}));
  const auto yen_only = hub.add_mandate(vneid_mandate({"xa-yen"}));
  hub.cancel_mandate(both, kNow);

  const auto moi = hub.mandates_for_station("xa-moi", schedules::parse_date("2027-01-10"));
  REQUIRE(moi.size() == 1);
  CHECK(moi[0].id == both);
  CHECK(moi[0].cancelled);
  CHECK(hub.mandates_for_station("xa-yen", schedules::parse_date("2027-01-17")).size() == 2);
  CHECK(hub.mandates_for_station("xa-yen", schedules::parse_date("2027-01-18")).empty());
  CHECK(hub.mandates_for_station("nowhere", schedules::parse_date("2027-01-01")).empty());
  CHECK(yen_only > both);
}

TEST_CASE("a station's reports keep the latest per mandate, and one for a mandate not addressed to it is ignored",
          "[hub][mandate][store]") {
  loaxa::test::TempDir dir;
  SqliteHubStore hub(dir / "hub.db");
  add_stations(hub, {"xa-moi", "xa-yen"});
  const auto id = hub.add_mandate(vneid_mandate({"xa-moi", "xa-yen"}));
  const auto other = hub.add_mandate(vneid_mandate({"xa-yen"}));

  auto view = hub.mandate_view(id, kVietnam);
  REQUIRE(view);
  REQUIRE(view->stations.size() == 2);
  CHECK_FALSE(line_of(*view, "xa-moi").state);
  CHECK_FALSE(line_of(*view, "xa-moi").received_at);
  CHECK_FALSE(line_of(*view, "xa-moi").planned);
  CHECK(line_of(*view, "xa-moi").required == 6);

  using State = wire::MandateState;
  hub.record_mandate_reports("xa-moi", {report(id, State::received, "2027-01-04T01:00:00.000Z", "", 5),
                                        report(other, State::received, "2027-01-04T01:00:00.000Z", "", 6)});
  hub.record_mandate_reports("xa-yen",
                             {report(id, State::refused, "2027-01-04T02:00:00.000Z", "the audio is damaged")});
  view = hub.mandate_view(id, kVietnam);
  CHECK(line_of(*view, "xa-moi").state == State::received);
  CHECK(line_of(*view, "xa-moi").planned == 5);
  CHECK(line_of(*view, "xa-moi").received_at == store::parse_utc_text("2027-01-04T01:00:00.000Z"));
  CHECK(line_of(*view, "xa-yen").state == State::refused);
  CHECK(line_of(*view, "xa-yen").reason == "the audio is damaged");
  CHECK_FALSE(line_of(*view, "xa-yen").received_at);
  // xa-moi is not addressed by `other`: its report changed nothing there.
  CHECK_FALSE(line_of(*hub.mandate_view(other, kVietnam), "xa-yen").state);
  CHECK(hub.mandate_view(other, kVietnam)->stations.size() == 1);

  // A decline later keeps when it was received; an older report arriving late changes nothing.
  hub.record_mandate_reports("xa-moi", {report(id, State::declined, "2027-01-05T01:00:00.000Z", "Loa hỏng cả tuần")});
  hub.record_mandate_reports("xa-moi", {report(id, State::received, "2027-01-04T12:00:00.000Z", "", 4)});
  view = hub.mandate_view(id, kVietnam);
  const auto& moi = line_of(*view, "xa-moi");
  CHECK(moi.state == State::declined);
  CHECK(moi.reason == "Loa hỏng cả tuần");
  CHECK(moi.planned == 5);
  CHECK(moi.received_at == store::parse_utc_text("2027-01-04T01:00:00.000Z"));
  CHECK(moi.reported_at == store::parse_utc_text("2027-01-05T01:00:00.000Z"));
  CHECK_FALSE(hub.mandate_view(999, kVietnam));
}

TEST_CASE("the mandate view counts a station's completed plays of the mandate within its local days and their heard %",
          "[hub][mandate][store]") {
  loaxa::test::TempDir dir;
  SqliteHubStore hub(dir / "hub.db");
  add_stations(hub, {"xa-moi", "xa-yen"});
  const auto id = hub.add_mandate(vneid_mandate({"xa-moi", "xa-yen"}));
  const auto other = hub.add_mandate(vneid_mandate({"xa-moi"}));
  REQUIRE(other == id + 1);
  using S = store::PlayStatus;
  // The span is 2027-01-04 00:00 … 2027-01-18 00:00 in Vietnam (UTC+7).
  const auto log = airings_log({
      {"2027-01-03T16:30:00.000Z", S::completed, id},     // 3 Jan 23:30 local: before the span
      {"2027-01-03T17:30:00.000Z", S::completed, id},     // 4 Jan 00:30 local: counted
      {"2027-01-05T00:00:00.000Z", S::completed, id},     // counted
      {"2027-01-06T00:00:00.000Z", S::interrupted, id},   // not completed
      {"2027-01-07T10:00:00.000Z", S::completed, id},     // counted
      {"2027-01-08T00:00:00.000Z", S::completed, other},  // another mandate
      {"2027-01-09T00:00:00.000Z", S::completed, {}},     // no mandate
      {"2027-01-17T16:59:00.000Z", S::completed, id},     // 17 Jan 23:59 local: counted
      {"2027-01-17T17:00:00.000Z", S::completed, id},     // 18 Jan 00:00 local: after the span
  });
  REQUIRE(hub.append_plays("xa-moi", log, kNow).acked_seq == 9);
  // The mandate id came through the hub's copy (the hashes matched with it).
  CHECK(hub.plays("xa-moi")[1].item.mandate_id == id);
  CHECK_FALSE(hub.plays("xa-moi")[6].item.mandate_id);

  auto view = hub.mandate_view(id, kVietnam);
  CHECK(line_of(*view, "xa-moi").aired == 4);
  CHECK_FALSE(line_of(*view, "xa-moi").heard_pct);
  CHECK(line_of(*view, "xa-yen").aired == 0);
  CHECK(hub.mandate_view(other, kVietnam)->stations[0].aired == 1);

  // Heard: seq 2 and 3 measured; seq 7 carries no mandate and seq 40 is not held (ignored);
  // seq 1 is outside the span (kept, not counted).
  hub.record_heard("xa-moi", {{2, 90.0}, {3, 100.0}, {7, 50.0}, {40, 10.0}, {1, 0.0}});
  hub.record_heard("xa-yen", {{2, 5.0}});  // another station's seq 2: not xa-moi's
  view = hub.mandate_view(id, kVietnam);
  REQUIRE(line_of(*view, "xa-moi").heard_pct);
  CHECK(*line_of(*view, "xa-moi").heard_pct == Approx(95.0));
  SQLite::Database db((dir / "hub.db").string());
  SQLite::Statement q(
      db, "SELECT seq, heard_pct FROM play WHERE station_id = 'xa-moi' AND heard_pct IS NOT NULL ORDER BY seq");
  std::vector<std::pair<std::int64_t, double>> heard;
  while (q.executeStep()) heard.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getDouble());
  CHECK(heard == std::vector<std::pair<std::int64_t, double>>{{1, 0.0}, {2, 90.0}, {3, 100.0}});
}
