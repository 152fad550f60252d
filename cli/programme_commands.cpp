// loaxa programme add|list|show|remove

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/programme_lookup.hpp"
#include "cli/schedule_messages.hpp"
#include "cli/station_clock.hpp"
#include "common/clock.hpp"
#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "schedules/programme_plan.hpp"
#include "store/category_store.hpp"
#include "store/programme_store.hpp"
#include "store/schedule_snapshot.hpp"
#include "store/segment_store.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace loaxa::cli {
namespace {

struct AddOptions {
  std::string name;
  std::vector<std::string> items;
};

// Every referenced segment and category must exist now; approval and dates only warn,
// because a programme is often built before its bulletins are approved.
void check_references(Context& context, const std::vector<schedules::ProgrammeItem>& items) {
  store::SegmentStore segments(context.db());
  store::CategoryStore categories(context.db());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    if (item.kind == schedules::ItemKind::segment || item.kind == schedules::ItemKind::jingle) {
      auto id = std::strtoll(item.segment_id.c_str(), nullptr, 10);
      if (id <= 0 || std::to_string(id) != item.segment_id || !segments.find(id)) {
        throw std::runtime_error(trf("Item {} ({}): there is no segment {}. See: loaxa segment list", i + 1,
                                     schedules::format_programme_item(item), item.segment_id));
      }
    } else if (item.kind == schedules::ItemKind::rotate && !categories.find(item.category)) {
      throw std::runtime_error(trf("Item {} ({}): unknown category '{}'. See: loaxa category list", i + 1,
                                   schedules::format_programme_item(item), item.category));
    }
  }
}

std::vector<schedules::ProgrammeItem> parse_items(const std::vector<std::string>& texts) {
  std::vector<schedules::ProgrammeItem> items;
  for (const auto& text : texts) {
    auto item = schedules::parse_programme_item(text);
    if (item.kind == schedules::ItemKind::rotate) {
      if (auto code = store::normalize_category_code(item.category)) item.category = *code;
    }
    items.push_back(std::move(item));
  }
  return items;
}

nlohmann::json programme_json(const schedules::Programme& programme, std::int64_t planned_ms) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : programme.items) items.push_back(schedules::format_programme_item(item));
  return {{"id", programme.id}, {"name", programme.name}, {"items", items}, {"planned_ms", planned_ms}};
}

void run_add(Context& context, const AddOptions& options) {
  const std::string name = options.name;
  if (name.find_first_not_of(" \t") == std::string::npos)
    throw std::runtime_error(tr("The programme name must not be empty."));
  auto items = parse_items(options.items);
  check_references(context, items);

  schedules::TimeZone zone(context.config().time_zone);
  auto now = station_now(context.clock(), zone);
  auto catalogue = store::load_catalogue(context.db());
  schedules::Programme programme{0, name, items};
  auto planned = schedules::longest_length_ms(programme, catalogue);
  schedules::check_programme_length(name, planned, context.config().max_session_minutes);

  store::ProgrammeStore programmes(context.db());
  if (programmes.find_by_name(name)) {
    throw std::runtime_error(trf("A programme named \"{}\" already exists. See: loaxa programme list", name));
  }
  programme.id = programmes.add(name, items, iso_utc(context.clock().now()));

  for (const auto& warning : schedules::validate_programme(programme, catalogue, now.today)) {
    std::cerr << tr("Warning: ") << describe(warning) << '\n';
  }
  if (context.json)
    print_json(programme_json(programme, planned));
  else
    std::cout << trf("Added programme {} \"{}\": {} items, at most {}.", programme.id, name, items.size(),
                     format_duration(planned))
              << '\n';
}

void run_list(Context& context) {
  schedules::TimeZone zone(context.config().time_zone);
  auto now = station_now(context.clock(), zone);
  auto catalogue = store::load_catalogue(context.db());
  auto programmes = store::ProgrammeStore(context.db()).list();
  if (context.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : programmes) {
      out.push_back(programme_json(p, schedules::planned_length_ms(p, catalogue, now.today, now.utc)));
    }
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
    for (const auto& item : p.items) items += (items.empty() ? "" : " ") + schedules::format_programme_item(item);
    rows.push_back({std::to_string(p.id), p.name,
                    format_duration(schedules::planned_length_ms(p, catalogue, now.today, now.utc)), items});
  }
  print_table({tr("ID"), tr("Name"), tr("Duration"), tr("Items")}, rows);
}

void run_show(Context& context, const std::string& key) {
  auto programme = require_programme(context, key);
  schedules::TimeZone zone(context.config().time_zone);
  auto now = station_now(context.clock(), zone);
  auto catalogue = store::load_catalogue(context.db());
  schedules::RotationState rotation;
  auto planned = schedules::plan_programme(programme, catalogue, now.today, now.utc, rotation);
  if (context.json) {
    auto out = programme_json(programme, schedules::total_ms(planned));
    nlohmann::json today = nlohmann::json::array();
    for (const auto& item : planned) {
      today.push_back(
          {{"kind", schedules::to_string(item.kind)},
           {"segment_id", item.segment_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.segment_id)},
           {"title", item.title},
           {"planned_ms", item.planned_ms},
           {"skipped", item.skipped ? nlohmann::json(schedules::to_string(*item.skipped)) : nlohmann::json(nullptr)}});
    }
    out["today"] = today;
    print_json(out);
    return;
  }
  std::cout << pad_label(tr("Programme")) << programme.id << " \"" << programme.name << "\"\n";
  std::cout << pad_label(tr("Duration")) << format_duration(schedules::total_ms(planned)) << '\n';
  std::cout << trf("If it aired today ({}):", display_date(now.today)) << '\n';
  std::vector<std::vector<std::string>> rows;
  for (const auto& item : planned) {
    rows.push_back({item_kind_text(item.kind), item.segment_id, format_duration(item.planned_ms),
                    item.skipped ? trf("skipped: {}", describe(*item.skipped)) : "", item.title});
  }
  print_table({tr("Kind"), tr("Segment"), tr("Duration"), tr("Note"), tr("Title")}, rows);
}

void run_remove(Context& context, const std::string& key) {
  auto programme = require_programme(context, key);
  try {
    store::ProgrammeStore(context.db()).remove(programme.id);
  } catch (const SQLite::Exception& e) {
    if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY) {
      throw std::runtime_error(
          trf("Programme \"{}\" is used by a slot; remove the slot first (loaxa slot list).", programme.name));
    }
    throw;
  }
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
