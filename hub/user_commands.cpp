// `loaxa-hub user …`: parses, asks for the password, and hands the rest to the account
// store (sqlite_account_store.hpp) and password_hash.hpp.

#include "hub/user_commands.hpp"

#include "common/i18n.hpp"
#include "common/password_prompt.hpp"
#include "hub/command_support.hpp"
#include "hub/report.hpp"
#include "hub/sqlite_account_store.hpp"
#include "schedules/time_zone.hpp"
#include "web/password_hash.hpp"
#include "web/session_rules.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <stdexcept>

namespace loaxa::hub::cli {
namespace {

constexpr std::size_t kMinPassword = 8;
constexpr std::size_t kMaxPassword = 1024;

// A user name: 1 to 64 of letters, digits, '.', '_', '-' and '@' (an e-mail address works).
bool valid_user_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-' || c == '@';
    if (!ok) return false;
  }
  return true;
}

void require_valid_name(const std::string& name) {
  if (!valid_user_name(name)) {
    throw std::runtime_error(trf("'{}' is not a user name: use 1 to 64 letters, digits, '.', '_', '-' or '@'.", name));
  }
}

// The prompt (common/password_prompt.hpp), then the dashboard's length rule.
std::string read_new_password() {
  const auto first = loaxa::read_new_password();
  if (first.size() < kMinPassword) {
    throw std::runtime_error(trf("A password needs at least {} characters; nothing was changed.", kMinPassword));
  }
  if (first.size() > kMaxPassword) {
    throw std::runtime_error(trf("A password may have at most {} characters; nothing was changed.", kMaxPassword));
  }
  return first;
}

std::string when(Instant at) {
  static const schedules::TimeZone zone(schedules::TimeZone::default_name);
  return display_time(at, zone);
}

}  // namespace

int user_add(const Common& common, const UserOptions& options) {
  require_valid_name(options.name);
  if (options.group && options.group->empty()) {
    throw std::runtime_error(tr("--group needs a group's name; leave it out for a user who sees every station."));
  }
  auto opened = open_hub(common.home);
  SqliteAccountStore accounts(opened.store->database());
  if (accounts.find_user(options.name)) {
    throw std::runtime_error(trf("User '{}' already exists; change its password with: loaxa-hub user passwd {}",
                                 options.name, options.name));
  }
  const auto password = read_new_password();
  const auto now = hub_clock()->now();
  try {
    accounts.add_user({options.name, options.group, web::hash_password(password), now, now});
  } catch (const AccountStoreError&) {
    throw std::runtime_error(trf("User '{}' already exists; change its password with: loaxa-hub user passwd {}",
                                 options.name, options.name));
  }
  std::cout << (options.group ? trf("User {} added: sees the stations of group {}.", options.name, *options.group)
                              : trf("User {} added: sees every station.", options.name))
            << '\n';
  return 0;
}

int user_list(const Common& common) {
  auto opened = open_hub(common.home);
  SqliteAccountStore accounts(opened.store->database());
  // The sessions counted are the open ones: those ended (session_rules.hpp) are forgotten first.
  const auto now = hub_clock()->now();
  const web::SessionPolicy sessions;
  accounts.remove_sessions_ended(now - sessions.absolute, now - sessions.idle);
  const auto users = accounts.users();
  if (common.json) {
    auto list = nlohmann::json::array();
    for (const auto& user : users) {
      list.push_back({{"name", user.name},
                      {"group", user.group ? nlohmann::json(*user.group) : nlohmann::json(nullptr)},
                      {"created_at", iso_utc(user.created_at)},
                      {"password_changed_at", iso_utc(user.password_changed_at)},
                      {"sessions", accounts.session_count(user.name)}});
    }
    std::cout << list.dump(2) << '\n';
    return 0;
  }
  if (users.empty()) {
    std::cout << tr("No user yet: add one with loaxa-hub user add NAME [--group NAME]") << '\n';
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& user : users) {
    rows.push_back({user.name, user.group ? *user.group : std::string(tr("(every station)")), when(user.created_at),
                    when(user.password_changed_at), std::to_string(accounts.session_count(user.name))});
  }
  print_aligned({tr("user"), tr("group"), tr("created"), tr("password changed"), tr("sessions")}, rows);
  return 0;
}

int user_remove(const Common& common, const std::string& name) {
  auto opened = open_hub(common.home);
  SqliteAccountStore accounts(opened.store->database());
  if (!accounts.remove_user(name))
    throw std::runtime_error(trf("There is no user '{}' (see: loaxa-hub user list).", name));
  std::cout << trf("User {} removed; their sessions have ended.", name) << '\n';
  return 0;
}

int user_passwd(const Common& common, const std::string& name) {
  auto opened = open_hub(common.home);
  SqliteAccountStore accounts(opened.store->database());
  if (!accounts.find_user(name))
    throw std::runtime_error(trf("There is no user '{}' (see: loaxa-hub user list).", name));
  const auto password = read_new_password();
  if (!accounts.set_password(name, web::hash_password(password), hub_clock()->now())) {
    throw std::runtime_error(trf("There is no user '{}' (see: loaxa-hub user list).", name));
  }
  std::cout << trf("The password of {} is changed; their sessions have ended.", name) << '\n';
  return 0;
}

void add_user_commands(CLI::App& app, const Common& common, UserOptions& options, std::function<int()>& action) {
  auto* user_cmd = app.add_subcommand("user", tr("the dashboard's users: who may read the report in a browser"));
  user_cmd->require_subcommand(1);
  auto* add_cmd = user_cmd->add_subcommand("add", tr("add a user (the password is asked twice)"));
  add_cmd->add_option("name", options.name, tr("user name"))->required();
  add_cmd->add_option("--group", options.group, tr("the user sees only this group's stations"));
  add_cmd->callback([&] { action = [&] { return user_add(common, options); }; });
  auto* list_cmd = user_cmd->add_subcommand("list", tr("list the users"));
  list_cmd->callback([&] { action = [&] { return user_list(common); }; });
  auto* remove_cmd = user_cmd->add_subcommand("remove", tr("remove a user and end their sessions"));
  remove_cmd->add_option("name", options.name, tr("user name"))->required();
  remove_cmd->callback([&] { action = [&] { return user_remove(common, options.name); }; });
  auto* passwd_cmd = user_cmd->add_subcommand("passwd", tr("change a user's password and end their sessions"));
  passwd_cmd->add_option("name", options.name, tr("user name"))->required();
  passwd_cmd->callback([&] { action = [&] { return user_passwd(common, options.name); }; });
}

}  // namespace loaxa::hub::cli
