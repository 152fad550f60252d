// The console's Now, Log and Emergency pages and its live updates, on a real station in a
// temporary home and a fake daemon (control::Handler): the real daemon's side is the browser
// end-to-end suite's.

#include "../station/station_fixture.hpp"

#include "console/console.hpp"
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
#include "station/users.hpp"
#include "store/play_store.hpp"
#include "web/csrf.hpp"
#include "web/password_hash.hpp"
#include "web/text.hpp"

#include "console_fixture.hpp"

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
namespace web = loaxa::web;
using loaxa::test::FakeDaemon;
using loaxa::test::Signed;
using loaxa::test::StationFixture;
using loaxa::test::utc;
using namespace std::chrono;

namespace {

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

// The console's front door on a real station (StationFixture's clock: Monday 4 January 2027,
// 04:00 local) and the fake daemon; users signed in as a login would leave them.
struct FrontDoor : StationFixture {
  FrontDoor()
      : context{station,
                station.home(),
                daemon,
                [](std::function<void()> work, std::function<void()> then) {
                  work();
                  then();
                },
                [](const std::string&, const std::string&) {},
                1 << 20},
        front(context, station.clock()) {}

  Signed sign_in(const std::string& name, station::UserRole role) {
    auto who = loaxa::test::sign_in(station, name, role);
    who.cookie += std::string("; ") + console::kLanguageCookie + "=en";  // English, so the checks read the msgids
    return who;
  }

  web::WebResponse send(const std::string& method, const std::string& target, const Signed& who,
                        const std::string& fields = {}) {
    web::WebRequest request;
    request.method = method;
    request.target = target;
    request.host = "127.0.0.1:8080";
    request.client_address = "127.0.0.1";
    request.cookie = who.cookie;
    if (method == "POST") {
      request.origin = "http://127.0.0.1:8080";
      request.content_type = "application/x-www-form-urlencoded";
      request.body = fields + (fields.empty() ? "" : "&") + "csrf=" + web::url_encode(who.token);
    }
    return loaxa::test::answer_of(front, std::move(request));
  }

