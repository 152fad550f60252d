#pragma once
// What every command needs: the home, its database and config, and how to print.
// The database and config are opened on first use, so `loaxa --help` touches no files.

#include "common/clock.hpp"
#include "common/home.hpp"
#include "config/config.hpp"
#include "store/database.hpp"

#include <filesystem>
#include <memory>
#include <optional>

namespace loaxa::cli {

class Context {
 public:
  std::optional<std::filesystem::path> home_option;
  bool json = false;

  const Home& home();
  // Creates the home with a default loaxa.toml on first use. Throws on error.
  store::Database& db();
  const Config& config();
  // "Now" for this command: the wall clock, or LOAXA_NOW (see station_clock.hpp).
  const Clock& clock();

 private:
  std::optional<Home> home_;
  std::optional<Config> config_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Clock> clock_;
};

}  // namespace loaxa::cli
