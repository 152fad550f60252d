#include "hub/command_support.hpp"

#include "common/i18n.hpp"
#include "common/text_width.hpp"
#include "schedules/civil_time.hpp"
#include "schedules/time_zone.hpp"
#include "store/category_store.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

namespace loaxa::hub::cli {

std::unique_ptr<Clock> hub_clock() {
  const char* value = std::getenv("LOAXA_NOW");
  if (value == nullptr || *value == '\0') return std::make_unique<SystemClock>();
  std::string text = value;
  const bool utc = text.back() == 'Z';
  if (utc) text.pop_back();
  try {
    const auto local = schedules::parse_date_time(text);
    const Instant at = utc ? Instant{std::chrono::duration_cast<std::chrono::milliseconds>(local.time_since_epoch())}
                           : schedules::TimeZone(schedules::TimeZone::default_name).to_utc(local);
    return std::make_unique<OffsetClock>(at);
  } catch (const std::exception&) {
    throw std::runtime_error(trf("LOAXA_NOW='{}' is not a time. Write YYYY-MM-DDTHH:MM, or add Z for UTC.", value));
  }
}

void match_home_owner(const HubHome& home) {
  if (::geteuid() != 0) return;
  struct stat root_stat {};
  if (::stat(home.root.c_str(), &root_stat) != 0 || root_stat.st_uid == 0) return;
  std::vector<std::filesystem::path> files{home.database(), home.master_key(), home.root / "hub.db-wal",
                                           home.root / "hub.db-shm", home.mandates()};
  // The district bulletins' audio, which the service serves to the stations.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(home.mandates(), ec)) files.push_back(entry.path());
  for (const auto& file : files) {
    struct stat st {};
    if (::lstat(file.c_str(), &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) && st.st_uid == 0) {
      if (::lchown(file.c_str(), root_stat.st_uid, root_stat.st_gid) != 0) {
        throw std::runtime_error(trf("Cannot give {} to the hub service's user.", file.string()));
      }
    }
  }
}

Opened open_hub(const std::optional<std::filesystem::path>& home) {
  Opened opened{resolve_hub_home(home), nullptr};
  ensure_hub_home(opened.home);
  try {
    opened.store = std::make_unique<SqliteHubStore>(opened.home.database());
  } catch (const std::exception& e) {
    throw std::runtime_error(trf("Cannot open the hub database {}: {}", opened.home.database().string(), e.what()));
  }
  match_home_owner(opened.home);
  return opened;
}

Station require_station(HubStore& store, const std::string& id) {
  auto station = store.find_station(id);
  if (!station)
    throw std::runtime_error(trf("There is no station '{}' on this hub (see: loaxa-hub station list).", id));
  return *station;
}

std::string category_code(const std::string& text) {
  const auto code = store::normalize_category_code(text);
  if (!code) {
    throw std::runtime_error(
        trf("'{}' is not a category code: write 1 to 16 letters or digits starting with a letter, e.g. CDS.", text));
  }
  return *code;
}

bool group_exists(HubStore& store, const std::string& group) {
  const auto stations = store.stations();
  return std::any_of(stations.begin(), stations.end(), [&](const Station& s) { return s.group == group; });
}

void print_aligned(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(headers.size());
  for (std::size_t c = 0; c < headers.size(); ++c) {
    widths[c] = display_width(headers[c]);
    for (const auto& row : rows) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  const auto print = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size(); ++c)
      std::cout << (c + 1 == row.size() ? row[c] : pad_right(row[c], widths[c]) + "  ");
    std::cout << '\n';
  };
  print(headers);
  for (const auto& row : rows) print(row);
}

}  // namespace loaxa::hub::cli
