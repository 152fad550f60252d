#pragma once
// One commune station as its front ends (the CLI, the daemon, the console) see it: its home,
// settings, database, time zone and clock. The use cases in station/*.hpp take a Station.
//
// Thread safety: one Station per thread (it owns a Database connection). Opening is lazy:
// the home is created and the database opened at the first call that needs them, so
// `loaxa --help` touches no files.

#include "common/clock.hpp"
#include "common/home.hpp"
#include "config/config.hpp"
#include "schedules/civil_time.hpp"
#include "schedules/time_zone.hpp"
#include "store/database.hpp"

#include <memory>
#include <optional>

namespace loaxa::station {

// "Now" as the station sees it: read once, shown in the station's zone, never the machine's.
struct Now {
  schedules::UtcTime utc;
  schedules::LocalDateTime local;
  schedules::LocalDate today;
};

class Station {
 public:
  // `clock`: nullptr means clock_from_environment() with the station's zone.
  explicit Station(Home home, std::unique_ptr<Clock> clock = nullptr);
  ~Station();
  Station(const Station&) = delete;
  Station& operator=(const Station&) = delete;

  const Home& home() const noexcept { return home_; }
  // Throws ConfigError for a broken loaxa.toml.
  const Config& config();
  // Creates the home (and a default loaxa.toml) on first use, then opens and migrates the
  // database. Throws std::runtime_error with an operator message, store::BusyError.
  store::Database& db();
  const schedules::TimeZone& zone();
  const Clock& clock();
  Now now();

 private:
  Home home_;
  std::unique_ptr<Clock> clock_;
  std::optional<Config> config_;
  std::optional<schedules::TimeZone> zone_;
  std::unique_ptr<store::Database> db_;
};

// The clock a front end runs on: the machine's, or the one LOAXA_NOW sets
// ("2027-02-01T05:00" in the station's zone, or with a trailing Z in UTC), running on from
// there. An operator reproducing a problem, and the tests, set it. Throws std::runtime_error
// naming LOAXA_NOW when the text is not a time.
std::unique_ptr<Clock> clock_from_environment(const schedules::TimeZone& zone);

}  // namespace loaxa::station
