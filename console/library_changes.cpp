// POST /library/segment/ID/edit|approve|remove: the forms of the Library page. Each change
// is the station's own rule (station/catalogue.hpp); done, the browser is sent back to the
// list it came from with a line saying what changed. A refusal is a page (or JSON, by
// Accept) with its reason, and nothing changed.

#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "console/form_changes.hpp"
#include "console/library_handlers.hpp"
#include "console/library_view.hpp"
#include "console/responses.hpp"
#include "schedules/error.hpp"
#include "station/catalogue.hpp"
#include "station/error.hpp"
#include "store/busy.hpp"
#include "web/text.hpp"
#include "wording/schedule_messages.hpp"
#include "wording/station_messages.hpp"

#include <charconv>
#include <map>
#include <stdexcept>

namespace loaxa::console {
namespace {

constexpr std::string_view kPrefix = "/library/segment/";

// A refusal of the operator's input, worded; answered 400.
struct BadInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A date field: absent leaves the date as it is, empty clears it.
std::optional<std::optional<std::chrono::year_month_day>> date_field(const std::map<std::string, std::string>& form,
                                                                     const char* field, const std::string& label) {
  const auto found = form.find(field);
  if (found == form.end()) return std::nullopt;
  if (found->second.find_first_not_of(' ') == std::string::npos) return std::optional<std::chrono::year_month_day>{};
  if (const auto date = parse_date(found->second)) return date;
  throw BadInput(trf("{} '{}' is not a date. Write dd/mm/yyyy or yyyy-mm-dd, e.g. 05/02/2027.", label, found->second));
}

station::SegmentEdit edit_from(const std::map<std::string, std::string>& form) {
  station::SegmentEdit edit;
  if (const auto title = form.find("title"); title != form.end()) edit.title = title->second;
  if (const auto category = form.find("category"); category != form.end()) edit.category = category->second;
  edit.valid_from = date_field(form, "valid_from", tr("First day"));
  edit.valid_until = date_field(form, "valid_until", tr("Last day"));
  return edit;
}

int status_of(station::StationError::Kind kind) {
  using K = station::StationError::Kind;
  if (kind == K::no_such_segment) return 404;
  if (kind == K::segment_in_use) return 409;
  return 400;
}

// Back to the list with its filter (rebuilt, never the form's text) and what happened.
web::WebResponse back_to_list(const std::map<std::string, std::string>& form, const char* done, std::int64_t id) {
  const auto back = form.find("back");
  std::string query = filter_query(filter_from_query(back == form.end() ? "" : back->second));
  query += (query.empty() ? "" : "&") + fmt::format("done={}&id={}", done, id);
  return redirect(fmt::format("/library?{}#segment-{}", query, id));
}

}  // namespace

std::optional<std::int64_t> segment_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string change_notice(std::string_view query) {
  const auto form = web::parse_form(query);
  const auto done = form.find("done");
  const auto id_text = form.find("id");
  if (done == form.end() || id_text == form.end()) return "";
  const auto id = segment_id(id_text->second);
  if (!id) return "";
  if (done->second == "saved") return trf("Segment {} saved.", *id);
  if (done->second == "approved") return trf("Segment {} approved: it may air.", *id);
  if (done->second == "removed") return trf("Segment {} removed, with its file.", *id);
  return "";
}

void change_segment(const Visit& visit, Answer answer) {
  const auto path = web::target_path(visit.request.target);
  const auto rest = path.substr(std::min(kPrefix.size(), path.size()));
  const auto slash = rest.find('/');
  const auto id = segment_id(rest.substr(0, slash));
  const auto action = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  if (!id || (action != "edit" && action != "approve" && action != "remove")) {
    answer(problem(visit.request, 404, tr("Not found"), tr("There is no such page.")));
    return;
  }
  const auto form = web::parse_form(visit.request.body);
  auto& station = visit.context.station;
  const auto refused = tr("Not changed");
  try {
    const char* done = "";
    if (action == "edit") {
      station::edit_segment(station, *id, edit_from(form));
      done = "saved";
    } else if (action == "approve") {
      station::approve_segment(station, *id);
      done = "approved";
    } else {
      station::remove_segment(station, *id);
      done = "removed";
    }
    ask_daemon_to_replan(visit);
    answer(back_to_list(form, done, *id));
  } catch (const BadInput& e) {
    answer(problem(visit.request, 400, refused, e.what()));
  } catch (const station::StationError& e) {
    answer(problem(visit.request, status_of(e.kind), refused, wording::describe(e)));
  } catch (const schedules::ScheduleError& e) {
    answer(problem(visit.request, 400, refused, wording::describe(e)));
  } catch (const store::BusyError&) {
    answer(problem(visit.request, 503, refused,
                   tr("the station is busy: another loaxa command or the daemon is writing to it. Nothing was changed; "
                      "try again in a moment.")));
  }
}

}  // namespace loaxa::console
