#include "console/schedule_view.hpp"

#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "schedules/programme.hpp"
#include "web/text.hpp"
#include "wording/display_text.hpp"
#include "wording/schedule_messages.hpp"
#include "wording/schedule_text.hpp"

#include <fmt/format.h>

namespace loaxa::console {
namespace {

using web::html_escape;

std::string e(std::string_view text) {
  return html_escape(text);
}

std::string week_link(schedules::LocalDate monday) {
  return "/schedule?week=" + schedules::format_date(monday);
}

std::string date_or_empty(const std::optional<schedules::LocalDate>& date) {
  return date ? display_date(*date) : "";
}

schedules::OccurrenceStatus occurrence_status(GridStatus status) {
  switch (status) {
    case GridStatus::scheduled:
      return schedules::OccurrenceStatus::planned;
    case GridStatus::moved:
      return schedules::OccurrenceStatus::shifted;
    case GridStatus::dropped:
      return schedules::OccurrenceStatus::dropped;
  }
  return schedules::OccurrenceStatus::planned;
}

std::string field(const std::map<std::string, std::string>& fields, const std::string& name) {
  const auto found = fields.find(name);
  return found == fields.end() ? std::string() : found->second;
}

std::string hidden(std::string_view name, std::string_view value) {
  return fmt::format("<input type=\"hidden\" name=\"{}\" value=\"{}\">", name, e(value));
}

// A one-button form posting `id` to `action` (enable, disable, remove).
std::string button_form(std::string_view action, std::int64_t id, std::string_view label, const Editing& editing,
                        schedules::LocalDate week, std::string_view button_class = "") {
  return fmt::format(
      "<form method=\"post\" action=\"{}\" class=\"inline\">{}{}{}<button type=\"submit\"{}>{}</button></form>", action,
      editing.csrf_field, hidden("id", std::to_string(id)), hidden("week", schedules::format_date(week)),
      button_class.empty() ? "" : fmt::format(" class=\"{}\"", button_class), e(label));
}

std::string occurrence_html(const GridOccurrence& o) {
  std::string when = wording::clock_text(o.start);
  if (o.status != GridStatus::dropped) when += "–" + wording::clock_text(o.end);
  std::string note = wording::status_text(occurrence_status(o.status));
  if (o.status == GridStatus::moved) {
    note = trf("moved {} (after slot {})", wording::display_duration(o.delay.count()), o.blocked_by_slot);
  } else if (o.status == GridStatus::dropped && o.drop_reason) {
    note += ": " + wording::describe(*o.drop_reason);
  }
  std::string classes = std::string("occurrence ") + to_string(o.status);
  if (o.level == schedules::SlotLevel::priority) classes += " priority";
  return fmt::format(
      "<li class=\"{}\"><span class=\"occurrence-time\">{}</span> <span class=\"occurrence-programme\">{}</span> "
      "<span class=\"occurrence-note\">{} · {} · {}</span></li>",
      classes, e(when), e(o.programme), e(wording::level_text(o.level)), e(note), e(trf("slot {}", o.slot_id)));
}

std::string warnings_list(const std::vector<std::string>& warnings) {
  if (warnings.empty()) return "";
  std::string out = "<ul class=\"warnings\">";
  for (const auto& warning : warnings) out += "<li>" + e(warning) + "</li>";
  return out + "</ul>";
}

std::string slot_warning_text(const schedules::SlotWarning& warning,
                              const std::optional<schedules::LocalDateTime>& first_airing) {
  switch (warning.kind) {
    case schedules::SlotWarning::Kind::nonexistent_time:
      return tr("On days the clocks go forward this time does not exist; it airs that much later.");
    case schedules::SlotWarning::Kind::ambiguous_time:
      return tr("On days the clocks go back this time comes twice; it airs the first time.");
    case schedules::SlotWarning::Kind::first_airing_far:
      return trf("It first airs on {}, more than a year from now. Check the rule and the dates.",
                 first_airing ? wording::local_text(*first_airing) : "?");
  }
  return schedules::to_string(warning.kind);
}

std::string programme_options(const std::vector<station::ProgrammeLength>& programmes, std::string_view chosen) {
  std::string out;
  for (const auto& p : programmes) {
    out += fmt::format("<option value=\"{}\"{}>{}</option>", e(p.programme.name),
                       p.programme.name == chosen ? " selected" : "", e(p.programme.name));
  }
  return out;
}

std::string items_text(const schedules::Programme& programme) {
  std::string text;
  for (const auto& item : programme.items) text += schedules::format_programme_item(item) + "\n";
  return text;
}

std::string cap_text(std::int64_t longest_ms, int max_session_minutes) {
  return trf("Longest airing {} (m:ss); a session may last at most {} min.", wording::display_duration(longest_ms),
             max_session_minutes);
}

}  // namespace

std::string schedule_tabs_html(std::string_view current_path) {
  const auto tab = [current_path](std::string_view path, const std::string& label) {
    return fmt::format("<a href=\"{}\"{}>{}</a>", path,
                       path == current_path ? " class=\"current\" aria-current=\"page\"" : "", e(label));
  };
  return "<nav class=\"schedule-tabs\">" + tab("/schedule", tr("Week")) + " " +
         tab("/schedule/programmes", tr("Programmes")) + " " + tab("/schedule/mandates", tr("District mandates")) +
         "</nav>";
}

std::string week_html(const WeekGrid& grid) {
  const auto sunday = grid.days.back().date;
  std::string out = "<section class=\"week\"><h2>" +
                    e(trf("Week {} – {} ({})", display_date(grid.monday), display_date(sunday), grid.zone)) + "</h2>";
  out += fmt::format(
      "<p class=\"week-links\"><a href=\"{}\" rel=\"prev\">{}</a> <a href=\"/schedule\">{}</a> "
      "<a href=\"{}\" rel=\"next\">{}</a></p>",
      week_link(grid.previous_monday()), e(tr("← Previous week")), e(tr("This week")), week_link(grid.next_monday()),
      e(tr("Next week →")));

  // The days' heads (today, holidays) show even in a week where nothing airs.
  const auto hours = grid.busy_hours();
  out +=
      "<div class=\"week-scroll\"><table class=\"week-grid\"><thead><tr><th scope=\"col\">" + e(tr("Hour")) + "</th>";
  for (const auto& day : grid.days) {
    std::string classes = day.today ? "today" : "";
    if (!day.holidays.empty()) classes += classes.empty() ? "holiday" : " holiday";
    out += fmt::format("<th scope=\"col\"{}>{} {}", classes.empty() ? "" : " class=\"" + classes + "\"",
                       wording::weekday_text(day.date), display_date(day.date).substr(0, 5));
    if (day.today) out += " <span class=\"today-mark\">" + e(tr("today")) + "</span>";
    for (const auto& name : day.holidays) out += "<span class=\"holiday-name\">" + e(name) + "</span>";
    out += "</th>";
  }
  out += "</tr></thead><tbody>";
  if (hours.empty()) {
    out += "<tr><td colspan=\"8\" class=\"empty\">" + e(tr("Nothing airs this week.")) + "</td></tr>";
  }
  for (const int hour : hours) {
    out += fmt::format("<tr><th scope=\"row\">{:02}:00</th>", hour);
    for (const auto& day : grid.days) {
      const auto& cell = day.hours[static_cast<std::size_t>(hour)];
      out += day.today ? "<td class=\"today\">" : "<td>";
      if (!cell.empty()) {
        out += "<ul class=\"occurrences\">";
        for (const auto& o : cell) out += occurrence_html(o);
        out += "</ul>";
      }
      out += "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table></div>";
  out += "<p class=\"legend\"><span class=\"occurrence scheduled\">" + e(tr("as scheduled")) +
         "</span> <span class=\"occurrence moved\">" + e(tr("moved: waits for another programme")) +
         "</span> <span class=\"occurrence dropped\">" + e(tr("dropped: does not air")) +
         "</span> <span class=\"occurrence priority\">" + e(tr("priority")) + "</span></p>";
  return out + "</section>";
}

std::string slots_html(const std::vector<station::SlotView>& slots,
                       const std::vector<station::ProgrammeLength>& programmes, const Editing& editing,
                       schedules::LocalDate week) {
  std::string out = "<section class=\"slots\" id=\"slots\"><h2>" + e(tr("Slots")) + "</h2>";
  if (slots.empty()) {
    out += "<p class=\"empty\">" + e(tr("No slots yet.")) + "</p>";
  } else {
    out += "<table class=\"slot-list\"><thead><tr><th>" + e(tr("ID")) + "</th><th>" + e(tr("Time")) + "</th><th>" +
           e(tr("Repeats")) + "</th><th>" + e(tr("Valid")) + "</th><th>" + e(tr("Level")) + "</th><th>" +
           e(tr("State")) + "</th><th>" + e(tr("Programme")) + "</th>" + (editing.allowed ? "<th></th>" : "") +
           "</tr></thead><tbody>";
    for (const auto& view : slots) {
      const auto& s = view.stored.slot;
      std::string valid;
      if (s.valid_from || s.valid_until) valid = date_or_empty(s.valid_from) + "–" + date_or_empty(s.valid_until);
      out += fmt::format("<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
                         s.enabled ? "" : " class=\"disabled\"", s.id, e(wording::start_text(s)),
                         e(wording::recurrence_text(s.rrule)), e(valid), e(wording::level_text(s.level)),
                         e(s.enabled ? tr("on") : tr("off")), e(view.programme_name));
      if (editing.allowed) {
        out += "<td class=\"actions\">";
        out += s.enabled ? button_form("/schedule/slots/disable", s.id, tr("Turn off"), editing, week)
                         : button_form("/schedule/slots/enable", s.id, tr("Turn on"), editing, week);
        if (const auto values = slot_form_values(view)) {
          out += fmt::format("<a class=\"button secondary\" href=\"/schedule/slots/edit?id={}&amp;week={}\">{}</a> ",
                             s.id, schedules::format_date(week), e(tr("Change")));
        }
        out += button_form("/schedule/slots/remove", s.id, tr("Remove"), editing, week, "danger");
        out += "</td>";
      }
      out += "</tr>";
    }
    out += "</tbody></table>";
  }
  if (!editing.allowed) return out + "</section>";
  if (programmes.empty()) {
    return out + "<p>" + e(tr("Add a programme first: a slot airs a programme.")) +
           " <a href=\"/schedule/programmes\">" + e(tr("Programmes")) + "</a></p></section>";
  }
  return out + slot_form_html(programmes, editing, week, {}) + "</section>";
}

std::optional<SlotFormValues> slot_form_values(const station::SlotView& view) {
  const auto& slot = view.stored.slot;
  SlotFormValues values;
  if (slot.rrule == "FREQ=DAILY") {
    values.weekdays = "";
  } else if (slot.rrule.rfind("FREQ=WEEKLY;BYDAY=", 0) == 0) {
    values.weekdays = wording::recurrence_text(slot.rrule);
    if (values.weekdays.find('=') != std::string::npos) return std::nullopt;  // not a plain weekday list
  } else {
    return std::nullopt;
  }
  values.replaces = slot.id;
  values.programme = view.programme_name;
  values.times = wording::clock_text(slot.start);
  if (slot.valid_from) values.from = schedules::format_date(*slot.valid_from);
  if (slot.valid_until) values.until = schedules::format_date(*slot.valid_until);
  values.level = slot.level;
  return values;
}

std::string slot_form_html(const std::vector<station::ProgrammeLength>& programmes, const Editing& editing,
                           schedules::LocalDate week, const SlotFormValues& values) {
  const bool change = values.replaces != 0;
  std::string out = "<form method=\"post\" action=\"/schedule/slots/check\" class=\"slot-form\"><h3>" +
                    e(change ? trf("Change slot {}", values.replaces) : std::string(tr("Add slots"))) + "</h3>" +
                    editing.csrf_field + hidden("week", schedules::format_date(week));
  if (change) out += hidden("replaces", std::to_string(values.replaces));
  out += "<label>" + e(tr("Programme")) + " <select name=\"programme\" required>" +
         programme_options(programmes, values.programme) + "</select></label>";
  out += "<label>" + e(tr("Times of day")) + " <input name=\"times\" required placeholder=\"05:30, 17:00\" value=\"" +
         e(values.times) + "\" pattern=\"\\s*\\d\\d:\\d\\d\\s*(,\\s*\\d\\d:\\d\\d\\s*)*\"></label>";
  out += "<label>" + e(tr("Weekdays")) + " <input name=\"weekdays\" placeholder=\"T2-T7\" value=\"" +
         e(values.weekdays) + "\"> <small>" + e(tr("T2-T7, T2,T4,T6, CN; empty: every day")) + "</small></label>";
  out +=
      "<label>" + e(tr("Valid from")) + " <input type=\"date\" name=\"from\" value=\"" + e(values.from) + "\"></label>";
  out += "<label>" + e(tr("Valid until")) + " <input type=\"date\" name=\"until\" value=\"" + e(values.until) +
         "\"></label>";
  const bool priority = values.level == schedules::SlotLevel::priority;
  out += "<label>" + e(tr("Level")) + " <select name=\"level\"><option value=\"normal\">" +
         e(wording::level_text(schedules::SlotLevel::normal)) + "</option><option value=\"priority\"" +
         (priority ? " selected" : "") + ">" + e(wording::level_text(schedules::SlotLevel::priority)) +
         "</option></select></label>";
  out += "<p class=\"buttons\"><button type=\"submit\">" + e(tr("Check")) +
         "</button> <button type=\"submit\" formaction=\"/schedule/slots\">" + e(tr("Save")) + "</button>";
  if (change) out += " <a href=\"" + week_link(week) + "#slots\">" + e(tr("Cancel")) + "</a>";
  return out + "</p></form>";
}

std::string holidays_html(const std::vector<store::StoredHoliday>& holidays, const Editing& editing,
                          schedules::LocalDate week) {
  std::string out = "<section class=\"holidays\" id=\"holidays\"><h2>" + e(tr("Holidays")) + "</h2><p>" +
                    e(tr("On a holiday normal slots do not air; priority slots still do.")) + "</p>";
  if (holidays.empty()) {
    out += "<p class=\"empty\">" + e(tr("No holidays.")) + "</p>";
  } else {
    out += "<table class=\"holiday-list\"><thead><tr><th>" + e(tr("ID")) + "</th><th>" + e(tr("From")) + "</th><th>" +
           e(tr("Until")) + "</th><th>" + e(tr("Name")) + "</th>" + (editing.allowed ? "<th></th>" : "") +
           "</tr></thead><tbody>";
    for (const auto& h : holidays) {
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>", h.id, display_date(h.holiday.from),
                         display_date(h.holiday.until), e(h.holiday.name));
      if (editing.allowed) {
        out += "<td class=\"actions\">" +
               button_form("/schedule/holidays/remove", h.id, tr("Remove"), editing, week, "danger") + "</td>";
      }
      out += "</tr>";
    }
    out += "</tbody></table>";
  }
  if (!editing.allowed) return out + "</section>";
  out += "<form method=\"post\" action=\"/schedule/holidays\" class=\"holiday-form\"><h3>" + e(tr("Add a holiday")) +
         "</h3>" + editing.csrf_field + hidden("week", schedules::format_date(week));
  out += "<label>" + e(tr("Name")) + " <input name=\"name\" required placeholder=\"Tết Nguyên đán\"></label>";
  out += "<label>" + e(tr("From")) + " <input type=\"date\" name=\"from\" required></label>";
  out += "<label>" + e(tr("Until")) + " <input type=\"date\" name=\"until\"> <small>" + e(tr("empty: the same day")) +
         "</small></label>";
  out += "<p class=\"buttons\"><button type=\"submit\">" + e(tr("Add")) + "</button></p>";
  return out + "</form></section>";
}

std::string slot_check_html(const station::SlotCheck& check, const std::map<std::string, std::string>& fields,
                            const Editing& editing) {
  std::string out = "<section class=\"check\"><h2>" + e(trf("Check: \"{}\"", check.programme_name)) + "</h2>";
  out += "<table class=\"slot-list\"><thead><tr><th>" + e(tr("Time")) + "</th><th>" + e(tr("Repeats")) + "</th><th>" +
         e(tr("First airing")) + "</th><th>" + e(tr("Warnings")) + "</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < check.slots.size(); ++i) {
    const auto& slot = check.slots[i];
    const auto& acceptance = check.acceptances[i];
    std::vector<std::string> warnings;
    for (const auto& warning : acceptance.warnings)
      warnings.push_back(slot_warning_text(warning, acceptance.first_airing));
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", e(wording::start_text(slot)),
                       e(wording::recurrence_text(slot.rrule)),
                       e(acceptance.first_airing ? wording::local_text(*acceptance.first_airing) : ""),
                       warnings_list(warnings));
  }
  out += "</tbody></table>";
  out += "<p class=\"cap\">" + e(cap_text(check.programme_longest_ms, check.max_session_minutes)) + "</p>";
  std::vector<std::string> programme_warnings;
  for (const auto& warning : check.programme_warnings) programme_warnings.push_back(wording::describe(warning));
  if (!programme_warnings.empty()) {
    out += "<h3>" + e(tr("The programme on the first day it airs")) + "</h3>" + warnings_list(programme_warnings);
  }
  if (editing.allowed) {
    out += "<form method=\"post\" action=\"/schedule/slots\">" + editing.csrf_field;
    for (const char* name : {"programme", "times", "weekdays", "from", "until", "level", "week", "replaces"}) {
      out += hidden(name, field(fields, name));
    }
    out += "<p class=\"buttons\"><button type=\"submit\">" + e(tr("Save")) + "</button> <a href=\"" +
           week_link(parse_date(field(fields, "week"))
                         .value_or(check.slots.empty() ? schedules::LocalDate{}
                                                       : schedules::date_of(check.slots.front().start))) +
           "#slots\">" + e(tr("Cancel")) + "</a></p></form>";
  }
  return out + "</section>";
}

