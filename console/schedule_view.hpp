#pragma once
// The Schedule page's HTML (lịch phát): the week grid, the slots, the holidays and the
// programmes, and the forms an operator changes them with. No inline script or style (the
// console's CSP forbids them): the look is classes in /static/schedule.css.
//
// Pure but for tr(); the console thread.

#include "console/schedule_grid.hpp"
#include "schedules/programme_plan.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "store/slot_store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::console {

// What a page needs to offer changes: whether the visitor may make them, and the hidden
// CSRF field every form carries.
struct Editing {
  bool allowed = false;
  std::string csrf_field;
};

// The links between the two Schedule pages (the week, the programmes).
std::string schedule_tabs_html(std::string_view current_path);

// The week as a table, days by hours; previous / this / next week links.
std::string week_html(const WeekGrid& grid);

// What the slot form holds: empty to add slots; a slot's own values (replaces = its ID) to
// change it.
struct SlotFormValues {
  std::int64_t replaces = 0;
  std::string programme;
  std::string times;     // "05:30"
  std::string weekdays;  // "T2-T7"; empty: every day
  std::string from;      // YYYY-MM-DD or empty
  std::string until;
  schedules::SlotLevel level = schedules::SlotLevel::normal;
};

// A slot's values for the form; nullopt for one the form cannot write (a one-off, or a
// recurrence other than every day or on weekdays: `loaxa slot add --start/--rrule`'s).
std::optional<SlotFormValues> slot_form_values(const station::SlotView& view);

// The form that checks, then adds or changes slots.
std::string slot_form_html(const std::vector<station::ProgrammeLength>& programmes, const Editing& editing,
                           schedules::LocalDate week, const SlotFormValues& values);

// The slots with enable/disable/change/remove, and the form that checks or adds slots.
// `week`: the Monday shown, kept in the forms so a change returns to it.
std::string slots_html(const std::vector<station::SlotView>& slots,
                       const std::vector<station::ProgrammeLength>& programmes, const Editing& editing,
                       schedules::LocalDate week);

std::string holidays_html(const std::vector<store::StoredHoliday>& holidays, const Editing& editing,
                          schedules::LocalDate week);

// What checking a slot request found, and the form that saves the same request.
// `fields`: the request as the form sent it (programme, times, weekdays, from, until, level).
std::string slot_check_html(const station::SlotCheck& check, const std::map<std::string, std::string>& fields,
                            const Editing& editing);

// Slots just added that came with warnings.
std::string slots_added_html(const station::AddedSlots& added, schedules::LocalDate week);

// The programmes with their items in order and today's length; add, edit and remove forms.
std::string programmes_html(const std::vector<station::ProgrammeLength>& programmes, const Editing& editing,
                            int max_session_minutes);

// What checking a programme found (its longest airing against the session cap, what would
// be skipped today), and the form that saves it: as a new programme, or, `existing`, as the
// programme's new items.
std::string programme_check_html(const station::AddedProgramme& check, std::string_view items_text,
                                 int max_session_minutes, const Editing& editing, bool existing = false);

// A programme just saved that came with warnings.
std::string programme_saved_html(const station::AddedProgramme& saved);

// Items one per line ("segment:12\nrotate:CDS:2"), blank lines and spaces around ignored.
std::vector<std::string> item_lines(std::string_view text);

}  // namespace loaxa::console
