#include "console/log_view.hpp"

#include "common/i18n.hpp"
#include "console/log_table.hpp"
#include "store/play_status_words.hpp"
#include "web/text.hpp"
#include "wording/display_text.hpp"

#include <fmt/format.h>

namespace loaxa::console {
namespace {

using web::html_escape;

std::string option(const std::string& value, const std::string& label, bool selected) {
  return fmt::format("<option value=\"{}\"{}>{}</option>", html_escape(value), selected ? " selected" : "",
                     html_escape(label));
}

std::string filter_form(const LogQuery& query, const std::vector<store::Category>& categories) {
  std::string out =
      "<form method=\"get\" action=\"/log\" class=\"inline\"><label>" + html_escape(tr("From")) +
      fmt::format(" <input type=\"date\" name=\"from\" value=\"{}\"></label> ", schedules::format_date(query.from)) +
      "<label>" + html_escape(tr("To")) +
      fmt::format(" <input type=\"date\" name=\"to\" value=\"{}\"></label> ", schedules::format_date(query.to)) +
      "<label>" + html_escape(tr("Category")) + " <select name=\"category\">" + option("", tr("all"), !query.category);
  for (const auto& c : categories) {
    out += option(c.code, c.code + " — " + c.name, query.category == c.code);
  }
  out += "</select></label> <label>" + html_escape(tr("Status")) + " <select name=\"status\">" +
         option("", tr("all"), !query.status);
  for (const auto status : {store::PlayStatus::completed, store::PlayStatus::interrupted, store::PlayStatus::failed,
                            store::PlayStatus::skipped, store::PlayStatus::missed, store::PlayStatus::playing}) {
    out += option(store::to_string(status), store::play_status_words(status), query.status == status);
  }
  return out + "</select></label> <button type=\"submit\">" + html_escape(tr("Show")) + "</button></form>";
}

std::string summary(const LogQuery& query, const std::vector<store::Play>& plays) {
  std::string text =
      trf("{} play(s) from {} to {}.", plays.size(), wording::display_iso_date(schedules::format_date(query.from)),
          wording::display_iso_date(schedules::format_date(query.to)));
  if (const auto heard = heard_mean(plays)) {
    text += " " + trf("Heard on the monitor line: {} on average.", fmt::format("{:.0f}%", *heard));
  }
  return "<p class=\"summary\">" + html_escape(text) + " <a href=\"/log.csv?" + html_escape(query_string(query)) +
         "\" download>" + html_escape(tr("Download CSV")) + "</a></p>";
}

}  // namespace

std::string log_body_html(const LogQuery& query, const std::vector<store::Play>& plays,
                          const std::vector<store::Category>& categories, const schedules::TimeZone& zone,
                          schedules::LocalDate today) {
  std::string out = filter_form(query, categories) + summary(query, plays);
  out += fmt::format(
      "<div class=\"table-wrap\"><table id=\"log\" data-live=\"{}\" data-from=\"{}\" data-to=\"{}\" "
      "data-category=\"{}\" "
      "data-status=\"{}\"><thead><tr>",
      includes(query, today) ? "1" : "0", schedules::format_date(query.from), schedules::format_date(query.to),
      html_escape(query.category.value_or("")), query.status ? store::to_string(*query.status) : "");
  for (const auto& heading : log_headings()) out += "<th>" + html_escape(heading) + "</th>";
  out += "</tr></thead><tbody>";
  if (plays.empty()) {
    out += fmt::format("<tr class=\"empty\"><td colspan=\"{}\">{}</td></tr>", log_headings().size(),
                       html_escape(tr("Nothing was logged in this period.")));
  }
  for (auto play = plays.rbegin(); play != plays.rend(); ++play) out += log_row_html(*play, zone);
  return out + "</tbody></table></div>";
}

}  // namespace loaxa::console
