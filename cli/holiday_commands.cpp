// loaxa holiday add|list|remove

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "station/slots.hpp"
#include "wording/schedule_text.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace loaxa::cli {

using wording::holiday_added_text;
namespace {

// "05/02/2027" or "2027-02-05..2027-02-10" (either date form on each side).
schedules::Holiday parse_holiday_dates(const std::string& text) {
  schedules::Holiday holiday;
  auto dots = text.find("..");
  holiday.from = schedules::parse_date(text.substr(0, dots));
  holiday.until = dots == std::string::npos ? holiday.from : schedules::parse_date(text.substr(dots + 2));
  return holiday;
}

nlohmann::json holiday_json(const store::StoredHoliday& h) {
  return {{"id", h.id},
          {"from", schedules::format_date(h.holiday.from)},
          {"until", schedules::format_date(h.holiday.until)},
          {"name", h.holiday.name}};
}

void run_add(Context& context, const std::string& dates, const std::string& name) {
  auto holiday = parse_holiday_dates(dates);
  holiday.name = name;
  const auto added = station::add_holiday(context.station(), holiday);
  if (context.json) {
    print_json(holiday_json(added));
    return;
  }
  std::cout << holiday_added_text(added.id, added.holiday) << '\n';
}

void run_list(Context& context) {
  auto holidays = station::list_holidays(context.station());
  if (context.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& h : holidays) out.push_back(holiday_json(h));
    print_json(out);
    return;
  }
  if (holidays.empty()) {
    std::cout << tr("No holidays. Add one with: loaxa holiday add 05/02/2027..10/02/2027 --name \"Tết\"") << '\n';
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& h : holidays) {
    rows.push_back({std::to_string(h.id), display_date(h.holiday.from), display_date(h.holiday.until), h.holiday.name});
  }
  print_table({tr("ID"), tr("From"), tr("Until"), tr("Name")}, rows);
}

void run_remove(Context& context, std::int64_t id) {
  station::remove_holiday(context.station(), id);
  if (context.json)
    print_json({{"removed", id}});
  else
    std::cout << trf("Removed holiday {}.", id) << '\n';
}

}  // namespace

void add_holiday_commands(CLI::App& app, Context& context, Outcome&) {
  auto* holiday = app.add_subcommand("holiday", tr("holidays: days normal slots do not air"));
  holiday->require_subcommand(1);

  auto dates = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  auto* add = holiday->add_subcommand("add", tr("add a holiday or a range of days"));
  add->add_option("dates", *dates, tr("DATE or FROM..UNTIL (dd/mm/yyyy)"))->required();
  add->add_option("--name", *name, tr("name, e.g. \"Tết Nguyên đán\""))->required();
  add->callback([&context, dates, name] { run_add(context, *dates, *name); });

  auto* list = holiday->add_subcommand("list", tr("list holidays"));
  list->callback([&context] { run_list(context); });

  auto id = std::make_shared<std::int64_t>(0);
  auto* remove = holiday->add_subcommand("remove", tr("remove a holiday"));
  remove->add_option("id", *id, tr("holiday ID"))->required();
  remove->callback([&context, id] { run_remove(context, *id); });
}

}  // namespace loaxa::cli
