// loaxa slot add|list|show|disable|enable|remove|except

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "station/slots.hpp"
#include "wording/schedule_messages.hpp"
#include "wording/schedule_text.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace loaxa::cli {

using wording::describe;
using wording::level_text;
using wording::recurrence_text;
using wording::start_text;
namespace {

struct AddOptions {
  std::string programme;
  std::optional<std::string> at;
  std::optional<std::string> days;
  std::optional<std::string> start;
  std::optional<std::string> rrule;
  std::optional<std::string> from;
  std::optional<std::string> until;
  std::string level = "normal";
};

schedules::SlotLevel parse_level_option(const std::string& text) {
  if (text == "normal") return schedules::SlotLevel::normal;
  if (text == "priority") return schedules::SlotLevel::priority;
  throw std::runtime_error(trf("Level '{}' is not valid: use normal (thông thường) or priority (ưu tiên).", text));
}

// The command line's grammar: --at with --days, or --start with --rrule.
station::SlotRequest request_from(const AddOptions& o) {
  if (o.at.has_value() == o.start.has_value()) {
    throw std::runtime_error(tr("Give either --at HH:MM (with --days) or --start YYYY-MM-DDTHH:MM (with --rrule)."));
  }
  if (o.days && !o.at) throw std::runtime_error(tr("--days goes with --at; with --start use --rrule."));
  if (o.rrule && !o.start) throw std::runtime_error(tr("--rrule goes with --start; with --at use --days."));
  station::SlotRequest request;
  request.programme = o.programme;
  request.level = parse_level_option(o.level);
  if (o.from) request.valid_from = schedules::parse_date(*o.from);
  if (o.until) request.valid_until = schedules::parse_date(*o.until);
  if (o.start) {
    request.start = schedules::parse_date_time(*o.start);
    request.rrule = o.rrule.value_or("");
  } else {
    request.times = schedules::parse_times_of_day(*o.at);
    request.weekdays = o.days;
  }
  return request;
}

nlohmann::json slot_json(const station::SlotView& view) {
  const auto& s = view.stored.slot;
  nlohmann::json exceptions = nlohmann::json::array();
  for (const auto& d : s.exception_dates) exceptions.push_back(schedules::format_date(d));
  auto date_or_null = [](const std::optional<schedules::LocalDate>& d) {
    return d ? nlohmann::json(schedules::format_date(*d)) : nlohmann::json(nullptr);
  };
  return {{"id", s.id},
          {"programme_id", s.programme_id},
          {"programme", view.programme_name},
          {"start_local", schedules::format_date_time(s.start)},
          {"time_zone", view.stored.time_zone},
          {"rrule", s.rrule},
          {"valid_from", date_or_null(s.valid_from)},
          {"valid_until", date_or_null(s.valid_until)},
          {"level", schedules::to_string(s.level)},
          {"enabled", s.enabled},
          {"exception_dates", exceptions}};
}

void run_add(Context& context, const AddOptions& options) {
  const auto added = station::add_slots(context.station(), request_from(options));
  for (const auto& notice : added.notices) std::cerr << tr("Warning: ") << describe(notice) << '\n';
  for (const auto& warning : added.programme_warnings) std::cerr << tr("Warning: ") << describe(warning) << '\n';
  nlohmann::json out = nlohmann::json::array();
  for (const auto& stored : added.slots) {
    if (context.json) {
      out.push_back(slot_json({stored, added.programme_name}));
    } else {
      std::cout << trf("Added slot {}: \"{}\" at {}, {}.", stored.slot.id, added.programme_name,
                       start_text(stored.slot), recurrence_text(stored.slot.rrule))
                << '\n';
    }
  }
  if (context.json) print_json(out);
}

std::string validity(const schedules::Slot& s) {
  if (!s.valid_from && !s.valid_until) return "";
  return fmt::format("{}–{}", s.valid_from ? display_date(*s.valid_from) : "",
                     s.valid_until ? display_date(*s.valid_until) : "");
}

void run_list(Context& context) {
  const auto slots = station::list_slots(context.station());
  if (context.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& view : slots) out.push_back(slot_json(view));
    print_json(out);
    return;
  }
  if (slots.empty()) {
    std::cout << tr("No slots yet. Add one with: loaxa slot add --programme NAME --at 05:30 --days T2-T7") << '\n';
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& view : slots) {
    const auto& s = view.stored.slot;
    rows.push_back({std::to_string(s.id), start_text(s), recurrence_text(s.rrule), validity(s), level_text(s.level),
                    s.enabled ? tr("on") : tr("off"), view.programme_name});
  }
  print_table({tr("ID"), tr("Time"), tr("Repeats"), tr("Valid"), tr("Level"), tr("State"), tr("Programme")}, rows);
}