std::string slots_added_html(const station::AddedSlots& added, schedules::LocalDate week) {
  std::string out = "<section class=\"saved\"><h2>" +
                    e(trf("Added {} slot(s) for \"{}\"", added.slots.size(), added.programme_name)) + "</h2>";
  std::vector<std::string> warnings;
  for (const auto& notice : added.notices) warnings.push_back(wording::describe(notice));
  for (const auto& warning : added.programme_warnings) warnings.push_back(wording::describe(warning));
  out += warnings_list(warnings);
  return out + "<p><a href=\"" + week_link(week) + "\">" + e(tr("Back to the week")) + "</a></p></section>";
}

std::string programmes_html(const std::vector<station::ProgrammeLength>& programmes, const Editing& editing,
                            int max_session_minutes) {
  std::string out = "<section class=\"programmes\"><h2>" + e(tr("Programmes")) + "</h2><p>" +
                    e(trf("A programme's longest airing may not pass the session cap, {} min.", max_session_minutes)) +
                    "</p>";
  if (programmes.empty()) out += "<p class=\"empty\">" + e(tr("No programmes yet.")) + "</p>";
  for (const auto& p : programmes) {
    out += fmt::format("<article class=\"programme\" id=\"programme-{}\"><h3>{} <small>{}</small></h3>", p.programme.id,
                       e(p.programme.name),
                       e(trf("ID {} · today {}", p.programme.id, wording::display_duration(p.today_ms))));
    out += "<ol class=\"items\">";
    for (const auto& item : p.programme.items) {
      out += "<li><code>" + e(schedules::format_programme_item(item)) + "</code> " +
             e(wording::item_kind_text(item.kind)) + "</li>";
    }
    out += "</ol>";
    if (editing.allowed) {
      out += "<form method=\"post\" action=\"/schedule/programmes/edit\" class=\"programme-form\">" +
             editing.csrf_field + hidden("programme", p.programme.name) + "<label>" +
             e(tr("Items, one per line, in order")) + " <textarea name=\"items\" rows=\"" +
             std::to_string(p.programme.items.size() + 2) + "\">" + e(items_text(p.programme)) +
             "</textarea></label><p class=\"buttons\"><button type=\"submit\" "
             "formaction=\"/schedule/programmes/edit/check\">" +
             e(tr("Check")) + "</button> <button type=\"submit\">" + e(tr("Save items")) + "</button></p></form>";
      out += fmt::format(
          "<form method=\"post\" action=\"/schedule/programmes/remove\" class=\"inline\">{}{}<button type=\"submit\" "
          "class=\"danger\">{}</button></form>",
          editing.csrf_field, hidden("programme", p.programme.name), e(tr("Remove programme")));
    }
    out += "</article>";
  }
  if (!editing.allowed) return out + "</section>";
  out += "<form method=\"post\" action=\"/schedule/programmes/check\" class=\"programme-form\"><h3>" +
         e(tr("Add a programme")) + "</h3>" + editing.csrf_field;
  out += "<label>" + e(tr("Name")) + " <input name=\"name\" required></label>";
  out += "<label>" + e(tr("Items, one per line, in order")) +
         " <textarea name=\"items\" rows=\"5\" placeholder=\"relay:vov1:15m&#10;jingle:3&#10;rotate:CDS:2\"></textarea>"
         "</label><p class=\"hint\">" +
         e(tr("segment:ID, jingle:ID, rotate:CATEGORY:N, relay:SOURCE:DURATION")) + "</p>";
  out += "<p class=\"buttons\"><button type=\"submit\">" + e(tr("Check")) +
         "</button> <button type=\"submit\" formaction=\"/schedule/programmes\">" + e(tr("Save")) + "</button></p>";
  return out + "</form></section>";
}

