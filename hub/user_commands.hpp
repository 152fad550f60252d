#pragma once
// `loaxa-hub user add|list|remove|passwd`: the dashboard's users (dashboard.hpp). A
// password is read from the terminal without echo, twice; when standard input is not a
// terminal, from its first two lines (how scripts and tests give it). It is kept as a
// crypto_pwhash string only (password_hash.hpp).

#include "hub/commands.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>

namespace loaxa::hub::cli {

struct UserOptions {
  std::string name;
  std::optional<std::string> group;
};

int user_add(const Common& common, const UserOptions& options);
int user_list(const Common& common);
int user_remove(const Common& common, const std::string& name);
int user_passwd(const Common& common, const std::string& name);

// Adds `user` and its subcommands to `app`; the chosen one is put in `action`. `options`
// and `common` must outlive the parse and the action.
void add_user_commands(CLI::App& app, const Common& common, UserOptions& options, std::function<int()>& action);

}  // namespace loaxa::hub::cli
