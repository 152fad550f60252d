#pragma once
// What every command needs: the station (home, database, config, clock) and how to print.
// The station is opened on first use, so `loaxa --help` touches no files.

#include "station/station.hpp"

#include <filesystem>
#include <optional>

namespace loaxa::cli {

class Context {
 public:
  std::optional<std::filesystem::path> home_option;
  bool json = false;

  station::Station& station();

 private:
  std::optional<station::Station> station_;
};

}  // namespace loaxa::cli
