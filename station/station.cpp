#include "station/station.hpp"

#include "common/i18n.hpp"
#include "schedules/error.hpp"

#include <SQLiteCpp/Exception.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace loaxa::station {

Station::Station(Home home, std::unique_ptr<Clock> clock) : home_(std::move(home)), clock_(std::move(clock)) {}

Station::~Station() = default;

const Config& Station::config() {
  if (!config_) config_ = load_config(home_.config());
  return *config_;
}

const schedules::TimeZone& Station::zone() {
  if (!zone_) zone_.emplace(config().time_zone);
  return *zone_;
}

const Clock& Station::clock() {
  if (!clock_) clock_ = clock_from_environment(zone());
  return *clock_;
}

Now Station::now() {
  const auto utc = clock().now();
  const auto local = zone().to_local(utc);
  return {utc, local, schedules::date_of(local)};
}

store::Database& Station::db() {
  if (!db_) {
    ensure_home(home_);
    write_default_config(home_.config());
    config();  // a broken loaxa.toml is reported before anything is changed
    try {
      db_ = std::make_unique<store::Database>(home_.database());
    } catch (const SQLite::Exception& e) {
      throw std::runtime_error(trf("Cannot open the database {}: {}", home_.database().string(), e.what()));
    }
  }
  return *db_;
}

std::unique_ptr<Clock> clock_from_environment(const schedules::TimeZone& zone) {
  const char* value = std::getenv("LOAXA_NOW");
  if (value == nullptr || *value == '\0') return std::make_unique<SystemClock>();
  std::string text = value;
  const bool utc = text.back() == 'Z';
  if (utc) text.pop_back();
  try {
    const auto local = schedules::parse_date_time(text);
    const Instant at = utc ? Instant{std::chrono::duration_cast<std::chrono::milliseconds>(local.time_since_epoch())}
                           : zone.to_utc(local);
    return std::make_unique<OffsetClock>(at);
  } catch (const schedules::ScheduleError&) {
    throw std::runtime_error(
        trf("LOAXA_NOW='{}' is not a time. Write YYYY-MM-DDTHH:MM in the station's zone, or add Z for UTC.", value));
  }
}

}  // namespace loaxa::station
