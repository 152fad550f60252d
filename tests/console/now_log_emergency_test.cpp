// The console's Now, Log and Emergency pages and its live updates, on a real station in a
// temporary home and a fake daemon (control::Handler): the real daemon's side is the browser
// end-to-end suite's.

#include "../station/station_fixture.hpp"

#include "console/emergency_banner.hpp"
#include "console/emergency_form.hpp"
#include "console/live_events.hpp"
#include "console/log_query.hpp"
#include "console/log_table.hpp"
#include "console/now_view.hpp"
#include "console/now_warnings.hpp"
#include "station/log.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "station/timeline.hpp"
#include "store/play_store.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace console = loaxa::console;
namespace control = loaxa::control;
namespace schedules = loaxa::schedules;
namespace station = loaxa::station;
namespace store = loaxa::store;
using loaxa::test::StationFixture;
using loaxa::test::utc;
using namespace std::chrono;

namespace {

// The daemon as the console sees it: a status to answer, and the requests it was sent.
struct FakeDaemon : control::Handler {
  struct Emergency {
    std::int64_t segment = 0;
    int repeat = 0;
    std::string asked_by;
  };
  control::DaemonStatus answer;
  std::optional<control::Error> refusal;  // what emergency() and stop() answer
  std::vector<Emergency> emergencies;
  int stops = 0;

  control::DaemonStatus status() override { return answer; }
  std::optional<control::Error> play(std::int64_t) override { return refusal; }
  std::optional<control::Error> stop() override {
    ++stops;
    return refusal;
  }
  std::optional<control::Error> reload() override { return std::nullopt; }
  std::optional<control::Error> emergency(std::int64_t segment, int repeat, const std::string& asked_by) override {
    emergencies.push_back({segment, repeat, asked_by});
    return refusal;
  }
  std::optional<control::Error> priority(std::int64_t, const std::string&) override { return refusal; }
};

struct Published {
  std::string event;
  nlohmann::json data;
};

store::PlayItem item_of(std::int64_t segment, const std::string& title, const std::string& category,
                        loaxa::Instant nominal) {
  store::PlayItem item;
  item.occurrence = store::OccurrenceKey::of_slot(7, nominal);
  item.programme_name = "Bản tin sáng";
  item.segment_id = segment;
  item.category = category;
  item.title = title;
  item.scheduled_start = nominal;
  return item;
}

// A final play of `title` that started at `start` (UTC) and lasted 10 s.
std::int64_t log_play(station::Station& s, const std::string& title, const std::string& category,
                      const std::string& start, store::PlayStatus status = store::PlayStatus::completed) {
  store::PlayStore plays(s.db());
  const auto at = utc(start);
  const auto id = plays.open_play(item_of(1, title, category, at), at);
  plays.finalise(id, status, "", at + seconds(10), 441000, 0);
  return id;
}

control::DaemonStatus airing(const std::string& item, const std::string& level = "normal") {
  control::DaemonStatus status;
  status.output_device = "default";
  status.now_airing =
      control::NowAiring{"Bản tin sáng", item, milliseconds(12000),
                         sys_seconds(duration_cast<seconds>(utc("2027-01-03T20:59:48").time_since_epoch())), level};
  return status;
}

}  // namespace

TEST_CASE("a bad date in the log's filter is refused naming the text, and the days default to today") {
  const schedules::LocalDate today{year{2027} / 1 / 4};
  const auto defaulted = console::parse_log_query("", today);
  REQUIRE(std::holds_alternative<console::LogQuery>(defaulted));
  CHECK(std::get<console::LogQuery>(defaulted).from == today);
  CHECK(std::get<console::LogQuery>(defaulted).to == today);

  const auto bad = console::parse_log_query("from=2027-13-45", today);
  REQUIRE(std::holds_alternative<std::string>(bad));
  CHECK_THAT(std::get<std::string>(bad), Catch::Contains("2027-13-45") && Catch::Contains("From"));

  const auto backwards = console::parse_log_query("from=2027-01-05&to=04/01/2027", today);
  REQUIRE(std::holds_alternative<std::string>(backwards));
  CHECK_THAT(std::get<std::string>(backwards), Catch::Contains("04/01/2027"));

  const auto status = console::parse_log_query("status=aired", today);
  REQUIRE(std::holds_alternative<std::string>(status));
  CHECK_THAT(std::get<std::string>(status), Catch::Contains("aired"));
}

TEST_CASE("the log's days are whole local days in the station's zone") {
  StationFixture f;
  log_play(f.station, "trước nửa đêm", "CDS", "2027-01-03T16:59");  // 23:59 on 3 January, local
  log_play(f.station, "sáng sớm", "CDS", "2027-01-03T17:00");       // 00:00 on 4 January
  log_play(f.station, "an ninh", "ANTT", "2027-01-03T20:00");
  const auto query = std::get<console::LogQuery>(console::parse_log_query("category=cds", f.station.now().today));
  const auto plays =
      console::of_category(station::list_plays(f.station, console::play_filter(query, f.station.zone())), query);
  REQUIRE(plays.size() == 1);
  CHECK(plays.front().item.title == "sáng sớm");
}

