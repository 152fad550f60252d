// loaxa user add|list|remove|passwd|role: who may sign in to the station console (the web
// page loaxad serves). The password is read as loaxa-hub reads it (common/password_prompt);
// the rules are station/users.hpp's. Every refusal is checked before the password is asked
// for, where it can be, and nothing is written on any refusal.

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/i18n.hpp"
#include "common/password_prompt.hpp"
#include "station/error.hpp"
#include "station/users.hpp"
#include "web/session_rules.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace loaxa::cli {
namespace {

using station::UserRole;
using Kind = station::StationError::Kind;

std::string role_text(UserRole role) {
  return role == UserRole::operator_ ? tr("operator") : tr("viewer");
}

UserRole role_option(const std::string& text) {
  const auto role = station::parse_user_role(text);
  if (!role) {
    throw std::runtime_error(
        trf("'{}' is not a role: use operator (may change the station) or viewer (may only look).", text));
  }
  return *role;
}

// "05/02/2027 05:30" in the station's zone.
std::string local_minute_text(Instant at, const schedules::TimeZone& zone) {
  const auto local = zone.to_local(at);
  const auto date = schedules::date_of(local);
  std::chrono::hh_mm_ss clock{local - std::chrono::floor<std::chrono::days>(local)};
  return fmt::format("{:02}/{:02}/{:04} {:02}:{:02}", unsigned(date.day()), unsigned(date.month()), int(date.year()),
                     clock.hours().count(), clock.minutes().count());
}

nlohmann::json user_json(const station::User& user, int sessions) {
  return {{"name", user.name},
          {"role", station::to_string(user.role)},
          {"created_at", iso_utc(user.created_at)},
          {"password_changed_at", iso_utc(user.password_changed_at)},
          {"sessions", sessions}};
}

void run_add(Context& context, const std::string& name, const std::string& role_text_given) {
  const auto role = role_option(role_text_given);
  station::check_user_name(name);
  auto& this_station = context.station();
  if (station::find_user(this_station, name)) throw station::StationError(Kind::user_exists, 0, name);
  const auto password = read_new_password();
  const auto user = station::add_user(this_station, name, role, password);
  if (context.json) {
    print_json(user_json(user, 0));
  } else {
    std::cout << trf("Added user {}, role: {}.", user.name, role_text(user.role)) << '\n';
  }
}

void run_list(Context& context) {
  auto& this_station = context.station();
  // The sessions counted are the open ones: those ended (web/session_rules.hpp) go first.
  const auto now = this_station.clock().now();
  const web::SessionPolicy policy;
  station::remove_sessions_ended(this_station, now - policy.absolute, now - policy.idle);
  const auto users = station::list_users(this_station);
  if (context.json) {
    auto list = nlohmann::json::array();
    for (const auto& user : users) list.push_back(user_json(user, station::session_count(this_station, user.name)));
    print_json(list);
    return;
  }
  if (users.empty()) {
    std::cout << tr("No user yet: add one with loaxa user add NAME [--role operator|viewer]") << '\n';
    return;
  }
  const auto& zone = this_station.zone();
  std::vector<std::vector<std::string>> rows;
  for (const auto& user : users) {
    rows.push_back({user.name, role_text(user.role), local_minute_text(user.created_at, zone),
                    local_minute_text(user.password_changed_at, zone),
                    std::to_string(station::session_count(this_station, user.name))});
  }
  print_table({tr("user"), tr("role"), tr("created"), tr("password changed"), tr("sessions")}, rows);
}

void run_remove(Context& context, const std::string& name) {
  station::remove_user(context.station(), name);
  std::cout << trf("User {} removed; their sessions have ended.", name) << '\n';
}

void run_passwd(Context& context, const std::string& name) {
  auto& this_station = context.station();
  if (!station::find_user(this_station, name)) {
    throw station::StationError(Kind::no_such_user, 0, name);
  }
  const auto password = read_new_password();
  station::set_password(this_station, name, password);
  std::cout << trf("The password of {} is changed; their sessions have ended.", name) << '\n';
}

void run_role(Context& context, const std::string& name, const std::string& role_text_given) {
  const auto role = role_option(role_text_given);
  auto& this_station = context.station();
  const auto before = station::find_user(this_station, name);
  if (!before) throw station::StationError(Kind::no_such_user, 0, name);
  if (before->role == role) {
    std::cout << trf("User {} already has the role: {}.", name, role_text(role)) << '\n';
    return;
  }
  station::set_role(this_station, name, role);
  std::cout << trf("User {} now has the role: {}.", name, role_text(role)) << '\n';
}

}  // namespace

void add_user_commands(CLI::App& app, Context& context, Outcome&) {
  auto* user = app.add_subcommand("user", tr("the station console's users: who may sign in to its web page"));
  user->require_subcommand(1);

  auto name = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>("operator");

  auto* add = user->add_subcommand("add", tr("add a user (the password is asked twice)"));
  add->add_option("name", *name, tr("user name"))->required();
  add->add_option("--role", *role, tr("operator (the default: may change the station) or viewer (may only look)"));
  add->callback([&context, name, role] { run_add(context, *name, *role); });

  auto* list = user->add_subcommand("list", tr("list the users"));
  list->callback([&context] { run_list(context); });

  auto* remove = user->add_subcommand("remove", tr("remove a user and end their sessions"));
  remove->add_option("name", *name, tr("user name"))->required();
  remove->callback([&context, name] { run_remove(context, *name); });

  auto* passwd = user->add_subcommand("passwd", tr("change a user's password and end their sessions"));
  passwd->add_option("name", *name, tr("user name"))->required();
  passwd->callback([&context, name] { run_passwd(context, *name); });

  auto* role_cmd = user->add_subcommand("role", tr("change a user's role"));
  role_cmd->add_option("name", *name, tr("user name"))->required();
  role_cmd->add_option("role", *role, tr("operator or viewer"))->required();
  role_cmd->callback([&context, name, role] { run_role(context, *name, *role); });
}

}  // namespace loaxa::cli
