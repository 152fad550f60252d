// The Schedule pages through the console's front door (Console::handle), as a browser's
// requests reach them: a real station in a temporary home on a fixed clock, signed-in
// operators and viewers, and a fake daemon that counts the re-plans asked of it.

#include "console/console.hpp"

#include "common/clock.hpp"
#include "schedules/civil_time.hpp"
#include "station/mandates.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "station/users.hpp"
#include "support/mandate_example.hpp"
#include "support/temp_dir.hpp"
#include "support/wav_writer.hpp"
#include "web/csrf.hpp"
#include "web/password_hash.hpp"
#include "web/text.hpp"

#include "console_fixture.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <optional>

namespace console = loaxa::console;
namespace control = loaxa::control;
namespace schedules = loaxa::schedules;
namespace station = loaxa::station;
namespace web = loaxa::web;
using Catch::Contains;
using loaxa::test::FakeDaemon;
using loaxa::test::Signed;

namespace {

loaxa::Instant utc(const std::string& text) {
  return loaxa::Instant{schedules::parse_date_time(text).time_since_epoch()};
}

// A console on a station whose clock stands at `now` (UTC), in `zone`.
struct ScheduleConsole {
  explicit ScheduleConsole(const std::string& now = "2027-01-06T03:00",  // Wednesday 10:00 in Hà Nội
                           const std::string& zone = "Asia/Ho_Chi_Minh")
      : station(loaxa::test::console_home(dir, zone), std::make_unique<loaxa::ManualClock>(utc(now))),
        context{station,
                station.home(),
                daemon,
                [](std::function<void()> work, std::function<void()> then) {
                  work();
                  then();
                },
                [](const std::string&, const std::string&) {},
                1 << 20},
        front(context, station.clock()) {}

  Signed sign_in(const std::string& name, station::UserRole role) { return loaxa::test::sign_in(station, name, role); }

  web::WebResponse send(const std::string& method, const std::string& target, const std::optional<Signed>& who,
                        std::string body = {}) {
    web::WebRequest request;
    request.method = method;
    request.target = target;
    request.host = "127.0.0.1:8080";
    request.client_address = "127.0.0.1";
    if (who) request.cookie = who->cookie;
    if (method == "POST") {
      request.origin = "http://127.0.0.1:8080";
      request.content_type = "application/x-www-form-urlencoded";
      if (who) body += (body.empty() ? "" : "&") + std::string("csrf=") + web::url_encode(who->token);
      request.body = std::move(body);
    }
    return loaxa::test::answer_of(front, std::move(request));
  }

  web::WebResponse get(const std::string& target, const std::optional<Signed>& who) { return send("GET", target, who); }
  web::WebResponse post(const std::string& target, const std::optional<Signed>& who,
                        const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body;
    for (const auto& [name, value] : fields) body += (body.empty() ? "" : "&") + name + "=" + web::url_encode(value);
    return send("POST", target, who, body);
  }

  loaxa::test::TempDir dir;
  FakeDaemon daemon;
  station::Station station;
  console::Context context;
  console::Console front;
};

std::string location(const web::WebResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Location") return value;
  }
  return {};
}

}  // namespace