TEST_CASE("the log's CSV has a byte-order mark, a header row and quoted fields") {
  StationFixture f;
  log_play(f.station, "Phòng chống bão, lũ \"khẩn\"", "PCTT", "2027-01-03T20:00");
  const auto csv = console::log_csv(station::list_plays(f.station, {}), f.station.zone());
  REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
  const auto header_end = csv.find("\r\n");
  CHECK(csv.substr(3, header_end - 3) == "No.,Start,End,Programme,Title,Category,Level,Status,Reason,Heard");
  CHECK_THAT(csv, Catch::Contains("1,04/01/2027 03:00,03:00,Bản tin sáng,\"Phòng chống bão, lũ \"\"khẩn\"\"\",PCTT,"));
  CHECK(csv.substr(csv.size() - 2) == "\r\n");
}

TEST_CASE("an emergency's choice takes a segment and 1 to 20 times, nothing else") {
  const auto good = console::parse_emergency_choice("csrf=x&step=review&segment=3&repeat=2");
  REQUIRE(std::holds_alternative<console::EmergencyChoice>(good));
  CHECK(std::get<console::EmergencyChoice>(good).segment == 3);
  CHECK(std::get<console::EmergencyChoice>(good).repeat == 2);
  CHECK(std::holds_alternative<std::string>(console::parse_emergency_choice("segment=3&repeat=21")));
  CHECK(std::holds_alternative<std::string>(console::parse_emergency_choice("segment=3&repeat=0")));
  CHECK(std::holds_alternative<std::string>(console::parse_emergency_choice("segment=-1")));
  CHECK(std::holds_alternative<std::string>(console::parse_emergency_choice("segment=3x")));
  CHECK(std::holds_alternative<std::string>(console::parse_emergency_choice("repeat=2")));
}

TEST_CASE("the Now page warns of a segment expiring this week, not of one expiring later") {
  const auto segment = [](std::int64_t id, const std::string& title, bool approved, const std::string& until) {
    store::Segment s;
    s.id = id;
    s.title = title;
    s.approved = approved;
    s.valid_until = until;
    return s;
  };
  const std::vector<store::Segment> segments{segment(1, "Tiêm chủng", true, "2027-01-10"),
                                             segment(2, "Sau này", true, "2027-01-11"),
                                             segment(3, "Chưa duyệt", false, "2027-01-05")};
  const auto warnings = console::expiry_warnings(segments, schedules::LocalDate{year{2027} / 1 / 4});
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings.front().text, Catch::Contains("Tiêm chủng") && Catch::Contains("10/01/2027"));
}

TEST_CASE("the Now page warns of a rotation that will run short, by the programme's own rule") {
  StationFixture f;
  f.add_segment("CDS", 1.0, 1);
  station::add_programme(f.station, "Sáng", {"rotate:CDS:3"});
  station::SlotRequest morning;
  morning.programme = "Sáng";
  morning.times = {schedules::parse_time_of_day("05:30")};
  station::add_slots(f.station, morning);
  const auto coming = station::plan_window(f.station, f.station.now().utc, f.station.now().utc + hours(24));
  REQUIRE_FALSE(coming.empty());
  const auto warnings = console::rotation_warnings(f.station, coming);
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings.front().text, Catch::Contains("Sáng") && Catch::Contains("CDS") && Catch::Contains("3"));
}

TEST_CASE("the Now page warns when the output is lost and when the monitor line heard nothing") {
  control::DaemonStatus status;
  status.output_device = "hw:1";
  status.device_trouble = control::DeviceTrouble{sys_seconds(seconds(1800000000)), "the card is gone"};
  status.monitor = control::MonitorStatus{
      "hw:2", std::nullopt,
      control::MonitorStatus::Unheard{sys_seconds(seconds(1800000000)), "Bản tin 6 giờ", 0.0, true}};
  const auto warnings = console::daemon_warnings(status, schedules::TimeZone("Asia/Ho_Chi_Minh"));
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].serious);
  CHECK_THAT(warnings[0].text, Catch::Contains("hw:1") && Catch::Contains("the card is gone"));
  CHECK(warnings[1].serious);
  CHECK_THAT(warnings[1].text, Catch::Contains("Bản tin 6 giờ") && Catch::Contains("amplifier"));
}

