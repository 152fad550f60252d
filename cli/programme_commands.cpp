// loaxa programme add|edit|list|show|remove

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "station/programmes.hpp"
#include "wording/schedule_messages.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace loaxa::cli {

using wording::describe;
using wording::item_kind_text;
namespace {

struct AddOptions {
  std::string name;
  std::vector<std::string> items;
};

nlohmann::json programme_json(const schedules::Programme& programme, std::int64_t planned_ms) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : programme.items) items.push_back(schedules::format_programme_item(item));
  return {{"id", programme.id}, {"name", programme.name}, {"items", items}, {"planned_ms", planned_ms}};
}

void run_add(Context& context, const AddOptions& options) {
  const auto added = station::add_programme(context.station(), options.name, options.items);
  for (const auto& warning : added.warnings) std::cerr << tr("Warning: ") << describe(warning) << '\n';
  const auto& programme = added.programme;
  if (context.json)
    print_json(programme_json(programme, added.longest_ms));
  else
    std::cout << trf("Added programme {} \"{}\": {} items, at most {}.", programme.id, programme.name,
                     programme.items.size(), display_duration(added.longest_ms))
              << '\n';
}

void run_edit(Context& context, const AddOptions& options) {
  const auto edited = station::set_programme_items(context.station(), options.name, options.items);
  for (const auto& warning : edited.warnings) std::cerr << tr("Warning: ") << describe(warning) << '\n';
  const auto& programme = edited.programme;
  if (context.json)
    print_json(programme_json(programme, edited.longest_ms));
  else
    std::cout << trf("Programme {} \"{}\" now has {} items, at most {}.", programme.id, programme.name,
                     programme.items.size(), display_duration(edited.longest_ms))
              << '\n';
}

void run_list(Context& context) {
  const auto programmes = station::list_programmes(context.station());
  if (context.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : programmes) out.push_back(programme_json(p.programme, p.today_ms));
    print_json(out);
    return;
  }
  if (programmes.empty()) {
    std::cout << tr("No programmes yet. Add one with: loaxa programme add NAME --item segment:ID") << '\n';
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : programmes) {
    std::string items;
    for (const auto& item : p.programme.items) {
      items += (items.empty() ? "" : " ") + schedules::format_programme_item(item);
    }
    rows.push_back({std::to_string(p.programme.id), p.programme.name, display_duration(p.today_ms), items});
  }
  print_table({tr("ID"), tr("Name"), tr("Duration"), tr("Items")}, rows);
}

void run_show(Context& context, const std::string& key) {
  const auto today = station::programme_today(context.station(), key);
  const auto& programme = today.programme;
  const auto& planned = today.items;
  if (context.json) {
    auto out = programme_json(programme, schedules::total_ms(planned));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : planned) {
      items.push_back(
          {{"kind", schedules::to_string(item.kind)},
           {"segment_id", item.segment_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.segment_id)},
           {"title", item.title},
           {"planned_ms", item.planned_ms},
           {"skipped", item.skipped ? nlohmann::json(schedules::to_string(*item.skipped)) : nlohmann::json(nullptr)}});
    }
    out["today"] = items;
    print_json(out);
    return;
  }
  std::cout << pad_label(tr("Programme")) << programme.id << " \"" << programme.name << "\"\n";
  std::cout << pad_label(tr("Duration")) << display_duration(schedules::total_ms(planned)) << '\n';
  std::cout << trf("If it aired today ({}):", display_date(today.date)) << '\n';
  std::vector<std::vector<std::string>> rows;
  for (const auto& item : planned) {
    rows.push_back({item_kind_text(item.kind), item.segment_id, display_duration(item.planned_ms),
                    item.skipped ? trf("skipped: {}", describe(*item.skipped)) : "", item.title});
  }
  print_table({tr("Kind"), tr("Segment"), tr("Duration"), tr("Note"), tr("Title")}, rows);
}

void run_remove(Context& context, const std::string& key) {
  const auto programme = station::remove_programme(context.station(), key);
  if (context.json)
    print_json({{"removed", programme.id}});
  else
    std::cout << trf("Removed programme {} \"{}\".", programme.id, programme.name) << '\n';
}

}  // namespace

void add_programme_commands(CLI::App& app, Context& context, Outcome&) {
  auto* programme = app.add_subcommand("programme", tr("programmes: ordered items that air together"));
  programme->require_subcommand(1);

  auto add_options = std::make_shared<AddOptions>();
  auto* add = programme->add_subcommand("add", tr("add a programme"));
  add->add_option("name", add_options->name, tr("programme name"))->required();
  add->add_option("--item", add_options->items,
                  tr("segment:ID, jingle:ID, rotate:CATEGORY:N or relay:SOURCE:DURATION (in order)"))
      ->required();
  add->callback([&context, add_options] { run_add(context, *add_options); });

  auto edit_options = std::make_shared<AddOptions>();
  auto* edit = programme->add_subcommand("edit", tr("replace a programme's items, in order"));
  edit->add_option("programme", edit_options->name, tr("programme name or ID"))->required();
  edit->add_option("items", edit_options->items,
                   tr("segment:ID, jingle:ID, rotate:CATEGORY:N or relay:SOURCE:DURATION (in order)"))
      ->required();
  edit->callback([&context, edit_options] { run_edit(context, *edit_options); });

  auto* list = programme->add_subcommand("list", tr("list programmes"));
  list->callback([&context] { run_list(context); });

  auto key = std::make_shared<std::string>();
  auto* show = programme->add_subcommand("show", tr("show a programme and what it would air today"));
  show->add_option("programme", *key, tr("programme name or ID"))->required();
  show->callback([&context, key] { run_show(context, *key); });

  auto* remove = programme->add_subcommand("remove", tr("remove a programme no slot uses"));
  remove->add_option("programme", *key, tr("programme name or ID"))->required();
  remove->callback([&context, key] { run_remove(context, *key); });
}

}  // namespace loaxa::cli
