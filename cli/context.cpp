#include "cli/context.hpp"

#include "cli/station_clock.hpp"
#include "common/i18n.hpp"

#include <SQLiteCpp/Exception.h>

namespace loaxa::cli {

const Home& Context::home() {
  if (!home_) home_ = resolve_home(home_option);
  return *home_;
}

const Config& Context::config() {
  if (!config_) config_ = load_config(home().config());
  return *config_;
}

const Clock& Context::clock() {
  if (!clock_) clock_ = clock_from_environment(schedules::TimeZone(config().time_zone));
  return *clock_;
}

store::Database& Context::db() {
  if (!db_) {
    ensure_home(home());
    write_default_config(home().config());
    config();  // a broken loaxa.toml is reported before anything is changed
    try {
      db_ = std::make_unique<store::Database>(home().database());
    } catch (const SQLite::Exception& e) {
      throw std::runtime_error(trf("Cannot open the database {}: {}", home().database().string(), e.what()));
    }
  }
  return *db_;
}

}  // namespace loaxa::cli