std::string programme_check_html(const station::AddedProgramme& check, std::string_view items, int max_session_minutes,
                                 const Editing& editing, bool existing) {
  std::string out = "<section class=\"check\"><h2>" + e(trf("Check: \"{}\"", check.programme.name)) + "</h2>";
  out += "<ol class=\"items\">";
  for (const auto& item : check.programme.items) {
    out += "<li><code>" + e(schedules::format_programme_item(item)) + "</code> " +
           e(wording::item_kind_text(item.kind)) + "</li>";
  }
  out += "</ol><p class=\"cap\">" + e(cap_text(check.longest_ms, max_session_minutes)) + "</p>";
  std::vector<std::string> warnings;
  for (const auto& warning : check.warnings) warnings.push_back(wording::describe(warning));
  if (!warnings.empty()) out += "<h3>" + e(tr("If it aired today")) + "</h3>" + warnings_list(warnings);
  if (editing.allowed) {
    out += std::string("<form method=\"post\" action=\"") +
           (existing ? "/schedule/programmes/edit" : "/schedule/programmes") + "\">" + editing.csrf_field +
           hidden(existing ? "programme" : "name", check.programme.name) + hidden("items", items) +
           "<p class=\"buttons\"><button type=\"submit\">" + e(tr("Save")) +
           "</button> <a href=\"/schedule/programmes\">" + e(tr("Cancel")) + "</a></p></form>";
  }
  return out + "</section>";
}

std::string programme_saved_html(const station::AddedProgramme& saved) {
  std::string out = "<section class=\"saved\"><h2>" +
                    e(trf("Saved programme {} \"{}\": {} items, at most {}.", saved.programme.id, saved.programme.name,
                          saved.programme.items.size(), wording::display_duration(saved.longest_ms))) +
                    "</h2>";
  std::vector<std::string> warnings;
  for (const auto& warning : saved.warnings) warnings.push_back(wording::describe(warning));
  out += warnings_list(warnings);
  return out + "<p><a href=\"/schedule/programmes\">" + e(tr("Back to the programmes")) + "</a></p></section>";
}

std::vector<std::string> item_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    auto end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(begin, end - begin);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '\r'))
      line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (!line.empty()) lines.emplace_back(line);
    begin = end + 1;
  }
  return lines;
}

}  // namespace loaxa::console
