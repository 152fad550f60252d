#pragma once
// The station's home directory: loaxa.db, segments/ and loaxa.toml live there.

#include <filesystem>
#include <optional>

namespace loaxa {

struct Home {
  std::filesystem::path root;

  std::filesystem::path database() const { return root / "loaxa.db"; }
  std::filesystem::path segments() const { return root / "segments"; }
  std::filesystem::path config() const { return root / "loaxa.toml"; }
};

// --home DIR, else $LOAXA_HOME, else under the system service systemd's $STATE_DIRECTORY
// (/var/lib/loaxa with StateDirectory=loaxa; or /var/lib/loaxa for a root unit without it),
// else ~/.local/share/loaxa (XDG_DATA_HOME honoured).
Home resolve_home(const std::optional<std::filesystem::path>& option);

// Creates the home and its segments/ folder if missing. Throws std::runtime_error with an
// operator message when it cannot.
void ensure_home(const Home& home);

}  // namespace loaxa
