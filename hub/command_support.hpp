#pragma once
// What loaxa-hub's commands share: the hub's "now", opening the home and its store, and
// finding a named station — each refusal an operator message.

#include "common/clock.hpp"
#include "hub/hub_home.hpp"
#include "hub/hub_store.hpp"
#include "hub/sqlite_hub_store.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::hub::cli {

// The hub's "now": the machine's clock, or LOAXA_NOW ("2027-02-01T05:00Z" in UTC, or a wall
// time in Asia/Ho_Chi_Minh without the Z), moving on in real time from there.
// Throws std::runtime_error for a LOAXA_NOW that is not a time.
std::unique_ptr<Clock> hub_clock();

struct Opened {
  HubHome home;
  std::unique_ptr<SqliteHubStore> store;
};

// Resolves, creates when missing and opens the hub's home (`home`: --home). Throws
// std::runtime_error naming the folder or the database.
Opened open_hub(const std::optional<std::filesystem::path>& home);

// Throws std::runtime_error naming the ID when the hub has no such station.
Station require_station(HubStore& store, const std::string& id);

// Categories are free codes on the hub (each station keeps its own catalogue), so any code
// in the station's form is accepted: 1-16 letters and digits, from a letter; "cds" is CDS.
// Throws std::runtime_error naming the text otherwise.
std::string category_code(const std::string& text);

// Whether a station of the hub is in `group`.
bool group_exists(HubStore& store, const std::string& group);

// Prints `rows` under `headers` in columns aligned by display width (Vietnamese diacritics
// count as one column), two spaces apart.
void print_aligned(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows);

// Run as root on the service's home, files a command creates would be root's and unreadable
// by the service's own user: gives them the home's owner (the database, the master key, the
// mandates/ folder and its audio).
void match_home_owner(const HubHome& home);

}  // namespace loaxa::hub::cli