TEST_CASE("schedule page: an operator checks a slot, saves it and sees it in the week", "[console][schedule]") {
  ScheduleConsole c;
  const auto op = c.sign_in("vanhanh", station::UserRole::operator_);
  station::add_programme(c.station, "Sáng", {"relay:vov1:15m"});

  const std::vector<std::pair<std::string, std::string>> slot{
      {"programme", "Sáng"}, {"times", "05:30, 17:00"}, {"weekdays", "T2-T7"}, {"from", "2027-01-11"},
      {"until", ""},         {"level", "normal"},       {"week", "2027-01-11"}};
  const auto check = c.post("/schedule/slots/check", op, slot);
  CHECK(check.status == 200);
  CHECK_THAT(check.body, Contains("11/01/2027 05:30"));  // the first airing
  CHECK_THAT(check.body, Contains("45"));                // the session cap
  CHECK_THAT(check.body, Contains("action=\"/schedule/slots\""));
  CHECK(station::list_slots(c.station).empty());  // a check writes nothing
  CHECK(c.daemon.reloads == 0);

  const auto saved = c.post("/schedule/slots", op, slot);
  CHECK(saved.status == 303);
  CHECK(location(saved) == "/schedule?week=2027-01-11#slots");
  CHECK(station::list_slots(c.station).size() == 2);
  CHECK(c.daemon.reloads == 1);

  const auto week = c.get("/schedule?week=2027-01-11", op);
  CHECK(week.status == 200);
  CHECK_THAT(week.body, Contains("<th scope=\"row\">05:00</th>"));
  CHECK_THAT(week.body, Contains("<th scope=\"row\">17:00</th>"));
  CHECK_THAT(week.body, Contains("05:30–05:45"));
  CHECK_THAT(week.body, Contains("href=\"/static/schedule.css\""));
  CHECK_THAT(week.body, Contains("action=\"/schedule/slots/disable\""));
  // This week (the slots start next Monday) has nothing; today is marked.
  const auto now = c.get("/schedule", op);
  CHECK_THAT(now.body, !Contains("05:30–05:45"));
  CHECK_THAT(now.body, Contains("T4 06/01"));
  CHECK_THAT(now.body, Contains("href=\"/schedule?week=2027-01-11\""));

  const auto id = std::to_string(station::list_slots(c.station).front().stored.slot.id);
  CHECK(c.post("/schedule/slots/disable", op, {{"id", id}, {"week", "2027-01-11"}}).status == 303);
  CHECK_FALSE(station::find_slot(c.station, std::stoll(id)).stored.slot.enabled);
  CHECK(c.post("/schedule/slots/remove", op, {{"id", id}}).status == 303);
  CHECK(station::list_slots(c.station).size() == 1);
  CHECK(c.post("/schedule/slots/remove", op, {{"id", id}}).status == 404);
  CHECK(c.post("/schedule/slots/enable", op, {{"id", "x"}}).status == 400);
  CHECK(c.daemon.reloads == 3);
}

TEST_CASE("schedule page: bad weeks, times, weekdays, dates and a DST gap are 400s that write nothing",
          "[console][schedule]") {
  ScheduleConsole c("2027-03-20T12:00", "Europe/Berlin");
  const auto op = c.sign_in("vanhanh", station::UserRole::operator_);
  station::add_programme(c.station, "Đêm", {"relay:vov1:10m"});

  for (const char* week : {"2027-13-01", "tuần%20sau", "2027-02-30"}) {
    INFO(week);
    const auto answer = c.get(std::string("/schedule?week=") + week, op);
    CHECK(answer.status == 400);
    CHECK_THAT(answer.body, Contains(web::html_escape(*web::url_decode(week))));
  }

  const auto refused = [&](const std::string& target, std::vector<std::pair<std::string, std::string>> fields,
                           const std::string& named) {
    INFO(target << " " << named);
    const auto answer = c.post(target, op, fields);
    CHECK(answer.status == 400);
    CHECK_THAT(answer.body, Contains(web::html_escape(named)));
  };
  for (const char* path : {"/schedule/slots/check", "/schedule/slots"}) {
    refused(path, {{"programme", "Đêm"}, {"times", "7h"}}, "7h");
    refused(path, {{"programme", "Đêm"}, {"times", "05:30, 25:00"}}, "25:00");
    refused(path, {{"programme", "Đêm"}, {"times", ""}}, "05:30");
    refused(path, {{"programme", "Đêm"}, {"times", "05:30"}, {"weekdays", "T8"}}, "T8");
    refused(path, {{"programme", "Đêm"}, {"times", "05:30"}, {"from", "31/02/2027"}}, "31/02/2027");
    refused(path, {{"programme", "Đêm"}, {"times", "05:30"}, {"from", "2027-04-01"}, {"until", "2027-03-01"}},
            "01/04/2027");
    refused(path, {{"programme", "Không có"}, {"times", "05:30"}}, "Không có");
    // 02:30 on Sunday 28 March 2027 does not exist in Berlin: the clocks go from 02:00 to 03:00.
    refused(path, {{"programme", "Đêm"}, {"times", "02:30"}, {"from", "2027-03-28"}}, "Europe/Berlin");
  }
  refused("/schedule/holidays", {{"name", "Lễ"}, {"from", "2027-05-02"}, {"until", "2027-05-01"}}, "02/05/2027");
  refused("/schedule/holidays", {{"name", "Lễ"}, {"from", "hôm nay"}}, "hôm nay");
  refused("/schedule/programmes", {{"name", "Dài"}, {"items", "relay:vov1:46m"}}, "Dài");
  refused("/schedule/programmes/check", {{"name", "X"}, {"items", "segment:99"}}, "99");
  refused("/schedule/programmes/edit", {{"programme", "Đêm"}, {"items", "bogus:1"}}, "bogus:1");
  CHECK(station::list_slots(c.station).empty());
  CHECK(station::list_holidays(c.station).empty());
  CHECK(station::list_programmes(c.station).size() == 1);
  CHECK(station::find_programme(c.station, "Đêm").items.size() == 1);
  CHECK(c.daemon.reloads == 0);
}

