// The report's forms: months and their bounds in the district's zone, minutes from frames,
// the JSON's fields, the sheet the table, CSV and XLSX share, CSV's quoting.

#include "hub/report.hpp"
#include "hub/report_csv.hpp"
#include "hub/report_sheet.hpp"
#include "hub/report_xlsx.hpp"
#include "store/utc_text.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace loaxa;
using namespace loaxa::hub;

TEST_CASE("a month is YYYY-MM with a month from 01 to 12", "[hub][report]") {
  CHECK(parse_month("2026-11")->month == 11);
  CHECK(parse_month("2026-01")->year == 2026);
  CHECK_FALSE(parse_month("2026-13"));
  CHECK_FALSE(parse_month("2026-00"));
  CHECK_FALSE(parse_month("2026-1"));
  CHECK_FALSE(parse_month("26-11"));
  CHECK_FALSE(parse_month("2026/11"));
  CHECK_FALSE(parse_month("2026-11-01"));
  CHECK_FALSE(parse_month(""));
}

TEST_CASE("a month runs from its first midnight in Vietnam to the next month's", "[hub][report]") {
  const schedules::TimeZone zone("Asia/Ho_Chi_Minh");
  const auto [from, to] = month_window(*parse_month("2026-12"), zone);
  CHECK(store::utc_text(from) == "2026-11-30T17:00:00.000Z");
  CHECK(store::utc_text(to) == "2026-12-31T17:00:00.000Z");
  const auto [dec_from, jan] = month_window(*parse_month("2027-12"), zone);
  CHECK(store::utc_text(jan) == "2027-12-31T17:00:00.000Z");
  CHECK(dec_from < jan);
}

namespace {

FrequencyReport one_row_report() {
  ReportRequest request;
  request.period = month_period(2026, 12);
  const schedules::TimeZone zone("Asia/Ho_Chi_Minh");
  std::tie(request.from, request.to) = period_window(request.period, zone);
  request.time_zone = zone.name();
  request.now = store::parse_utc_text("2026-12-20T00:00:00.000Z");
  Station station;
  station.id = "xa-moi";
  station.name = "Xã Mới, \"thôn\" 3";
  station.group = "Huyện A";
  station.last_contact = store::parse_utc_text("2026-12-19T22:30:00.000Z");
  ReportRow aired;
  aired.station_id = "xa-moi";
  aired.category = "KHAC";
  aired.plays_completed = 3;
  aired.frames_aired = 48000 * 60 * 12;
  aired.missed = 1;
  Target target;
  target.category = "KHAC";
  target.min_plays = 4;
  target.min_minutes = 10;
  return build_frequency_report(request, {station}, {aired}, PlannedCounts{{"xa-moi"}, {{"xa-moi", "KHAC", 5}}},
                                {target});
}

}  // namespace

TEST_CASE("minutes aired are frames at 48 kHz, and the JSON rows carry every field", "[hub][report]") {
  CHECK(minutes_aired(48000 * 90) == Approx(1.5));
  const auto json = nlohmann::json::parse(report_json(one_row_report()));
  CHECK(json["month"] == "2026-12");
  CHECK(json["period"] == "2026-12");
  CHECK(json["period_kind"] == "month");
  CHECK(json["from"] == "2026-11-30T17:00:00.000Z");
  CHECK(json["time_zone"] == "Asia/Ho_Chi_Minh");
  CHECK(json["silent_after_hours"] == 72.0);
  REQUIRE(json["rows"].size() == 1);
  const auto& first = json["rows"][0];
  CHECK(first["station_id"] == "xa-moi");
  CHECK(first["group"] == "Huyện A");
  CHECK(first["category"] == "KHAC");
  CHECK(first["plays_completed"] == 3);
  CHECK(first["minutes_aired"] == 12.0);
  CHECK(first["plays_scheduled"] == 5);
  CHECK(first["missed"] == 1);
  CHECK(first["interrupted"] == 0);
  CHECK(first["aired_pct"] == 60.0);
  CHECK(first["heard_pct"].is_null());
  CHECK(first["target"] == 4);
  CHECK(first["target_minutes"] == 10.0);
  CHECK(first["target_rule"]["per"] == "month");
  CHECK(first["target_rule"]["scope"] == "hub");
  CHECK(first["meets_target"] == false);
  CHECK(first["last_contact"] == "2026-12-19T22:30:00.000Z");
  CHECK(first["silent"] == false);
  const auto& total = json["totals"]["categories"][0];
  CHECK(total["category"] == "KHAC");
  CHECK(total["stations"] == 1);
  CHECK(total["stations_meeting_target"] == 0);
  CHECK(total["stations_with_target"] == 1);
  CHECK(json["totals"]["groups"][0]["group"] == "Huyện A");
}

TEST_CASE("the sheet has one column per heading in every row, typed cells and the flags", "[hub][report]") {
  const schedules::TimeZone zone("Asia/Ho_Chi_Minh");
  const auto sheet = frequency_sheet(one_row_report(), zone);
  REQUIRE(sheet.rows.size() == 1);
  REQUIRE(sheet.totals.size() == 2);  // the category's, and Huyện A's
  for (const auto* part : {&sheet.rows, &sheet.totals})
    for (const auto& row : *part) CHECK(row.size() == sheet.headings.size());
  const auto& row = sheet.rows[0];
  CHECK(row[4].kind == Cell::Kind::integer);
  CHECK(row[4].display() == "3");
  CHECK(row[5].kind == Cell::Kind::decimal);
  CHECK(row[5].display() == "12.0");
  CHECK(row[9].display() == "60.0");
  CHECK(row[10].kind == Cell::Kind::empty);  // heard %: unknown
  CHECK(row[10].display() == "—");
  CHECK(row[14].kind == Cell::Kind::time);
  CHECK(row[14].display() == "20/12/2026 05:30");
  CHECK(sheet.sheet_name == "2026-12");
  const auto table = render_table(sheet);
  CHECK(table.find("KHAC") != std::string::npos);
  CHECK(table.find("12.0") != std::string::npos);
  CHECK(table.find("0/1") != std::string::npos);  // of the stations with a target, none meet it
}

TEST_CASE("CSV is UTF-8 with a BOM, CRLF lines and RFC 4180 quotes", "[hub][report][csv]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  const auto csv = render_csv(frequency_sheet(one_row_report(), schedules::TimeZone("Asia/Ho_Chi_Minh")));
  REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(csv.find("xa-moi,\"Xã Mới, \"\"thôn\"\" 3\",Huyện A,KHAC,3,12.0,5,1,0,60.0,") != std::string::npos);
  CHECK(csv.find("\r\n") != std::string::npos);
  std::size_t lf = 0;
  std::size_t crlf = 0;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    if (csv[i] == '\n') ++lf;
    if (csv.compare(i, 2, "\r\n") == 0) ++crlf;
  }
  CHECK(lf == crlf);  // no bare LF
  CHECK(crlf >= 4);   // headings, the row, two totals
}

TEST_CASE("XLSX comes out as a zip holding the worksheet", "[hub][report][xlsx]") {
  const auto bytes = render_xlsx(frequency_sheet(one_row_report(), schedules::TimeZone("Asia/Ho_Chi_Minh")));
  REQUIRE(bytes.size() > 1000);
  CHECK(bytes.rfind("PK\x03\x04", 0) == 0);
  CHECK(bytes.find("xl/worksheets/sheet1.xml") != std::string::npos);
  CHECK(bytes.find("xl/sharedStrings.xml") != std::string::npos);
}
