// The Schedule pages (lịch phát): GET /schedule shows the week, the slots and the holidays;
// GET /schedule/programmes the programmes. Every change is an operator's, goes through the
// station's use cases (the same rules as `loaxa slot|holiday|programme`), and asks loaxad to
// plan again at once. A refused change is a 400 worded as the CLI words it; nothing is written.

#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "console/form_changes.hpp"
#include "console/layout.hpp"
#include "console/pages.hpp"
#include "console/responses.hpp"
#include "console/routes.hpp"
#include "console/schedule_grid.hpp"
#include "console/schedule_style.hpp"
#include "console/schedule_view.hpp"
#include "schedules/civil_time.hpp"
#include "schedules/error.hpp"
#include "schedules/slot.hpp"
#include "station/error.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "web/text.hpp"
#include "wording/schedule_messages.hpp"
#include "wording/station_messages.hpp"

#include <charconv>
#include <map>
#include <variant>

namespace loaxa::console {
namespace {

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::optional<schedules::LocalDate> optional_date(const Form& form, const std::string& name) {
  const auto text = trimmed(form_value(form, name));
  if (text.empty()) return std::nullopt;
  return schedules::parse_date(text);  // throws ScheduleError{bad_date} naming the text
}

// The slot request as the form writes it, in the operator's notation (as `loaxa slot add
// --at … --days …`). Throws ScheduleError for a time, weekday list or date it cannot read.
station::SlotRequest slot_request(const Form& form) {
  station::SlotRequest request;
  request.programme = form_value(form, "programme");
  request.times = schedules::parse_times_of_day(form_value(form, "times"));
  const auto weekdays = trimmed(form_value(form, "weekdays"));
  if (!weekdays.empty()) request.weekdays = weekdays;
  request.valid_from = optional_date(form, "from");
  request.valid_until = optional_date(form, "until");
  const auto level = trimmed(form_value(form, "level"));
  request.level = level.empty() ? schedules::SlotLevel::normal : schedules::parse_level(level);
  return request;
}

Editing editing(const Visit& visit) {
  return {visit.visitor.role == Role::operator_, csrf_field(visit)};
}

std::string with_style(std::string body) {
  return "<link rel=\"stylesheet\" href=\"" + std::string(kScheduleStylePath) + "\">" + body;
}

web::WebResponse schedule_page(const Visit& visit, std::string_view path, const std::string& body) {
  return html(200, page(visit, "/schedule", tr("Schedule"), with_style(schedule_tabs_html(path) + body)));
}

// The week a change came from (the form's hidden `week`), to return to it.
schedules::LocalDate week_of(const Visit& visit, const Form& form) {
  const auto date = parse_date(form_value(form, "week"));
  return date ? monday_of(*date) : monday_of(visit.context.station.now().today);
}

web::WebResponse back_to_week(schedules::LocalDate week, std::string_view anchor) {
  return redirect("/schedule?week=" + schedules::format_date(week) + "#" + std::string(anchor));
}

void show_week(const Visit& visit, Answer answer) {
  auto& station = visit.context.station;
  const auto query = web::parse_form(web::target_query(visit.request.target));
  const auto week = parse_week(form_value(query, "week"), station.now().today);
  if (const auto* message = std::get_if<std::string>(&week)) {
    return answer(problem(visit.request, 400, tr("No such week"), *message));
  }
  const auto monday = std::get<schedules::LocalDate>(week);
  const auto grid = week_grid(station, monday);
  const auto edit = editing(visit);
  const auto body = week_html(grid) +
                    slots_html(station::list_slots(station), station::list_programmes(station), edit, monday) +
                    holidays_html(station::list_holidays(station), edit, monday);
  answer(schedule_page(visit, "/schedule", body));
}

// An empty time field would read as "'' is not a time of day": say what is missing instead.
bool has_times(const Form& form) {
  return !trimmed(form_value(form, "times")).empty();
}

web::WebResponse no_times(const Visit& visit, const std::string& title) {
  return problem(visit.request, 400, title, tr("Give at least one time of day, e.g. 05:30 or 05:30, 17:00."));
}

void check_slots(const Visit& visit, Answer answer) {
  const auto form = web::parse_form(visit.request.body);
  if (!has_times(form)) return answer(no_times(visit, tr("The slots cannot be added")));
  refusing(visit, answer, tr("The slots cannot be added"), [&] {
    const auto check = station::check_slots(visit.context.station, slot_request(form));
    answer(schedule_page(visit, "/schedule", slot_check_html(check, form, editing(visit))));
  });
}

// GET /schedule/slots/edit?id=ID: the slot form holding the slot's values; saving it
// replaces the slot (station::replace_slot).
void edit_slot(const Visit& visit, Answer answer) {
  const auto query = web::parse_form(web::target_query(visit.request.target));
  const auto id = form_positive(query, "id");
  if (!id) return answer(problem(visit.request, 400, tr("The slot was not changed"), tr("The form names no slot ID.")));
  refusing(visit, answer, tr("The slot was not changed"), [&] {
    auto& station = visit.context.station;
    const auto slot = station::find_slot(station, *id);
    const auto values = slot_form_values(slot);
    if (!values) {
      return answer(problem(visit.request, 400, tr("The slot was not changed"),
                            trf("Slot {} airs once or by its own rule: remove it and add it again, or change it "
                                "with loaxa slot add --start/--rrule.",
                                *id)));
    }
    const auto body = slot_form_html(station::list_programmes(station), editing(visit), week_of(visit, query), *values);
    answer(schedule_page(visit, "/schedule", "<section class=\"slots\" id=\"slots\">" + body + "</section>"));
  });
}

void add_slots(const Visit& visit, Answer answer) {
  const auto form = web::parse_form(visit.request.body);
  if (!has_times(form)) return answer(no_times(visit, tr("The slots were not added")));
  refusing(visit, answer, tr("The slots were not added"), [&] {
    const auto replaces = trimmed(form_value(form, "replaces"));
    std::optional<std::int64_t> replaced;
    if (!replaces.empty()) {
      replaced = form_positive(Form{{"id", replaces}}, "id");
      if (!replaced) {
        return answer(
            problem(visit.request, 400, tr("The slot was not changed"), trf("'{}' is not a slot's ID.", replaces)));
      }
    }
    const auto added = replaced ? station::replace_slot(visit.context.station, *replaced, slot_request(form))
                                : station::add_slots(visit.context.station, slot_request(form));
    ask_daemon_to_replan(visit);
    const auto week = week_of(visit, form);
    if (added.notices.empty() && added.programme_warnings.empty()) return answer(back_to_week(week, "slots"));
    answer(schedule_page(visit, "/schedule", slots_added_html(added, week)));
  });
}

// enable, disable, remove: one slot by the form's `id`.
template <typename Change>
Handler slot_change(Change change) {
  return [change](const Visit& visit, Answer answer) {
    const auto form = web::parse_form(visit.request.body);
    const auto id = form_positive(form, "id");
    if (!id)
      return answer(problem(visit.request, 400, tr("The slot was not changed"), tr("The form names no slot ID.")));
    refusing(visit, answer, tr("The slot was not changed"), [&] {
      change(visit.context.station, *id);
      ask_daemon_to_replan(visit);
      answer(back_to_week(week_of(visit, form), "slots"));
    });
  };
}

void add_holiday(const Visit& visit, Answer answer) {
  const auto form = web::parse_form(visit.request.body);
  refusing(visit, answer, tr("The holiday was not added"), [&] {
    schedules::Holiday holiday;
    const auto from = optional_date(form, "from");
    if (!from)
      return answer(problem(visit.request, 400, tr("The holiday was not added"), tr("Give the holiday's first day.")));
    holiday.from = *from;
    holiday.until = optional_date(form, "until").value_or(*from);
    holiday.name = trimmed(form_value(form, "name"));
    station::add_holiday(visit.context.station, holiday);
    ask_daemon_to_replan(visit);
    answer(back_to_week(week_of(visit, form), "holidays"));
  });
}

void remove_holiday(const Visit& visit, Answer answer) {
  const auto form = web::parse_form(visit.request.body);
  const auto id = form_positive(form, "id");
  if (!id)
    return answer(problem(visit.request, 400, tr("The holiday was not removed"), tr("The form names no holiday ID.")));
  refusing(visit, answer, tr("The holiday was not removed"), [&] {
    station::remove_holiday(visit.context.station, *id);
    ask_daemon_to_replan(visit);
    answer(back_to_week(week_of(visit, form), "holidays"));
  });
}

void show_programmes(const Visit& visit, Answer answer) {
  auto& station = visit.context.station;
  const auto body =
      programmes_html(station::list_programmes(station), editing(visit), station.config().max_session_minutes);
  answer(schedule_page(visit, "/schedule/programmes", body));
}

void check_programme(const Visit& visit, Answer answer) {
  const auto form = web::parse_form(visit.request.body);
  refusing(visit, answer, tr("The programme cannot be added"), [&] {
    auto& station = visit.context.station;
    const auto items = form_value(form, "items");
    const auto check = station::check_programme(station, trimmed(form_value(form, "name")), item_lines(items));
    answer(schedule_page(visit, "/schedule/programmes",
                         programme_check_html(check, items, station.config().max_session_minutes, editing(visit))));
  });
}

web::WebResponse programme_saved(const Visit& visit, const station::AddedProgramme& saved) {
  if (saved.warnings.empty()) return redirect("/schedule/programmes#programme-" + std::to_string(saved.programme.id));
  return schedule_page(visit, "/schedule/programmes", programme_saved_html(saved));
}

void add_programme(const Visit& visit, Answer answer) {
  const auto form = web::parse_form(visit.request.body);
  refusing(visit, answer, tr("The programme was not added"), [&] {
    const auto added = station::add_programme(visit.context.station, trimmed(form_value(form, "name")),
                                              item_lines(form_value(form, "items")));
    ask_daemon_to_replan(visit);
    answer(programme_saved(visit, added));
  });
}

void check_programme_items(const Visit& visit, Answer answer) {
  const auto form = web::parse_form(visit.request.body);
  refusing(visit, answer, tr("The programme was not changed"), [&] {
    auto& station = visit.context.station;
    const auto items = form_value(form, "items");
    const auto check = station::check_programme_items(station, form_value(form, "programme"), item_lines(items));
    answer(
        schedule_page(visit, "/schedule/programmes",
                      programme_check_html(check, items, station.config().max_session_minutes, editing(visit), true)));
  });
}

void edit_programme(const Visit& visit, Answer answer) {
  const auto form = web::parse_form(visit.request.body);
  refusing(visit, answer, tr("The programme was not changed"), [&] {
    const auto edited = station::set_programme_items(visit.context.station, form_value(form, "programme"),
                                                     item_lines(form_value(form, "items")));
    ask_daemon_to_replan(visit);
    answer(programme_saved(visit, edited));
  });
}

void remove_programme(const Visit& visit, Answer answer) {
  const auto form = web::parse_form(visit.request.body);
  refusing(visit, answer, tr("The programme was not removed"), [&] {
    station::remove_programme(visit.context.station, form_value(form, "programme"));
    ask_daemon_to_replan(visit);
    answer(redirect("/schedule/programmes"));
  });
}

}  // namespace

void add_schedule_routes(Routes& routes) {
  routes.add({"GET", "/schedule", Role::viewer, show_week});
  routes.add({"POST", "/schedule/slots/check", Role::operator_, check_slots});
  routes.add({"POST", "/schedule/slots", Role::operator_, add_slots});
  routes.add({"GET", "/schedule/slots/edit", Role::operator_, edit_slot});
  routes.add({"POST", "/schedule/slots/enable", Role::operator_,
              slot_change([](station::Station& s, std::int64_t id) { station::set_slot_enabled(s, id, true); })});
  routes.add({"POST", "/schedule/slots/disable", Role::operator_,
              slot_change([](station::Station& s, std::int64_t id) { station::set_slot_enabled(s, id, false); })});
  routes.add({"POST", "/schedule/slots/remove", Role::operator_,
              slot_change([](station::Station& s, std::int64_t id) { station::remove_slot(s, id); })});
  routes.add({"POST", "/schedule/holidays", Role::operator_, add_holiday});
  routes.add({"POST", "/schedule/holidays/remove", Role::operator_, remove_holiday});
  routes.add({"GET", "/schedule/programmes", Role::viewer, show_programmes});
  routes.add({"POST", "/schedule/programmes/check", Role::operator_, check_programme});
  routes.add({"POST", "/schedule/programmes", Role::operator_, add_programme});
  routes.add({"POST", "/schedule/programmes/edit/check", Role::operator_, check_programme_items});
  routes.add({"POST", "/schedule/programmes/edit", Role::operator_, edit_programme});
  routes.add({"POST", "/schedule/programmes/remove", Role::operator_, remove_programme});
  routes.add({"GET", std::string(kScheduleStylePath), Role::viewer,
              [](const Visit&, Answer answer) {
                web::WebResponse response;
                response.content_type = "text/css; charset=utf-8";
                response.body = std::string(kScheduleStyle);
                answer(std::move(response));
              },
              true});
}

}  // namespace loaxa::console
