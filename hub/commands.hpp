#pragma once
// loaxa-hub's commands: what each does once the command line is parsed (main.cpp parses).
// Each returns the exit code: 0 done, 1 refused or failed (the reason on stderr).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace loaxa::hub::cli {

struct Common {
  std::optional<std::filesystem::path> home;
  bool json = false;
};

struct ServeOptions {
  std::string listen = "127.0.0.1:8443";
  std::optional<std::filesystem::path> tls_cert;
  std::optional<std::filesystem::path> tls_key;
  bool allow_plain = false;
  int request_timeout_s = 10;
  int max_connections = 256;
};

struct StationAddOptions {
  std::string id;
  std::string name;
  std::string group;
  std::string url = "https://HUB-ADDRESS:8443";
  std::string ca_file = "/etc/loaxa/hub-ca.pem";
};

int serve(const Common& common, const ServeOptions& options);
int station_add(const Common& common, const StationAddOptions& options);
int station_list(const Common& common);
int station_show(const Common& common, const std::string& id);
int station_disable(const Common& common, const std::string& id);
int station_enable(const Common& common, const std::string& id);
int station_rotate_key(const Common& common, const std::string& id);

// `target set|list|remove`: target_commands.cpp.
struct TargetOptions {
  std::string category;
  std::string per = "month";
  std::optional<std::int64_t> min;
  std::optional<double> min_minutes;
  std::optional<std::string> station;
  std::optional<std::string> group;
};

int target_set(const Common& common, const TargetOptions& options);
int target_list(const Common& common);
int target_remove(const Common& common, const TargetOptions& options);

// `report`: report_commands.cpp. Exactly one of month, quarter, year — or a station with
// from and to, for its plays.
struct ReportOptions {
  std::optional<std::string> month;
  std::optional<std::string> quarter;
  std::optional<std::string> year;
  std::optional<std::string> group;
  std::optional<std::string> category;
  std::optional<std::string> station;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::string format = "table";
  std::optional<std::filesystem::path> out;
  std::string time_zone = "Asia/Ho_Chi_Minh";
  std::optional<std::string> silent_after;
  bool final = false;   // close the month: store its signed snapshot (month_close.hpp)
  bool verify = false;  // check a closed month's snapshot against its signature
};

int report(const Common& common, const ReportOptions& options);

}  // namespace loaxa::hub::cli
