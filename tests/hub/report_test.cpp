// The monthly report: months, their bounds in the district's zone, minutes from frames.

#include "hub/report.hpp"
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

TEST_CASE("minutes aired are frames at 48 kHz, and the JSON has every column", "[hub][report]") {
  CHECK(minutes_aired(48000 * 90) == Approx(1.5));
  ReportRow row;
  row.station_id = "xa-moi";
  row.category = "KHAC";
  row.plays_completed = 3;
  row.frames_aired = 48000 * 60 * 12;
  row.missed = 1;
  const schedules::TimeZone zone("Asia/Ho_Chi_Minh");
  const auto json = nlohmann::json::parse(report_json({row}, *parse_month("2026-12"), zone));
  CHECK(json["month"] == "2026-12");
  const auto& first = json["rows"][0];
  CHECK(first["station_id"] == "xa-moi");
  CHECK(first["category"] == "KHAC");
  CHECK(first["plays_completed"] == 3);
  CHECK(first["minutes_aired"] == 12.0);
  CHECK(first["missed"] == 1);
  CHECK(first["interrupted"] == 0);
  CHECK(first["last_contact"].is_null());
  const auto table = report_table({row}, *parse_month("2026-12"), zone);
  CHECK(table.find("KHAC") != std::string::npos);
  CHECK(table.find("12.0") != std::string::npos);
}
