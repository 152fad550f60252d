#include "hub/dashboard_pages.hpp"

#include "common/i18n.hpp"
#include "web/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace loaxa::hub {
namespace {

// One style for every page: system fonts, a table that scrolls on its own on a phone,
// rows below target tinted and marked in words too (not by colour alone).
constexpr const char* kStyle = R"css(
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1a1a1a;background:#f6f7f9}
header{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between;padding:8px 16px;background:#0b4f8a;color:#fff}
header h1{font-size:17px;margin:0}
header h1 a,header div a{color:#fff}
header h1 a{text-decoration:none}
header form{display:inline;margin:0}
header button{font:inherit;padding:3px 10px}
main{padding:12px 16px;max-width:1400px;margin:0 auto}
h2{font-size:16px;margin:18px 0 8px}
nav.period{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
nav.period input,nav.period button{font:inherit;padding:3px 6px}
a{color:#0b4f8a}
.scroll{overflow-x:auto;background:#fff;border:1px solid #d0d5dd}
.scroll.tall{max-height:75vh;overflow:auto}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:4px 6px;border-bottom:1px solid #e4e7ec;text-align:left;white-space:nowrap}
th{background:#eef1f5;position:sticky;top:0}
tr.below td{background:#fde8e8}
tr.below td:first-child{box-shadow:inset 4px 0 #b00020}
tfoot td{font-weight:600;background:#f2f4f7}
.notes{color:#475467;font-size:13px}
.chart{background:#fff;border:1px solid #d0d5dd;padding:8px;max-width:760px}
.silent{color:#b00020;font-weight:600}
.login{max-width:340px;margin:10vh auto;background:#fff;border:1px solid #d0d5dd;padding:20px}
.login h1{font-size:18px;margin:0}
.login label{display:block;margin:10px 0 4px}
.login input{width:100%;font:inherit;padding:6px}
.login button{margin-top:14px;font:inherit;padding:6px 16px}
.error{color:#b00020;font-weight:600}
@media (max-width:600px){main{padding:8px}th,td{padding:3px 4px}}
)css";

std::string page(const std::string& title, const std::string& body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<link rel=\"icon\" href=\"data:,\">"
      "<title>{}</title><style>{}</style></head><body>{}</body></html>\n",
      web::html_escape(title), kStyle, body);
}

std::string header_html(const PageHeader& header) {
  std::string who = web::html_escape(header.user);
  if (header.group) who += " · " + web::html_escape(trf("group {}", *header.group));
  return fmt::format(
      "<header><h1><a href=\"/\">{}</a></h1><div><a id=\"mandates-link\" href=\"/mandates\">{}</a> · {} "
      "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
      "<button type=\"submit\">{}</button></form></div></header>",
      web::html_escape(tr("loaxa-hub: broadcast report")), web::html_escape(tr("District bulletins")), who,
      web::html_escape(header.form_token), web::html_escape(tr("Log out")));
}

bool numeric(const Cell& cell) {
  return cell.kind == Cell::Kind::integer || cell.kind == Cell::Kind::decimal;
}

// `station_query`: the cell is a station ID, linked to its page with this query ("month=…").
std::string cell_html(const Cell& cell, const char* tag, const std::optional<std::string>& station_query) {
  const std::string text = web::html_escape(cell.display());
  const std::string content = station_query
                                  ? fmt::format("<a href=\"/station/{}?{}\">{}</a>", web::html_escape(web::url_encode(cell.text)),
                                                web::html_escape(*station_query), text)
                                  : text;
  return fmt::format("<{}>{}</{}>", tag, content, tag);
}

// Numbers align right by column, one rule a table, not a class on each of thousands of cells
// (a province's table is 2,000 rows).
std::string numeric_columns_style(const Sheet& sheet, const std::string& id) {
  std::string selectors;
  for (std::size_t c = 0; c < sheet.headings.size(); ++c) {
    const bool is_numeric = std::any_of(sheet.rows.begin(), sheet.rows.end(), [&](const std::vector<Cell>& row) {
      return c < row.size() && numeric(row[c]);
    });
    if (is_numeric) selectors += fmt::format("{}#{} td:nth-child({})", selectors.empty() ? "" : ",", id, c + 1);
  }
  return selectors.empty() ? ""
                           : "<style>" + selectors + "{text-align:right;font-variant-numeric:tabular-nums}</style>";
}

// The sheet as a table; with `station_query`, the first column links to the station's page.
std::string table_html(const Sheet& sheet, const std::vector<bool>& below_target,
                       const std::optional<std::string>& station_query, const std::string& id) {
  std::string html =
      numeric_columns_style(sheet, id) + fmt::format("<div class=\"scroll tall\"><table id=\"{}\"><thead><tr>", id);
  for (const auto& heading : sheet.headings) html += "<th scope=\"col\">" + web::html_escape(heading) + "</th>";
  html += "</tr></thead><tbody>";
  for (std::size_t i = 0; i < sheet.rows.size(); ++i) {
    const bool below = i < below_target.size() && below_target[i];
    html += below ? "<tr class=\"below\">" : "<tr>";
    const auto& row = sheet.rows[i];
    for (std::size_t c = 0; c < row.size(); ++c) {
      html += cell_html(row[c], "td", c == 0 ? station_query : std::nullopt);
    }
    html += "</tr>";
  }
  html += "</tbody>";
  if (!sheet.totals.empty()) {
    html += "<tfoot>";
    for (const auto& row : sheet.totals) {
      html += "<tr>";
      for (const auto& cell : row) html += cell_html(cell, "td", std::nullopt);
      html += "</tr>";
    }
    html += "</tfoot>";
  }
  html += "</table></div>";
  if (!sheet.notes.empty()) {
    html += "<div class=\"notes\">";
    for (const auto& note : sheet.notes) html += "<p>" + web::html_escape(note) + "</p>";
    html += "</div>";
  }
  return html;
}

}  // namespace

std::string login_html(const LoginPage& login) {
  std::string body = fmt::format("<main><form class=\"login\" method=\"post\" action=\"/login\"><h1>{}</h1>",
                                 web::html_escape(tr("loaxa-hub: broadcast report")));
  if (!login.message.empty()) body += "<p class=\"error\" role=\"alert\">" + web::html_escape(login.message) + "</p>";
  body += fmt::format(
      "<input type=\"hidden\" name=\"csrf\" value=\"{}\">"
      "<label for=\"user\">{}</label><input id=\"user\" name=\"user\" autocomplete=\"username\" required value=\"{}\">"
      "<label for=\"password\">{}</label>"
      "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
      "<button type=\"submit\">{}</button></form></main>",
      web::html_escape(login.form_token), web::html_escape(tr("User name")), web::html_escape(login.user), web::html_escape(tr("Password")),
      web::html_escape(tr("Log in")));
  return page(tr("Log in"), body);
}

std::string report_html(const ReportPage& report) {
  const std::string month = web::html_escape(web::url_encode(report.month));
  std::string body = header_html(report.header) + "<main>";
  body += fmt::format("<h2 id=\"title\">{}</h2>", web::html_escape(report.sheet.title));
  body += fmt::format(
      "<nav class=\"period\"><a href=\"/?month={}\">&larr; {}</a>"
      "<form method=\"get\" action=\"/\"><label>{} <input type=\"month\" name=\"month\" value=\"{}\"></label> "
      "<button type=\"submit\">{}</button></form>"
      "<a href=\"/?month={}\">{} &rarr;</a>"
      "<span>{} <a id=\"csv\" href=\"/report.csv?month={}\" download>CSV</a> · "
      "<a id=\"xlsx\" href=\"/report.xlsx?month={}\" download>XLSX</a></span></nav>",
      web::html_escape(web::url_encode(report.previous_month)), web::html_escape(report.previous_month), web::html_escape(tr("Month")),
      web::html_escape(report.month), web::html_escape(tr("Show")), web::html_escape(web::url_encode(report.next_month)),
      web::html_escape(report.next_month), web::html_escape(tr("Download:")), month, month);
  body +=
      fmt::format("<p class=\"notes\"><a href=\"#chart\">{}</a> · <a href=\"#contacts\">{}</a></p>",
                  web::html_escape(tr("Plays aired per station and category")), web::html_escape(tr("Stations' last contact")));
  if (!report.closed_note.empty())
    body += "<p class=\"notes\" id=\"closed\">" + web::html_escape(report.closed_note) + "</p>";
  body += "<h2 id=\"table\">" + web::html_escape(tr("Report table")) + "</h2>";
  body += "<p class=\"notes\">" + web::html_escape(tr("Rows tinted red are below their target.")) + "</p>";
  body += table_html(report.sheet, report.below_target, "month=" + web::url_encode(report.month), "report");
  body += "<h2 id=\"chart\">" + web::html_escape(tr("Plays aired per station and category")) + "</h2>";
  body += "<div class=\"chart\">" + report.chart_svg + "</div>";
  body += "<h2 id=\"contacts\">" + web::html_escape(tr("Stations' last contact")) + "</h2>";
  body += "<div class=\"scroll\"><table id=\"stations\"><thead><tr>";
  for (const char* heading : {tr("station"), tr("name"), tr("group"), tr("last contact")}) {
    body += "<th scope=\"col\">" + web::html_escape(heading) + "</th>";
  }
  body += "</tr></thead><tbody>";
  for (const auto& station : report.stations) {
    body +=
        fmt::format("<tr><td><a href=\"/station/{}?month={}\">{}</a></td><td>{}</td><td>{}</td><td{}>{}{}</td></tr>",
                    web::html_escape(web::url_encode(station.id)), month, web::html_escape(station.id), web::html_escape(station.name),
                    web::html_escape(station.group), station.silent ? " class=\"silent\"" : "",
                    web::html_escape(station.last_contact), station.silent ? " · " + web::html_escape(tr("SILENT")) : "");
  }
  body += "</tbody></table></div></main>";
  return page(report.sheet.title, body);
}

std::string station_html(const StationPage& station) {
  std::string body = header_html(station.header) + "<main>";
  body += fmt::format("<p><a href=\"/?month={}\">&larr; {}</a></p>", web::html_escape(web::url_encode(station.month)),
                      web::html_escape(tr("Back to the report")));
  body +=
      fmt::format("<h2 id=\"title\">{} — {}</h2>", web::html_escape(station.station.id), web::html_escape(station.station.name));
  body += fmt::format("<p>{}: {} · {}: <span{}>{}{}</span></p>", web::html_escape(tr("group")),
                      web::html_escape(station.station.group.empty() ? "—" : station.station.group),
                      web::html_escape(tr("last contact")), station.station.silent ? " class=\"silent\"" : "",
                      web::html_escape(station.station.last_contact),
                      station.station.silent ? " · " + web::html_escape(tr("SILENT")) : "");
  body += "<h2>" + web::html_escape(station.plays.title) + "</h2>";
  body += table_html(station.plays, {}, std::nullopt, "plays");
  body += "</main>";
  return page(station.station.id, body);
}

std::string mandates_html(const MandatesPage& mandates) {
  std::string body = header_html(mandates.header) + "<main>";
  body += "<h2 id=\"title\">" + web::html_escape(mandates.sheet.title) + "</h2>";
  if (mandates.sheet.rows.empty()) {
    body += "<p>" +
            web::html_escape(tr("No mandate yet: the district adds them with loaxa-hub mandate add.")) +
            "</p></main>";
    return page(mandates.sheet.title, body);
  }
  body += numeric_columns_style(mandates.sheet, "mandates") +
          "<div class=\"scroll tall\"><table id=\"mandates\"><thead><tr>";
  for (const auto& heading : mandates.sheet.headings) {
    body += "<th scope=\"col\">" + web::html_escape(heading) + "</th>";
  }
  body += "</tr></thead><tbody>";
  for (const auto& row : mandates.sheet.rows) {
    body += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string text = web::html_escape(row[c].display());
      body += c == 0 ? fmt::format("<td><a href=\"/mandate/{}\">{}</a></td>", text, text) : "<td>" + text + "</td>";
    }
    body += "</tr>";
  }
  body += "</tbody></table></div></main>";
  return page(mandates.sheet.title, body);
}

std::string mandate_html(const MandatePage& mandate) {
  std::string body = header_html(mandate.header) + "<main>";
  body += fmt::format("<p><a href=\"/mandates\">&larr; {}</a></p>", web::html_escape(tr("District bulletins")));
  body += "<h2 id=\"title\">" + web::html_escape(mandate.title) + "</h2>";
  body += "<div class=\"scroll\"><table id=\"terms\"><tbody>";
  for (const auto& [label, value] : mandate.terms) {
    body += "<tr><th scope=\"row\">" + web::html_escape(label) + "</th><td>" + web::html_escape(value) + "</td></tr>";
  }
  body += "</tbody></table></div>";
  body += "<h2>" + web::html_escape(tr("Per station")) + "</h2>";
  body += table_html(mandate.stations, {}, "", "stations");
  body += "</main>";
  return page(mandate.title, body);
}

std::string message_html(const std::string& title, const std::string& text) {
  return page(title, fmt::format("<main><h2>{}</h2><p>{}</p><p><a href=\"/\">{}</a></p></main>", web::html_escape(title),
                                 web::html_escape(text), web::html_escape(tr("Back to the report"))));
}

}  // namespace loaxa::hub