void run_show(Context& context, std::int64_t id) {
  const auto view = station::find_slot(context.station(), id);
  if (context.json) {
    print_json(slot_json(view));
    return;
  }
  const auto& s = view.stored.slot;
  std::string exceptions;
  for (const auto& d : s.exception_dates) exceptions += (exceptions.empty() ? "" : ", ") + display_date(d);
  std::cout << pad_label(tr("Slot")) << s.id << '\n'
            << pad_label(tr("Programme")) << view.programme_name << '\n'
            << pad_label(tr("Time")) << start_text(s) << " (" << view.stored.time_zone << ")\n"
            << pad_label(tr("Repeats")) << recurrence_text(s.rrule) << (s.rrule.empty() ? "" : "  [" + s.rrule + "]")
            << '\n'
            << pad_label(tr("Valid")) << (validity(s).empty() ? tr("always") : validity(s)) << '\n'
            << pad_label(tr("Level")) << level_text(s.level) << '\n'
            << pad_label(tr("State")) << (s.enabled ? tr("on") : tr("off")) << '\n'
            << pad_label(tr("Except")) << exceptions << '\n';
}

void run_set_enabled(Context& context, std::int64_t id, bool enabled) {
  const auto view = station::set_slot_enabled(context.station(), id, enabled);
  if (context.json)
    print_json(slot_json(view));
  else
    std::cout << (enabled ? trf("Slot {} is on.", id) : trf("Slot {} is off; it will not air until enabled.", id))
              << '\n';
}

void run_remove(Context& context, std::int64_t id) {
  station::remove_slot(context.station(), id);
  if (context.json)
    print_json({{"removed", id}});
  else
    std::cout << trf("Removed slot {}.", id) << '\n';
}

void run_except(Context& context, std::int64_t id, const std::vector<std::string>& dates) {
  std::vector<schedules::LocalDate> parsed;
  for (const auto& text : dates) parsed.push_back(schedules::parse_date(text));
  const auto view = station::except_slot(context.station(), id, parsed);
  if (context.json) {
    print_json(slot_json(view));
    return;
  }
  for (const auto& date : parsed) std::cout << trf("Slot {} will not air on {}.", id, display_date(date)) << '\n';
}

}  // namespace

void add_slot_commands(CLI::App& app, Context& context, Outcome&) {
  auto* slot = app.add_subcommand("slot", tr("slots: when a programme airs"));
  slot->require_subcommand(1);

  auto o = std::make_shared<AddOptions>();
  auto* add = slot->add_subcommand("add", tr("add a slot"));
  add->add_option("--programme", o->programme, tr("programme name"))->required();
  add->add_option("--at", o->at, tr("time(s) of day, HH:MM[,HH:MM…]"));
  add->add_option("--days", o->days, tr("weekdays: T2-T7, T2,T4,T6, CN … (default: every day)"));
  add->add_option("--start", o->start, tr("first local start, YYYY-MM-DDTHH:MM[:SS]"));
  add->add_option("--rrule", o->rrule, tr("iCalendar recurrence rule, e.g. FREQ=WEEKLY;BYDAY=MO,WE"));
  add->add_option("--from", o->from, tr("first day it may air (dd/mm/yyyy)"));
  add->add_option("--until", o->until, tr("last day it may air (dd/mm/yyyy)"));
  add->add_option("--level", o->level, tr("normal (default) or priority"));
  add->callback([&context, o] { run_add(context, *o); });

  auto* list = slot->add_subcommand("list", tr("list slots"));
  list->callback([&context] { run_list(context); });

  auto id = std::make_shared<std::int64_t>(0);
  auto* show = slot->add_subcommand("show", tr("show one slot"));
  show->add_option("id", *id, tr("slot ID"))->required();
  show->callback([&context, id] { run_show(context, *id); });

  auto* disable = slot->add_subcommand("disable", tr("stop a slot airing, keeping it"));
  disable->add_option("id", *id, tr("slot ID"))->required();
  disable->callback([&context, id] { run_set_enabled(context, *id, false); });

  auto* enable = slot->add_subcommand("enable", tr("let a disabled slot air again"));
  enable->add_option("id", *id, tr("slot ID"))->required();
  enable->callback([&context, id] { run_set_enabled(context, *id, true); });

  auto* remove = slot->add_subcommand("remove", tr("remove a slot"));
  remove->add_option("id", *id, tr("slot ID"))->required();
  remove->callback([&context, id] { run_remove(context, *id); });

  auto dates = std::make_shared<std::vector<std::string>>();
  auto* except = slot->add_subcommand("except", tr("do not air a slot on these dates"));
  except->add_option("id", *id, tr("slot ID"))->required();
  except->add_option("dates", *dates, tr("dates (dd/mm/yyyy)"))->required();
  except->callback([&context, id, dates] { run_except(context, *id, *dates); });
}

}  // namespace loaxa::cli
