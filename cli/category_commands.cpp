// loaxa category list|add

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/i18n.hpp"
#include "store/category_store.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace loaxa::cli {
namespace {

void run_list(Context& context) {
  auto categories = store::CategoryStore(context.db()).list();
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
  auto code = store::normalize_category_code(code_text);
  if (!code) {
    throw std::runtime_error(
        trf("'{}' is not a category code: use 1 to 16 letters A-Z or digits, starting with a letter (e.g. ANTT).",
            code_text));
  }
  if (name.find_first_not_of(" \t") == std::string::npos) {
    throw std::runtime_error(tr("The category name must not be empty."));
  }
  store::CategoryStore categories(context.db());
  if (!categories.add({*code, name})) {
    throw std::runtime_error(trf("Category {} already exists. See: loaxa category list", *code));
  }
  if (context.json)
    print_json({{"code", *code}, {"name", name}});
  else
    std::cout << trf("Added category {}: {}.", *code, name) << '\n';
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
