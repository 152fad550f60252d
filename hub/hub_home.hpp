#pragma once
// The hub's home: hub.db (SQLite, WAL), master.key (the key that seals station keys) and
// mandates/ (the district bulletins' audio).
// Found by the station's rule (common/home.hpp) with the hub's own names: --home DIR, else
// $LOAXA_HUB_HOME, else systemd's $STATE_DIRECTORY (the service), else /var/lib/loaxa-hub
// when it exists (the service is installed), else ~/.local/share/loaxa-hub.

#include "common/home.hpp"

#include <filesystem>
#include <optional>

namespace loaxa::hub {

inline const std::filesystem::path kSystemHubHome{"/var/lib/loaxa-hub"};

struct HubHome {
  std::filesystem::path root;
  HomeSource source = HomeSource::option;
  std::filesystem::path database() const { return root / "hub.db"; }
  std::filesystem::path master_key() const { return root / "master.key"; }
  // The district bulletins' audio, content-addressed: mandates/<sha256> (docs/MANDATES.md).
  std::filesystem::path mandates() const { return root / "mandates"; }
};

HubHome resolve_hub_home(const std::optional<std::filesystem::path>& option,
                         const std::filesystem::path& system_home = kSystemHubHome);

// Creates the home when missing, mode 0700 (it holds the master key). Throws
// std::runtime_error with an operator message when it cannot.
void ensure_hub_home(const HubHome& home);

}  // namespace loaxa::hub
