// loaxa category list|add

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/i18n.hpp"
#include "station/catalogue.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace loaxa::cli {
namespace {

void run_list(Context& context) {
  auto categories = station::list_categories(context.station());
  if (context.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : categories) out.push_back({{"code", c.code}, {"name", c.name}});
    print_json(out);
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : categories) rows.push_back({c.code, c.name});
  print_table({tr("Code"), tr("Name")}, rows);
}

void run_add(Context& context, const std::string& code_text, const std::string& name) {
  const auto category = station::add_category(context.station(), code_text, name);
  if (context.json)
    print_json({{"code", category.code}, {"name", category.name}});
  else
    std::cout << trf("Added category {}: {}.", category.code, category.name) << '\n';
}

}  // namespace

void add_category_commands(CLI::App& app, Context& context, Outcome&) {
  auto* category = app.add_subcommand("category", tr("categories (CDS, CCHC, …)"));
  category->require_subcommand(1);

  auto* list = category->add_subcommand("list", tr("list categories"));
  list->callback([&context] { run_list(context); });

  auto code = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  auto* add = category->add_subcommand("add", tr("add a category"));
  add->add_option("code", *code, tr("short code, e.g. ANTT"))->required();
  add->add_option("--name", *name, tr("full name, e.g. \"An ninh trật tự\""))->required();
  add->callback([&context, code, name] { run_add(context, *code, *name); });
}

}  // namespace loaxa::cli
