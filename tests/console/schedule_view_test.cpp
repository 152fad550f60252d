// The Schedule page's HTML: what a viewer and an operator are offered, how moved and dropped
// occurrences are told apart (classes, no inline style), the check step's figures, and the
// programme editor's lines.

#include "console/schedule_view.hpp"

#include "schedules/civil_time.hpp"

#include <catch2/catch.hpp>

namespace console = loaxa::console;
namespace schedules = loaxa::schedules;
namespace station = loaxa::station;
using Catch::Contains;

namespace {

schedules::LocalDateTime local(const std::string& text) {
  return schedules::parse_date_time(text);
}

// Monday 4 January 2027; Wednesday is today; Friday a holiday.
console::WeekGrid known_week() {
  console::WeekGrid grid;
  grid.monday = schedules::parse_date("2027-01-04");
  grid.zone = "Asia/Ho_Chi_Minh";
  for (int i = 0; i < 7; ++i) {
    grid.days[static_cast<std::size_t>(i)].date =
        schedules::LocalDate{std::chrono::local_days{grid.monday} + std::chrono::days{i}};
  }
  grid.days[2].today = true;
  grid.days[4].holidays = {"Lễ <b>"};
  console::GridOccurrence scheduled;
  scheduled.slot_id = 1;
  scheduled.programme = "Sáng & <tối>";
  scheduled.start = scheduled.nominal = local("2027-01-04T05:30");
  scheduled.end = local("2027-01-04T05:45");
  console::GridOccurrence moved = scheduled;
  moved.slot_id = 2;
  moved.programme = "Tin xã";
  moved.status = console::GridStatus::moved;
  moved.nominal = local("2027-01-04T05:40");
  moved.start = local("2027-01-04T05:45");
  moved.end = local("2027-01-04T05:55");
  moved.delay = std::chrono::minutes(5);
  moved.blocked_by_slot = 1;
  grid.days[0].hours[5] = {scheduled, moved};
  console::GridOccurrence dropped = scheduled;
  dropped.status = console::GridStatus::dropped;
  dropped.drop_reason = schedules::DropReason::holiday;
  dropped.start = dropped.end = dropped.nominal = local("2027-01-08T05:30");
  grid.days[4].hours[5] = {dropped};
  console::GridOccurrence priority = scheduled;
  priority.slot_id = 3;
  priority.programme = "Cảnh báo";
  priority.level = schedules::SlotLevel::priority;
  priority.start = priority.nominal = local("2027-01-06T17:00");
  priority.end = local("2027-01-06T17:05");
  grid.days[2].hours[17] = {priority};
  return grid;
}

station::SlotView slot_view(std::int64_t id, bool enabled) {
  station::SlotView view;
  view.stored.slot.id = id;
  view.stored.slot.start = local("2027-01-04T05:30");
  view.stored.slot.rrule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA";
  view.stored.slot.enabled = enabled;
  view.programme_name = "Sáng";
  return view;
}

}  // namespace

TEST_CASE("schedule view: the week's rows are its busy hours, each occurrence classed by status",
          "[console][schedule]") {
  const auto html = console::week_html(known_week());
  CHECK_THAT(html, Contains("href=\"/schedule?week=2026-12-28\""));
  CHECK_THAT(html, Contains("href=\"/schedule?week=2027-01-11\""));
  CHECK_THAT(html, Contains("04/01/2027"));
  CHECK_THAT(html, Contains("<th scope=\"row\">05:00</th>"));
  CHECK_THAT(html, Contains("<th scope=\"row\">17:00</th>"));
  CHECK_THAT(html, !Contains("<th scope=\"row\">06:00</th>"));
  CHECK_THAT(html, Contains("<li class=\"occurrence scheduled\"><span class=\"occurrence-time\">05:30–05:45</span>"));
  CHECK_THAT(html, Contains("<li class=\"occurrence moved\"><span class=\"occurrence-time\">05:45–05:55</span>"));
  CHECK_THAT(html, Contains("<li class=\"occurrence dropped\"><span class=\"occurrence-time\">05:30</span>"));
  CHECK_THAT(html, Contains("<li class=\"occurrence scheduled priority\">"));
  CHECK_THAT(html, Contains("<th scope=\"col\" class=\"today\">"));
  CHECK_THAT(html, Contains("class=\"holiday\""));
  CHECK_THAT(html, Contains("Sáng &amp; &lt;tối&gt;"));  // names escaped
  CHECK_THAT(html, Contains("Lễ &lt;b&gt;"));
  CHECK_THAT(html, !Contains("<tối>"));
  CHECK_THAT(html, !Contains("style="));  // the CSP forbids inline styles
  CHECK_THAT(html, !Contains("<script"));

  console::WeekGrid empty = known_week();
  for (auto& day : empty.days) day.hours = {};
  const auto quiet = console::week_html(empty);
  CHECK_THAT(quiet, Contains("<td colspan=\"8\" class=\"empty\">"));
  CHECK_THAT(quiet, Contains("<th scope=\"col\" class=\"today\">"));  // days still headed, today marked
  CHECK_THAT(quiet, !Contains("<th scope=\"row\">"));
}

