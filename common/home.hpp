#pragma once
// The station's home directory: loaxa.db, segments/ and loaxa.toml live there.
//
// One station per PC: the operator's CLI, the console and the service find the same home by
// the same rule (resolve_home), so they never look at different stations.

#include <filesystem>
#include <optional>

namespace loaxa {

// How the home was chosen, for `loaxa status` and messages.
enum class HomeSource {
  option,       // --home DIR
  environment,  // $LOAXA_HOME
  service,      // systemd's $STATE_DIRECTORY, or a root unit without one
  system,       // the installed service's home, found by an operator's command
  personal,     // ~/.local/share/loaxa: a personal station, no service installed
};
const char* to_string(HomeSource source) noexcept;

struct Home {
  std::filesystem::path root;
  HomeSource source = HomeSource::option;

  std::filesystem::path database() const { return root / "loaxa.db"; }
  std::filesystem::path segments() const { return root / "segments"; }
  std::filesystem::path config() const { return root / "loaxa.toml"; }
  // Shared by the service and the operators of the `loaxa` group: created group-writable.
  bool shared() const noexcept { return source == HomeSource::service || source == HomeSource::system; }
};

// Where the system service keeps its station (StateDirectory=loaxa).
inline const std::filesystem::path kSystemHome{"/var/lib/loaxa"};

// --home DIR, else $LOAXA_HOME, else the service's own (systemd's $STATE_DIRECTORY, or
// `system_home` for a root unit without one), else `system_home` when it exists (the
// service is installed: an operator gets that station), else ~/.local/share/loaxa
// (XDG_DATA_HOME honoured).
Home resolve_home(const std::optional<std::filesystem::path>& option,
                  const std::filesystem::path& system_home = kSystemHome);

// Creates the home and its segments/ folder if missing; a shared home's folders are made
// 2770 (group loaxa keeps ownership of what is created inside). Throws std::runtime_error
// with an operator message when it cannot.
void ensure_home(const Home& home);

}  // namespace loaxa