TEST_CASE("schedule page: a viewer sees the week without forms and is refused every change", "[console][schedule]") {
  ScheduleConsole c;
  const auto viewer = c.sign_in("xem", station::UserRole::viewer);
  station::add_programme(c.station, "Sáng", {"relay:vov1:15m"});
  station::SlotRequest request;
  request.programme = "Sáng";
  request.times = schedules::parse_times_of_day("05:30");
  station::add_slots(c.station, request);

  const auto week = c.get("/schedule", viewer);
  CHECK(week.status == 200);
  CHECK_THAT(week.body, Contains("05:30–05:45"));
  CHECK_THAT(week.body, !Contains("action=\"/schedule/"));
  CHECK_THAT(c.get("/schedule/programmes", viewer).body, Contains("relay:vov1:15m"));
  CHECK_THAT(c.get("/schedule/programmes", viewer).body, !Contains("<textarea"));

  const auto id = std::to_string(station::list_slots(c.station).front().stored.slot.id);
  CHECK(c.post("/schedule/slots", viewer, {{"programme", "Sáng"}, {"times", "17:00"}}).status == 403);
  CHECK(c.post("/schedule/slots/check", viewer, {{"programme", "Sáng"}, {"times", "17:00"}}).status == 403);
  CHECK(c.post("/schedule/slots/remove", viewer, {{"id", id}}).status == 403);
  CHECK(c.post("/schedule/holidays", viewer, {{"name", "Lễ"}, {"from", "2027-01-08"}}).status == 403);
  CHECK(c.post("/schedule/programmes/remove", viewer, {{"programme", "Sáng"}}).status == 403);
  CHECK(station::list_slots(c.station).size() == 1);
  CHECK(station::list_holidays(c.station).empty());
  CHECK(station::list_programmes(c.station).size() == 1);
  CHECK(c.daemon.reloads == 0);

  // Without a session: the page sends to the login, a change is refused; the stylesheet is public.
  CHECK(c.get("/schedule", std::nullopt).status == 303);
  CHECK(c.post("/schedule/slots/remove", std::nullopt, {{"id", id}}).status == 401);
  const auto style = c.get("/static/schedule.css", std::nullopt);
  CHECK(style.status == 200);
  CHECK(style.content_type.rfind("text/css", 0) == 0);
  CHECK_THAT(style.body, Contains(".occurrence.dropped"));
}

TEST_CASE("schedule page: holidays and programmes are added, edited in order and removed", "[console][schedule]") {
  ScheduleConsole c;
  const auto op = c.sign_in("vanhanh", station::UserRole::operator_);

  const auto holiday =
      c.post("/schedule/holidays", op, {{"name", "Lễ"}, {"from", "08/01/2027"}, {"week", "2027-01-04"}});
  CHECK(holiday.status == 303);
  REQUIRE(station::list_holidays(c.station).size() == 1);
  CHECK(schedules::format_date(station::list_holidays(c.station)[0].holiday.until) == "2027-01-08");
  CHECK_THAT(c.get("/schedule", op).body, Contains("<span class=\"holiday-name\">Lễ</span>"));

  const auto checked = c.post("/schedule/programmes/check", op, {{"name", "Tối"}, {"items", "relay:vov1:10m\r\n"}});
  CHECK(checked.status == 200);
  CHECK_THAT(checked.body, Contains("10:00"));  // its longest airing
  CHECK(station::list_programmes(c.station).empty());
  const auto added =
      c.post("/schedule/programmes", op, {{"name", "Tối"}, {"items", "relay:vov1:10m\nrelay:linein:5m"}});
  CHECK(added.status == 303);
  CHECK(station::find_programme(c.station, "Tối").items.size() == 2);
  const auto edit_check = c.post("/schedule/programmes/edit/check", op,
                                 {{"programme", "Tối"}, {"items", "relay:linein:5m\n\nrelay:vov1:10m\n"}});
  CHECK(edit_check.status == 200);
  CHECK_THAT(edit_check.body, Contains("action=\"/schedule/programmes/edit\""));
  CHECK_THAT(edit_check.body, Contains("15:00"));  // its longest airing
  CHECK(schedules::format_programme_item(station::find_programme(c.station, "Tối").items[0]) == "relay:vov1:10m");
  const auto edited =
      c.post("/schedule/programmes/edit", op, {{"programme", "Tối"}, {"items", "relay:linein:5m\n\nrelay:vov1:10m\n"}});
  CHECK(edited.status == 303);
  const auto items = station::find_programme(c.station, "Tối").items;
  REQUIRE(items.size() == 2);
  CHECK(schedules::format_programme_item(items[0]) == "relay:linein:5m");
  CHECK(schedules::format_programme_item(items[1]) == "relay:vov1:10m");
  CHECK_THAT(c.get("/schedule/programmes", op).body,
             Contains("<textarea name=\"items\" rows=\"4\">relay:linein:5m\nrelay:vov1:10m\n</textarea>"));

  CHECK(c.post("/schedule/programmes/remove", op, {{"programme", "Tối"}}).status == 303);
  CHECK(station::list_programmes(c.station).empty());
  const auto id = std::to_string(station::list_holidays(c.station)[0].id);
  CHECK(c.post("/schedule/holidays/remove", op, {{"id", id}}).status == 303);
  CHECK(station::list_holidays(c.station).empty());
  CHECK(c.post("/schedule/holidays/remove", op, {{"id", id}}).status == 404);
  CHECK(c.daemon.reloads == 5);
}

