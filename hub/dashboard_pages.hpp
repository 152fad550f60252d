#pragma once
// The dashboard's pages as HTML: the login form, the month's report (table, chart, the
// stations' last contact, downloads), a station's recent plays, the district bulletins and
// their mandate view, and short messages. Laid
// out from what dashboard.cpp gathers — the report's Sheet (the same cells as `loaxa-hub
// report` prints) and the chart's SVG; no rule is decided here. Every text is escaped; the
// style is inline (one <style> block), no script, font or image is loaded from anywhere.
// Fits a 1366×768 screen and a phone (the table scrolls sideways on its own).
//
// Pure but for tr(); safe from any thread.

#include "hub/hub_store.hpp"
#include "hub/report_sheet.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace loaxa::hub {

// Who is signed in, shown in every page's header with the logout form.
struct PageHeader {
  std::string user;
  std::optional<std::string> group;
  std::string form_token;  // the logout form's CSRF token
};

struct LoginPage {
  std::string form_token;  // the login form's CSRF token (also in a cookie)
  std::string user;        // given back after a failure
  std::string message;     // why the last try failed; empty for none
};

struct StationLine {
  std::string id;
  std::string name;
  std::string group;
  std::string last_contact;  // as people read it, or "never"
  bool silent = false;
};

struct ReportPage {
  PageHeader header;
  std::string month;           // "2026-11"
  std::string previous_month;  // for the links
  std::string next_month;
  Sheet sheet;
  std::vector<bool> below_target;  // per sheet row
  std::string chart_svg;
  std::vector<StationLine> stations;
  std::string closed_note{};  // a closed month: when, and the late arrivals left out
};

struct StationPage {
  PageHeader header;
  StationLine station;
  std::string month;  // the report month the page was opened from, for the way back
  Sheet plays;
};

// District bulletins (docs/MANDATES.md): the list, each mandate's number linking to its view.
struct MandatesPage {
  PageHeader header;
  Sheet sheet;  // mandates_sheet: the first column is the mandate's number
};

// One mandate: its terms (label, value) and a line per station (mandate_stations_sheet).
struct MandatePage {
  PageHeader header;
  std::string title;
  std::vector<std::pair<std::string, std::string>> terms;
  Sheet stations;
};

std::string login_html(const LoginPage& page);
std::string report_html(const ReportPage& page);
std::string station_html(const StationPage& page);
std::string mandates_html(const MandatesPage& page);
std::string mandate_html(const MandatePage& page);
// A page with a title and one line, and a link to the report.
std::string message_html(const std::string& title, const std::string& text);

}  // namespace loaxa::hub
