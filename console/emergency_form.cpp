#include "console/emergency_form.hpp"

#include "common/i18n.hpp"
#include "web/text.hpp"
#include "wording/display_text.hpp"

#include <fmt/format.h>

#include <charconv>

namespace loaxa::console {
namespace {

using web::html_escape;

std::optional<std::int64_t> whole_number(const std::string& text) {
  std::int64_t value = 0;
  const auto end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::string segment_label(const store::Segment& s) {
  return fmt::format("{}: {} ({}, {})", s.id, s.title, s.category, wording::display_duration(s.duration_ms));
}

}  // namespace

std::string stop_form_html(const std::string& csrf_field) {
  return "<form method=\"post\" action=\"/emergency/stop\" class=\"stop\">" + csrf_field +
         "<button type=\"submit\" class=\"danger\">" + html_escape(tr("Stop what is on air")) + "</button></form>";
}

std::variant<EmergencyChoice, std::string> parse_emergency_choice(std::string_view form_body) {
  const auto form = web::parse_form(form_body);
  const auto segment_field = form.find("segment");
  if (segment_field == form.end() || segment_field->second.empty()) return std::string(tr("Choose a segment."));
  const auto segment = whole_number(segment_field->second);
  if (!segment || *segment <= 0) return trf("'{}' is not a segment's ID.", segment_field->second);
  EmergencyChoice choice{*segment, 1};
  if (const auto repeat_field = form.find("repeat"); repeat_field != form.end() && !repeat_field->second.empty()) {
    const auto repeat = whole_number(repeat_field->second);
    if (!repeat || *repeat < 1 || *repeat > control::kMaxEmergencyRepeat) {
      return trf("The number of times must be from 1 to {}; '{}' is not.", control::kMaxEmergencyRepeat,
                 repeat_field->second);
    }
    choice.repeat = static_cast<int>(*repeat);
  }
  return choice;
}

std::string emergency_choice_html(const EmergencyPageView& view) {
  std::string out = "<section class=\"emergency\"><p>" +
                    html_escape(tr("An emergency airs at once, cutting what is on air; a programme it cuts goes on "
                                   "after it.")) +
                    "</p>";
  if (!view.may_act) {
    out +=
        "<p class=\"notice\">" + html_escape(tr("Only an operator can air an emergency or stop what airs.")) + "</p>";
  } else if (view.approved.empty()) {
    out += "<p>" + html_escape(tr("No segment is approved yet.")) + " <a href=\"/library\">" +
           html_escape(tr("Upload a file on the Library page")) + "</a></p>";
  } else {
    out += "<form method=\"post\" action=\"/emergency\" class=\"stack\">" + view.csrf_field +
           "<input type=\"hidden\" name=\"step\" value=\"review\"><p><label>" + html_escape(tr("Segment")) +
           " <select name=\"segment\" required>";
    for (const auto& s : view.approved) {
      out += fmt::format("<option value=\"{}\">{}</option>", s.id, html_escape(segment_label(s)));
    }
    out += "</select></label></p><p><label>" + html_escape(tr("Times")) +
           fmt::format(" <input type=\"number\" name=\"repeat\" min=\"1\" max=\"{}\" value=\"1\" required>",
                       control::kMaxEmergencyRepeat) +
           "</label></p><p><button type=\"submit\">" + html_escape(tr("Continue")) + "</button> <a href=\"/library\">" +
           html_escape(tr("or upload a file on the Library page")) + "</a></p></form>";
  }
  if (view.may_act && view.airing) out += stop_form_html(view.csrf_field);
  return out + "</section>";
}

std::string emergency_confirm_html(const store::Segment& segment, int repeat, const std::string& csrf_field) {
  return "<section class=\"emergency confirm\"><h2>" + html_escape(tr("Air the emergency now?")) + "</h2><dl><dt>" +
         html_escape(tr("Segment")) + "</dt><dd>" + html_escape(segment_label(segment)) + "</dd><dt>" +
         html_escape(tr("Times")) + fmt::format("</dt><dd>{}</dd></dl>", repeat) +
         "<form method=\"post\" action=\"/emergency\">" + csrf_field +
         "<input type=\"hidden\" name=\"step\" value=\"air\">" +
         fmt::format("<input type=\"hidden\" name=\"segment\" value=\"{}\">", segment.id) +
         fmt::format("<input type=\"hidden\" name=\"repeat\" value=\"{}\">", repeat) +
         "<button type=\"submit\" class=\"danger big\">" + html_escape(tr("Air it now")) +
         "</button> <a href=\"/emergency\">" + html_escape(tr("Cancel")) + "</a></form></section>";
}

std::string emergency_refusal_text(std::int64_t segment, const control::Error& error) {
  if (error.reason == "no_such_segment" || error.kind == control::ErrorKind::not_found) {
    return trf("There is no segment {} (see the Library page).", segment);
  }
  if (error.reason == "file_unreadable") {
    return trf("The file of segment {} cannot be played; check it on the Library page.", segment);
  }
  if (error.kind == control::ErrorKind::refused) return trf("loaxad will not do it now: {}", error.detail);
  return trf("loaxad could not do it: {}", error.detail);
}

}  // namespace loaxa::console