TEST_CASE("schedule page: an operator changes a slot through its own form and a bad change leaves it as it was",
          "[console][schedule]") {
  ScheduleConsole c;
  const auto op = c.sign_in("vanhanh", station::UserRole::operator_);
  station::add_programme(c.station, "Sáng", {"relay:vov1:15m"});
  station::add_programme(c.station, "Chiều", {"relay:vov1:10m"});
  REQUIRE(c.post("/schedule/slots", op,
                 {{"programme", "Sáng"},
                  {"times", "05:30"},
                  {"weekdays", "T2-T6"},
                  {"from", "2027-01-11"},
                  {"level", "priority"},
                  {"week", "2027-01-11"}})
              .status == 303);
  const auto old_id = station::list_slots(c.station).front().stored.slot.id;
  const auto id = std::to_string(old_id);

  // The week offers the change; the form holds the slot's own values.
  CHECK_THAT(c.get("/schedule?week=2027-01-11", op).body, Contains("/schedule/slots/edit?id=" + id));
  const auto form = c.get("/schedule/slots/edit?id=" + id + "&week=2027-01-11", op);
  CHECK(form.status == 200);
  CHECK_THAT(form.body, Contains("name=\"replaces\" value=\"" + id + "\""));
  CHECK_THAT(form.body, Contains("value=\"05:30\"") && Contains("value=\"T2-T6\"") &&
                            Contains("value=\"2027-01-11\"") && Contains("<option value=\"Sáng\" selected>") &&
                            Contains("<option value=\"priority\" selected>"));

  // A time that does not read changes nothing.
  CHECK(c.post("/schedule/slots", op, {{"replaces", id}, {"programme", "Sáng"}, {"times", "25:00"}}).status == 400);
  CHECK(station::find_slot(c.station, old_id).stored.slot.rrule == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");

  // The check step keeps what it changes; saving replaces the slot.
  const std::vector<std::pair<std::string, std::string>> change{
      {"replaces", id}, {"programme", "Chiều"}, {"times", "17:15"}, {"weekdays", "T7,CN"}, {"week", "2027-01-11"}};
  CHECK_THAT(c.post("/schedule/slots/check", op, change).body, Contains("name=\"replaces\" value=\"" + id + "\""));
  CHECK(c.post("/schedule/slots", op, change).status == 303);
  const auto slots = station::list_slots(c.station);
  REQUIRE(slots.size() == 1);
  CHECK(slots.front().programme_name == "Chiều");
  CHECK(slots.front().stored.slot.rrule == "FREQ=WEEKLY;BYDAY=SA,SU");
  CHECK(c.get("/schedule/slots/edit?id=" + id, op).status == 404);
  CHECK(c.post("/schedule/slots", op, {{"replaces", id}, {"programme", "Sáng"}, {"times", "06:00"}}).status == 404);
  CHECK(station::list_slots(c.station).size() == 1);

  const auto viewer = c.sign_in("xem", station::UserRole::viewer);
  CHECK(c.get("/schedule/slots/edit?id=" + std::to_string(slots.front().stored.slot.id), viewer).status == 403);
}

namespace {

// A mandate received by `c`'s station: 3 a week from Monday 4 to Sunday 17 January, 05:00–07:00
// and 17:00–19:00, its audio a 2 s tone imported and planned as the sync would.
station::AcceptedMandate receive_mandate(ScheduleConsole& c) {
  const auto file = c.dir / "vneid.wav";
  loaxa::test::write_tone_wav(file, {.tone_s = 2.0, .frequency_hz = 523.0});
  const auto order = loaxa::test::example_mandate(3, "Cài đặt VNeID mức 2");
  const auto now = c.station.clock().now();
  station::record_order(c.station, order, now);
  return station::accept_mandate(c.station, order, file, now);
}

}  // namespace

TEST_CASE("mandates page: an operator sees the district's mandate, moves one airing and declines it",
          "[console][schedule][mandate]") {
  ScheduleConsole c;
  const auto accepted = receive_mandate(c);
  REQUIRE(accepted.mandate.state == loaxa::store::MandateState::received);
  const auto op = c.sign_in("vanhanh", station::UserRole::operator_);

  const auto shown = c.get("/schedule/mandates", op);
  CHECK(shown.status == 200);
  CHECK_THAT(shown.body, Contains("Cài đặt VNeID mức 2"));
  CHECK_THAT(shown.body, Contains("05:00-07:00,17:00-19:00"));
  CHECK_THAT(shown.body, Contains("/schedule/mandates/decline"));
  CHECK_THAT(shown.body, Contains("/schedule/mandates/move"));
  CHECK_THAT(c.get("/schedule", op).body, Contains("href=\"/schedule/mandates\""));

  // One airing moved within its hours; outside them it is refused and nothing changes.
  const auto views = station::list_mandates(c.station, c.station.clock().now());
  REQUIRE_FALSE(views.at(0).next.empty());
  const auto& first = views.at(0).next.front();
  const auto day = schedules::format_date(schedules::date_of(first.local_nominal));
  const auto outside =
      c.post("/schedule/mandates/move", op, {{"slot", std::to_string(first.slot_id)}, {"to", day + "T12:00"}});
  CHECK(outside.status == 400);
  CHECK(station::list_mandates(c.station, c.station.clock().now()).at(0).next.front().local_nominal ==
        first.local_nominal);
  const auto moved =
      c.post("/schedule/mandates/move", op, {{"slot", std::to_string(first.slot_id)}, {"to", day + "T18:30"}});
  CHECK(moved.status == 303);
  bool found = false;
  const auto after_move = station::list_mandates(c.station, c.station.clock().now());
  for (const auto& occurrence : after_move.at(0).next) {
    found = found || schedules::format_date_time(occurrence.local_nominal) == day + "T18:30:00";
  }
  CHECK(found);
  CHECK(c.post("/schedule/mandates/move", op, {{"slot", "abc"}, {"to", day + "T18:30"}}).status == 400);
  CHECK(c.post("/schedule/mandates/move", op, {{"slot", "999"}, {"to", day + "T18:30"}}).status == 404);

  // A decline needs a reason; with one, the airings to come are gone and the page says why.
  CHECK(c.post("/schedule/mandates/decline", op, {{"id", "3"}, {"reason", "   "}}).status == 400);
  CHECK(c.post("/schedule/mandates/decline", op, {{"id", "4"}, {"reason", "x"}}).status == 404);
  const int reloads = c.daemon.reloads;
  const auto declined = c.post("/schedule/mandates/decline", op, {{"id", "3"}, {"reason", "Trùng lịch họp dân"}});
  CHECK(declined.status == 303);
  CHECK(location(declined) == "/schedule/mandates#mandate-3");
  CHECK(c.daemon.reloads == reloads + 1);
  const auto after = c.get("/schedule/mandates", op);
  CHECK_THAT(after.body, Contains("Trùng lịch họp dân"));
  CHECK_FALSE(after.body.find("/schedule/mandates/decline") != std::string::npos);
  CHECK(station::list_mandates(c.station, c.station.clock().now()).at(0).next.empty());
}

TEST_CASE("mandates page: a viewer sees the mandate without forms and is refused every change",
          "[console][schedule][mandate]") {
  ScheduleConsole c;
  receive_mandate(c);
  const auto viewer = c.sign_in("xem", station::UserRole::viewer);
  const auto shown = c.get("/schedule/mandates", viewer);
  CHECK(shown.status == 200);
  CHECK_THAT(shown.body, Contains("Cài đặt VNeID mức 2"));
  CHECK(shown.body.find("<form method=\"post\" action=\"/schedule/mandates") == std::string::npos);
  CHECK(c.post("/schedule/mandates/decline", viewer, {{"id", "3"}, {"reason", "x"}}).status == 403);
  CHECK(c.get("/schedule/mandates", std::nullopt).status != 200);
  CHECK(station::list_mandates(c.station, c.station.clock().now()).at(0).mandate.state ==
        loaxa::store::MandateState::received);
}