TEST_CASE("live updates publish a new play row once, then once when it is final, never the rows before") {
  StationFixture f;
  log_play(f.station, "hôm qua", "CDS", "2027-01-02T22:30");
  FakeDaemon daemon;
  std::vector<Published> published;
  console::LiveEvents live(f.station, daemon, [&](const std::string& event, const std::string& json) {
    published.push_back({event, nlohmann::json::parse(json)});
  });
  const auto plays_published = [&] {
    return std::count_if(published.begin(), published.end(), [](const Published& p) { return p.event == "play"; });
  };
  live.tick();
  CHECK(plays_published() == 0);

  store::PlayStore plays(f.station.db());
  const auto at = utc("2027-01-03T21:00");
  const auto id = plays.open_play(item_of(1, "Định danh điện tử", "CDS", at), at);
  live.tick();
  live.tick();
  REQUIRE(plays_published() == 1);
  CHECK(published.back().data["id"] == id);
  CHECK(published.back().data["status"] == "playing");
  CHECK(published.back().data["day"] == "2027-01-04");
  CHECK_THAT(published.back().data["html"].get<std::string>(),
             Catch::Contains("data-play-id=\"" + std::to_string(id) + "\"") && Catch::Contains("Định danh điện tử"));

  plays.finalise(id, store::PlayStatus::completed, "", at + seconds(10), 441000, 0);
  live.tick();
  live.tick();
  REQUIRE(plays_published() == 2);
  CHECK(published.back().data["status"] == "completed");

  plays.set_heard(id, {97.5, 40});
  live.tick();
  live.tick();
  REQUIRE(plays_published() == 3);
  CHECK_THAT(published.back().data["html"].get<std::string>(), Catch::Contains("98%"));
  CHECK(live.failed_ticks() == 0);
}

TEST_CASE("live updates publish what airs when it changes and its progress every fifth second") {
  StationFixture f;
  FakeDaemon daemon;
  std::vector<Published> published;
  console::LiveEvents live(f.station, daemon, [&](const std::string& event, const std::string& json) {
    if (event == "now") published.push_back({event, nlohmann::json::parse(json)});
  });
  live.tick();
  REQUIRE(published.size() == 1);
  CHECK(published.back().data["airing"] == false);
  live.tick();
  CHECK(published.size() == 1);

  daemon.answer = airing("segment 7: Khẩn cấp bão số 3", "emergency");
  live.tick();
  REQUIRE(published.size() == 2);
  CHECK_THAT(published.back().data["html"].get<std::string>(), Catch::Contains("Khẩn cấp bão số 3"));
  CHECK_THAT(published.back().data["banner"].get<std::string>(),
             Catch::Contains("emergency-banner") && Catch::Contains("Khẩn cấp bão số 3"));
  for (int i = 0; i < 4; ++i) live.tick();
  CHECK(published.size() == 2);
  live.tick();
  CHECK(published.size() == 3);

  daemon.answer = control::DaemonStatus{};
  live.tick();
  REQUIRE(published.size() == 4);
  CHECK(published.back().data["airing"] == false);
  CHECK_THAT(published.back().data["banner"].get<std::string>(), Catch::Contains("hidden"));
}

TEST_CASE("the Now page shows what airs with its progress over the segment's length, and what comes next") {
  StationFixture f;
  const auto segment = f.add_segment("CDS", 2.0, 1);
  station::add_programme(f.station, "Sáng", {"segment:" + std::to_string(segment)});
  station::SlotRequest morning;
  morning.programme = "Sáng";
  morning.times = {schedules::parse_time_of_day("05:30")};
  station::add_slots(f.station, morning);
  store::PlayStore(f.station.db())
      .open_play(item_of(segment, "Định danh điện tử", "CDS", utc("2027-01-03T20:59:48")), utc("2027-01-03T20:59:48"));
  FakeDaemon daemon;
  daemon.answer = airing("segment " + std::to_string(segment) + ": Định danh điện tử");

  const auto facts = console::gather_now(f.station, daemon);
  REQUIRE(facts.airing_length_ms);
  CHECK(*facts.airing_length_ms > 1500);
  CHECK(*facts.airing_length_ms <= 2000);
  const auto body = console::now_body_html(facts, f.station.zone());
  CHECK_THAT(body, Catch::Contains("Bản tin sáng — segment " + std::to_string(segment) + ": Định danh điện tử"));
  // 12 s into a 2 s segment (the daemon's figure): the bar stops full.
  CHECK_THAT(body, Catch::Contains("<progress max=\"" + std::to_string(*facts.airing_length_ms) + "\" value=\"" +
                                   std::to_string(*facts.airing_length_ms) + "\""));
  CHECK_THAT(body, Catch::Contains("Sáng") && Catch::Contains("05:30"));
  CHECK_THAT(body, !Catch::Contains("class=\"warning"));
}

TEST_CASE("the emergency banner shows while an emergency airs and is an empty placeholder otherwise") {
  CHECK_THAT(console::emergency_banner(airing("segment 3: Bão số 3", "emergency")),
             Catch::Contains("role=\"alert\"") && Catch::Contains("Bão số 3") && Catch::Contains("/emergency"));
  const auto quiet = console::emergency_banner(airing("segment 4: Bản tin", "normal"));
  CHECK_THAT(quiet, Catch::Contains("id=\"emergency-banner\"") && Catch::Contains("hidden"));
  CHECK_THAT(quiet, !Catch::Contains("Bản tin"));
}
