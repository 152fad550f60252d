// loaxa slot add|list|show|disable|enable|remove|except

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/programme_lookup.hpp"
#include "cli/schedule_messages.hpp"
#include "cli/schedule_text.hpp"
#include "cli/station_clock.hpp"
#include "common/clock.hpp"
#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "schedules/programme_plan.hpp"
#include "schedules/recurrence.hpp"
#include "schedules/weekdays.hpp"
#include "store/programme_store.hpp"
#include "store/schedule_snapshot.hpp"
#include "store/slot_store.hpp"

#include <SQLiteCpp/Transaction.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <sstream>

namespace loaxa::cli {
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

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, ',');) parts.push_back(part);
  return parts;
}

schedules::Level parse_level_option(const std::string& text) {
  if (text == "normal") return schedules::Level::normal;
  if (text == "priority") return schedules::Level::priority;
  throw std::runtime_error(trf("Level '{}' is not valid: use normal (thông thường) or priority (ưu tiên).", text));
}

// The slots one `slot add` asks for: one per --at time, or one for --start.
std::vector<schedules::Slot> slots_from(const AddOptions& o, const schedules::Programme& programme,
                                        schedules::LocalDate today) {
  if (o.at.has_value() == o.start.has_value()) {
    throw std::runtime_error(tr("Give either --at HH:MM (with --days) or --start YYYY-MM-DDTHH:MM (with --rrule)."));
  }
  if (o.days && !o.at) throw std::runtime_error(tr("--days goes with --at; with --start use --rrule."));
  if (o.rrule && !o.start) throw std::runtime_error(tr("--rrule goes with --start; with --at use --days."));

  schedules::Slot base;
  base.programme_id = programme.id;
  base.level = parse_level_option(o.level);
  if (o.from) base.valid_from = schedules::parse_date(*o.from);
  if (o.until) base.valid_until = schedules::parse_date(*o.until);
  if (base.valid_from && base.valid_until && *base.valid_until < *base.valid_from) {
    throw std::runtime_error(
        trf("--until {} is before --from {}.", display_date(*base.valid_until), display_date(*base.valid_from)));
  }

  std::vector<schedules::Slot> slots;
  if (o.start) {
    base.start = schedules::parse_date_time(*o.start);
    base.rrule = o.rrule.value_or("");
    if (!base.rrule.empty()) schedules::validate_rrule(base.rrule);
    slots.push_back(base);
    return slots;
  }
  base.rrule = schedules::rrule_for_weekdays(o.days.value_or(""));
  const schedules::LocalDate first_day = base.valid_from.value_or(today);
  for (const auto& text : split_commas(*o.at)) {
    schedules::Slot slot = base;
    slot.start = schedules::slot_start_at(schedules::parse_time_of_day(text), first_day);
    slots.push_back(slot);
  }
  return slots;
}

// Refuses what could never air as meant; warns about what the zone's clock changes adjust.
void check_slot(const schedules::Slot& slot, const schedules::TimeZone& zone, schedules::LocalDate today) {
  for (const auto& warning : schedules::validate_slot(slot, zone, today)) {
    switch (warning.kind) {
      case schedules::SlotWarning::Kind::never_occurs:
        throw std::runtime_error(
            trf("This slot would never air: the rule '{}' gives no time between {} and one year "
                "later (within --from/--until). Check the rule and the dates.",
                slot.rrule.empty() ? schedules::format_date_time(slot.start) : slot.rrule,
                display_date(std::max(today, slot.valid_from.value_or(today)))));
      case schedules::SlotWarning::Kind::nonexistent_time:
        if (zone.classify(slot.start) == schedules::TimeZone::LocalKind::gap) {
          throw std::runtime_error(
              trf("{} does not exist in the time zone {} (the clocks jump over it). Choose another "
                  "start.",
                  schedules::format_date_time(slot.start), zone.name()));
        }
        std::cerr << tr("Warning: ")
                  << tr("on days the clocks go forward this time does not exist; it airs that much later.") << '\n';
        break;
      case schedules::SlotWarning::Kind::ambiguous_time:
        std::cerr << tr("Warning: ") << tr("on days the clocks go back this time comes twice; it airs the first time.")
                  << '\n';
        break;
    }
  }
}

nlohmann::json slot_json(const store::StoredSlot& stored, const std::string& programme_name) {
  const auto& s = stored.slot;
  nlohmann::json exceptions = nlohmann::json::array();
  for (const auto& d : s.exception_dates) exceptions.push_back(schedules::format_date(d));
  auto date_or_null = [](const std::optional<schedules::LocalDate>& d) {
    return d ? nlohmann::json(schedules::format_date(*d)) : nlohmann::json(nullptr);
  };
  return {{"id", s.id},
          {"programme_id", s.programme_id},
          {"programme", programme_name},
          {"start_local", schedules::format_date_time(s.start)},
          {"time_zone", stored.time_zone},
          {"rrule", s.rrule},
          {"valid_from", date_or_null(s.valid_from)},
          {"valid_until", date_or_null(s.valid_until)},
          {"level", schedules::to_string(s.level)},
          {"enabled", s.enabled},
          {"exception_dates", exceptions}};
}

std::string programme_name(Context& context, std::int64_t id) {
  auto programme = store::ProgrammeStore(context.db()).find(id);
  return programme ? programme->name : "?";
}