  FakeDaemon daemon;
  console::Context context;
  console::Console front;
};

std::string header_of(const web::WebResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
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
  CHECK(published.back().data["html"].contains("vi"));  // each page takes its reader's language
  CHECK_THAT(published.back().data["html"]["en"].get<std::string>(),
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
  CHECK_THAT(published.back().data["html"]["en"].get<std::string>(), Catch::Contains("98%"));
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
  CHECK_THAT(published.back().data["html"]["en"].get<std::string>(), Catch::Contains("Khẩn cấp bão số 3"));
  CHECK_THAT(published.back().data["banner"]["en"].get<std::string>(),
             Catch::Contains("emergency-banner") && Catch::Contains("Khẩn cấp bão số 3"));
  for (int i = 0; i < 4; ++i) live.tick();
  CHECK(published.size() == 2);
  live.tick();
  CHECK(published.size() == 3);

  daemon.answer = control::DaemonStatus{};
  live.tick();
  REQUIRE(published.size() == 4);
  CHECK(published.back().data["airing"] == false);
  CHECK_THAT(published.back().data["banner"]["en"].get<std::string>(), Catch::Contains("hidden"));
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
  CHECK_THAT(body, !Catch::Contains("class=\"notice"));
}

TEST_CASE("the emergency banner shows while an emergency airs and is an empty placeholder otherwise") {
  CHECK_THAT(console::emergency_banner(airing("segment 3: Bão số 3", "emergency")),
             Catch::Contains("role=\"alert\"") && Catch::Contains("Bão số 3") && Catch::Contains("/emergency"));
  const auto quiet = console::emergency_banner(airing("segment 4: Bản tin", "normal"));
  CHECK_THAT(quiet, Catch::Contains("id=\"emergency-banner\"") && Catch::Contains("hidden"));
  CHECK_THAT(quiet, !Catch::Contains("Bản tin"));
}

TEST_CASE("console: the Now page shows what airs, and the stop button to an operator only") {
  FrontDoor c;
  const auto viewer = c.sign_in("xem", station::UserRole::viewer);
  c.daemon.answer = airing("segment 7: Phòng chống dịch sốt xuất huyết");
  const auto page = c.send("GET", "/", viewer);
  CHECK(page.status == 200);
  CHECK_THAT(page.body, Catch::Contains("Phòng chống dịch sốt xuất huyết") && Catch::Contains("id=\"now-airing\""));
  CHECK_THAT(page.body, Catch::Contains("/static/live.js"));
  CHECK_THAT(page.body, !Catch::Contains("/emergency/stop"));
  const auto op = c.sign_in("vanhanh", station::UserRole::operator_);
  CHECK_THAT(c.send("GET", "/", op).body, Catch::Contains("action=\"/emergency/stop\""));

  c.daemon.answer.device_trouble = control::DeviceTrouble{sys_seconds(seconds(1799000000)), "JACK server gone"};
  CHECK_THAT(c.send("GET", "/", viewer).body,
             Catch::Contains("<li class=\"notice error\">") && Catch::Contains("JACK server gone"));
  const auto script = c.send("GET", "/static/live.js", {});
  CHECK(script.status == 200);
  CHECK_THAT(script.content_type, Catch::Contains("javascript"));
  CHECK_THAT(script.body, Catch::Contains("EventSource(\"/events\")"));
}

TEST_CASE("console: the log filters by days, category and status, and exports the same rows as CSV") {
  FrontDoor c;
  const auto viewer = c.sign_in("xem", station::UserRole::viewer);
  log_play(c.station, "Tiêm chủng mở rộng", "CDS", "2027-01-02T22:30");                             // 3 Jan, 05:30
  log_play(c.station, "Thủ tục một cửa", "CCHC", "2027-01-02T23:00");                               // 3 Jan, 06:00
  log_play(c.station, "Bản tin bỏ lỡ", "CDS", "2027-01-02T23:30", store::PlayStatus::interrupted);  // 3 Jan, 06:30
  log_play(c.station, "Hôm nay", "CDS", "2027-01-03T20:00");                                        // 4 Jan, 03:00

  const auto today = c.send("GET", "/log", viewer);
  CHECK(today.status == 200);
  CHECK_THAT(today.body, Catch::Contains("Hôm nay") && !Catch::Contains("Tiêm chủng"));
  CHECK_THAT(today.body, Catch::Contains("data-live=\"1\""));

  const auto filtered = c.send("GET", "/log?from=03%2F01%2F2027&to=2027-01-03&category=cds&status=completed", viewer);
  CHECK(filtered.status == 200);
  CHECK_THAT(filtered.body, Catch::Contains("Tiêm chủng mở rộng"));
  CHECK_THAT(filtered.body,
             !Catch::Contains("Thủ tục một cửa") && !Catch::Contains("Bản tin bỏ lỡ") && !Catch::Contains("Hôm nay"));
  CHECK_THAT(filtered.body,
             Catch::Contains("/log.csv?from=2027-01-03&amp;to=2027-01-03&amp;category=CDS&amp;status=completed"));
  CHECK_THAT(filtered.body, Catch::Contains("data-live=\"0\""));

  const auto csv = c.send("GET", "/log.csv?from=2027-01-03&to=2027-01-03&category=CDS", viewer);
  CHECK(csv.status == 200);
  CHECK_THAT(csv.content_type, Catch::Contains("text/csv"));
  CHECK_THAT(header_of(csv, "Content-Disposition"), Catch::Contains("attachment"));
  REQUIRE(csv.body.rfind("\xEF\xBB\xBF"
                         "No.,Start,",
                         0) == 0);
  CHECK_THAT(csv.body, Catch::Contains("Tiêm chủng mở rộng") && Catch::Contains("Bản tin bỏ lỡ"));
  CHECK_THAT(csv.body, !Catch::Contains("Thủ tục một cửa") && !Catch::Contains("Hôm nay"));
  CHECK(std::count(csv.body.begin(), csv.body.end(), '\n') == 3);  // the header and two rows
}

TEST_CASE("console: a bad date in the log's filter is a 400 that names it, for the page and the CSV") {
  FrontDoor c;
  const auto viewer = c.sign_in("xem", station::UserRole::viewer);
  for (const std::string target : {"/log?from=31%2F02%2F2027", "/log.csv?to=mai"}) {
    const auto refused = c.send("GET", target, viewer);
    CHECK(refused.status == 400);
    CHECK_THAT(refused.body, Catch::Contains("is not a date"));
  }
  CHECK_THAT(c.send("GET", "/log?from=31%2F02%2F2027", viewer).body, Catch::Contains("31/02/2027"));
}

TEST_CASE(
    "console: an emergency is confirmed on a second form, then asked of the daemon with the segment, "
    "the times and the operator") {
  FrontDoor c;
  const auto op = c.sign_in("vanhanh", station::UserRole::operator_);
  const auto storm = c.add_segment("CCHC", 1.0, 1);
  const auto other = c.add_segment("CDS", 1.0, 2);

  const auto chooser = c.send("GET", "/emergency", op);
  CHECK(chooser.status == 200);
  CHECK_THAT(chooser.body, Catch::Contains("<option value=\"" + std::to_string(storm) + "\"") &&
                               Catch::Contains("<option value=\"" + std::to_string(other) + "\""));

  const auto confirm = c.send("POST", "/emergency", op, "step=review&segment=" + std::to_string(storm) + "&repeat=3");
  CHECK(confirm.status == 200);
  CHECK_THAT(confirm.body, Catch::Contains("Air the emergency now?") &&
                               Catch::Contains("name=\"segment\" value=\"" + std::to_string(storm) + "\"") &&
                               Catch::Contains("name=\"repeat\" value=\"3\"") && Catch::Contains("value=\"air\""));
  CHECK(c.daemon.emergencies.empty());

  const auto aired = c.send("POST", "/emergency", op, "step=air&segment=" + std::to_string(storm) + "&repeat=3");
  CHECK(aired.status == 303);
  CHECK(header_of(aired, "Location") == "/");
  REQUIRE(c.daemon.emergencies.size() == 1);
  CHECK(c.daemon.emergencies[0].segment == storm);
  CHECK(c.daemon.emergencies[0].repeat == 3);
  CHECK(c.daemon.emergencies[0].asked_by == "vanhanh");

  const auto too_many = c.send("POST", "/emergency", op, "step=air&segment=" + std::to_string(storm) + "&repeat=21");
  CHECK(too_many.status == 400);
  const auto no_such = c.send("POST", "/emergency", op, "step=air&segment=999&repeat=1");
  CHECK(no_such.status == 400);
  CHECK_THAT(no_such.body, Catch::Contains("999"));
  CHECK(c.daemon.emergencies.size() == 1);

  c.daemon.refusal = control::Error{control::ErrorKind::failed, "cannot decode", "file_unreadable"};
  const auto unreadable = c.send("POST", "/emergency", op, "step=air&segment=" + std::to_string(other) + "&repeat=1");
  CHECK(unreadable.status == 502);
  CHECK_THAT(unreadable.body, Catch::Contains("The file of segment " + std::to_string(other) + " cannot be played"));

  c.daemon.refusal = control::Error{control::ErrorKind::refused, "nothing is on air", "nothing_on_air"};
  const auto stopped = c.send("POST", "/emergency/stop", op);
  CHECK(stopped.status == 303);
  CHECK(c.daemon.stops == 1);
}

TEST_CASE("console: a viewer sees the Emergency page without its forms and is refused an emergency and a stop") {
  FrontDoor c;
  const auto viewer = c.sign_in("xem", station::UserRole::viewer);
  const auto segment = c.add_segment("CCHC", 1.0, 1);
  const auto page = c.send("GET", "/emergency", viewer);
  CHECK(page.status == 200);
  CHECK_THAT(page.body, Catch::Contains("Only an operator can air an emergency"));
  CHECK_THAT(page.body, !Catch::Contains("name=\"step\""));
  CHECK(c.send("POST", "/emergency", viewer, "step=air&segment=" + std::to_string(segment) + "&repeat=1").status ==
        403);
  CHECK(c.send("POST", "/emergency/stop", viewer).status == 403);
  CHECK(c.daemon.emergencies.empty());
  CHECK(c.daemon.stops == 0);
}