TEST_CASE("schedule view: a viewer gets the lists without a form, an operator the forms with the CSRF field",
          "[console][schedule]") {
  const std::vector<station::SlotView> slots{slot_view(7, true), slot_view(8, false)};
  std::vector<station::ProgrammeLength> programmes(1);
  programmes[0].programme = {4, "Sáng \"1\"", {schedules::parse_programme_item("relay:vov1:15m")}};
  programmes[0].today_ms = 900000;
  std::vector<loaxa::store::StoredHoliday> holidays{
      {3, {schedules::parse_date("2027-02-05"), schedules::parse_date("2027-02-10"), "Tết"}}};
  const auto week = schedules::parse_date("2027-01-04");

  const console::Editing viewer{false, "<input type=\"hidden\" name=\"csrf\" value=\"T\">"};
  for (const auto& html :
       {console::slots_html(slots, programmes, viewer, week), console::holidays_html(holidays, viewer, week),
        console::programmes_html(programmes, viewer, 45)}) {
    CHECK_THAT(html, !Contains("<form"));
    CHECK_THAT(html, !Contains("name=\"csrf\""));
  }
  CHECK_THAT(console::slots_html(slots, programmes, viewer, week), Contains("T2-T7"));
  CHECK_THAT(console::holidays_html(holidays, viewer, week), Contains("05/02/2027"));
  CHECK_THAT(console::programmes_html(programmes, viewer, 45), Contains("<code>relay:vov1:15m</code>"));

  const console::Editing operator_{true, "<input type=\"hidden\" name=\"csrf\" value=\"T\">"};
  const auto slot_forms = console::slots_html(slots, programmes, operator_, week);
  CHECK_THAT(slot_forms, Contains("action=\"/schedule/slots/disable\""));  // slot 7 is on
  CHECK_THAT(slot_forms, Contains("action=\"/schedule/slots/enable\""));   // slot 8 is off
  CHECK_THAT(slot_forms, Contains("action=\"/schedule/slots/remove\""));
  CHECK_THAT(slot_forms, Contains("action=\"/schedule/slots/check\""));
  CHECK_THAT(slot_forms, Contains("formaction=\"/schedule/slots\""));
  CHECK_THAT(slot_forms, Contains("<option value=\"Sáng &quot;1&quot;\">"));
  CHECK_THAT(slot_forms, Contains("name=\"week\" value=\"2027-01-04\""));
  CHECK_THAT(console::programmes_html(programmes, operator_, 45),
             Contains("<textarea name=\"items\" rows=\"3\">relay:vov1:15m\n</textarea>"));
  CHECK_THAT(console::holidays_html(holidays, operator_, week), Contains("action=\"/schedule/holidays/remove\""));
  // Every form carries the CSRF field.
  for (const auto& html : {slot_forms, console::holidays_html(holidays, operator_, week),
                           console::programmes_html(programmes, operator_, 45)}) {
    std::size_t forms = 0, fields = 0;
    for (auto at = html.find("<form"); at != std::string::npos; at = html.find("<form", at + 1)) ++forms;
    for (auto at = html.find("name=\"csrf\""); at != std::string::npos; at = html.find("name=\"csrf\"", at + 1))
      ++fields;
    CHECK(forms > 0);
    CHECK(forms == fields);
  }
}

TEST_CASE("schedule view: the check step shows the first airings, the session cap and a save form with the same fields",
          "[console][schedule]") {
  station::SlotCheck check;
  check.programme_name = "Sáng";
  schedules::Slot slot;
  slot.start = local("2027-01-05T05:30");
  slot.rrule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA";
  check.slots = {slot};
  schedules::SlotAcceptance acceptance;
  acceptance.first_airing = local("2027-01-05T05:30");
  acceptance.warnings = {{schedules::SlotWarning::Kind::nonexistent_time}};
  check.acceptances = {acceptance};
  check.programme_longest_ms = 15 * 60 * 1000;
  check.max_session_minutes = 45;
  const std::map<std::string, std::string> fields{{"programme", "Sáng"},  {"times", "05:30"},  {"weekdays", "T2-T7"},
                                                  {"from", "2027-01-05"}, {"level", "normal"}, {"week", "2027-01-04"}};
  const auto html = console::slot_check_html(check, fields, {true, "<input name=\"csrf\">"});
  CHECK_THAT(html, Contains("05/01/2027 05:30"));
  CHECK_THAT(html, Contains("15:00"));
  CHECK_THAT(html, Contains("45"));
  CHECK_THAT(html, Contains("<ul class=\"warnings\">"));
  CHECK_THAT(html, Contains("<form method=\"post\" action=\"/schedule/slots\">"));
  CHECK_THAT(html, Contains("name=\"times\" value=\"05:30\""));
  CHECK_THAT(html, Contains("name=\"weekdays\" value=\"T2-T7\""));
  CHECK_THAT(html, Contains("name=\"until\" value=\"\""));
}

TEST_CASE("schedule view: a programme's items are its non-empty lines, trimmed", "[console][schedule]") {
  CHECK(console::item_lines("segment:1\r\n  jingle:2 \n\n\trotate:CDS:2\n") ==
        std::vector<std::string>{"segment:1", "jingle:2", "rotate:CDS:2"});
  CHECK(console::item_lines("").empty());
  CHECK(console::item_lines(" \n \r\n").empty());
  CHECK(console::item_lines("relay:vov1:15m") == std::vector<std::string>{"relay:vov1:15m"});
}