void run_add(Context& context, const AddOptions& options) {
  const auto programme = require_programme(context, options.programme);
  schedules::TimeZone zone(context.config().time_zone);
  const auto now = station_now(context.clock(), zone);
  auto slots = slots_from(options, programme, now.today);
  for (const auto& slot : slots) check_slot(slot, zone, now.today);

  const auto catalogue = store::load_catalogue(context.db());
  const auto first_day = std::max(now.today, slots.front().valid_from.value_or(now.today));
  for (const auto& warning : schedules::validate_programme(programme, catalogue, first_day)) {
    std::cerr << tr("Warning: ") << describe(warning) << '\n';
  }

  store::SlotStore store(context.db());
  std::vector<std::int64_t> ids;
  {
    SQLite::Transaction transaction(context.db().sql());
    for (const auto& slot : slots) ids.push_back(store.add(slot, zone.name(), iso_utc(context.clock().now())));
    transaction.commit();
  }
  nlohmann::json out = nlohmann::json::array();
  for (auto id : ids) {
    auto stored = *store.find(id);
    if (context.json) {
      out.push_back(slot_json(stored, programme.name));
    } else {
      std::cout << trf("Added slot {}: \"{}\" at {}, {}.", id, programme.name, start_text(stored.slot),
                       recurrence_text(stored.slot.rrule))
                << '\n';
    }
  }
  if (context.json) print_json(out);
}

store::StoredSlot require_slot(Context& context, std::int64_t id) {
  auto slot = store::SlotStore(context.db()).find(id);
  if (!slot) throw std::runtime_error(trf("There is no slot with ID {}. See: loaxa slot list", id));
  return *slot;
}

std::string validity(const schedules::Slot& s) {
  if (!s.valid_from && !s.valid_until) return "";
  return fmt::format("{}–{}", s.valid_from ? display_date(*s.valid_from) : "",
                     s.valid_until ? display_date(*s.valid_until) : "");
}

void run_list(Context& context) {
  auto slots = store::SlotStore(context.db()).list();
  if (context.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : slots) out.push_back(slot_json(s, programme_name(context, s.slot.programme_id)));
    print_json(out);
    return;
  }
  if (slots.empty()) {
    std::cout << tr("No slots yet. Add one with: loaxa slot add --programme NAME --at 05:30 --days T2-T7") << '\n';
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& stored : slots) {
    const auto& s = stored.slot;
    rows.push_back({std::to_string(s.id), start_text(s), recurrence_text(s.rrule), validity(s), level_text(s.level),
                    s.enabled ? tr("on") : tr("off"), programme_name(context, s.programme_id)});
  }
  print_table({tr("ID"), tr("Time"), tr("Repeats"), tr("Valid"), tr("Level"), tr("State"), tr("Programme")}, rows);
}

void run_show(Context& context, std::int64_t id) {
  auto stored = require_slot(context, id);
  const auto& s = stored.slot;
  const auto name = programme_name(context, s.programme_id);
  if (context.json) {
    print_json(slot_json(stored, name));
    return;
  }
  std::string exceptions;
  for (const auto& d : s.exception_dates) exceptions += (exceptions.empty() ? "" : ", ") + display_date(d);
  std::cout << pad_label(tr("Slot")) << s.id << '\n'
            << pad_label(tr("Programme")) << name << '\n'
            << pad_label(tr("Time")) << start_text(s) << " (" << stored.time_zone << ")\n"
            << pad_label(tr("Repeats")) << recurrence_text(s.rrule) << (s.rrule.empty() ? "" : "  [" + s.rrule + "]")
            << '\n'
            << pad_label(tr("Valid")) << (validity(s).empty() ? tr("always") : validity(s)) << '\n'
            << pad_label(tr("Level")) << level_text(s.level) << '\n'
            << pad_label(tr("State")) << (s.enabled ? tr("on") : tr("off")) << '\n'
            << pad_label(tr("Except")) << exceptions << '\n';
}

void run_set_enabled(Context& context, std::int64_t id, bool enabled) {
  auto stored = require_slot(context, id);
  store::SlotStore(context.db()).set_enabled(id, enabled);
  if (context.json)
    print_json(slot_json(*store::SlotStore(context.db()).find(id), programme_name(context, stored.slot.programme_id)));
  else
    std::cout << (enabled ? trf("Slot {} is on.", id) : trf("Slot {} is off; it will not air until enabled.", id))
              << '\n';
}

void run_remove(Context& context, std::int64_t id) {
  require_slot(context, id);
  store::SlotStore(context.db()).remove(id);
  if (context.json)
    print_json({{"removed", id}});
  else
    std::cout << trf("Removed slot {}.", id) << '\n';
}

void run_except(Context& context, std::int64_t id, const std::vector<std::string>& dates) {
  require_slot(context, id);
  std::vector<schedules::LocalDate> parsed;
  for (const auto& text : dates) parsed.push_back(schedules::parse_date(text));
  store::SlotStore store(context.db());
  {
    SQLite::Transaction transaction(context.db().sql());
    for (const auto& date : parsed) store.add_exception(id, date);
    transaction.commit();
  }
  auto stored = *store.find(id);
  if (context.json) {
    print_json(slot_json(stored, programme_name(context, stored.slot.programme_id)));
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
