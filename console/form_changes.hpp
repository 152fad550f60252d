#pragma once
// What the console's forms that change the schedule share (the Schedule page's slots,
// holidays and programmes; the district mandates tab; the Library's edits): a form's field,
// a positive ID from it, asking loaxad to plan again, and a change whose refusal by the rules
// becomes the page's 400 (404 for what does not exist) in the CLI's words.
//
// Thread safety: the console thread.

#include "console/context.hpp"
#include "console/responses.hpp"
#include "schedules/error.hpp"
#include "station/error.hpp"
#include "wording/schedule_messages.hpp"
#include "wording/station_messages.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace loaxa::console {

using Form = std::map<std::string, std::string>;

// The field's text; "" when the form lacks it.
std::string form_value(const Form& form, const std::string& name);
// The field as a positive whole number; nullopt for anything else.
std::optional<std::int64_t> form_positive(const Form& form, const std::string& name);

// loaxad plans its next hours again at once rather than at its next 30 s round, so the Now
// page agrees at once. The change is saved either way: a daemon that is not running (or
// refuses) plans from the database when it starts.
void ask_daemon_to_replan(const Visit& visit);

// 404 for a slot, holiday or mandate that does not exist; 400 for any other refusal.
int schedule_refusal_status(const station::StationError& error);

// Runs a change; a refusal by the rules becomes the page's answer under `title`.
template <typename Change>
void refusing(const Visit& visit, Answer& answer, const std::string& title, Change&& change) {
  try {
    change();
  } catch (const schedules::ScheduleError& error) {
    answer(problem(visit.request, 400, title, wording::describe(error)));
  } catch (const station::StationError& error) {
    answer(problem(visit.request, schedule_refusal_status(error), title, wording::describe(error)));
  }
}

}  // namespace loaxa::console
