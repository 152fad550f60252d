#include "common/home.hpp"

#include "common/i18n.hpp"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace loaxa {
namespace {

const char* non_empty_env(const char* name) {
  const char* value = std::getenv(name);
  return (value != nullptr && *value != '\0') ? value : nullptr;
}

}  // namespace

Home resolve_home(const std::optional<std::filesystem::path>& option) {
  // Absolute, so messages and stored paths mean the same from any working directory.
  if (option) return Home{std::filesystem::absolute(*option)};
  if (const char* env = non_empty_env("LOAXA_HOME")) return Home{env};
  // The system service: systemd names the state directory (StateDirectory=loaxa) or, for a
  // unit without one running as root, the conventional place.
  if (const char* state = non_empty_env("STATE_DIRECTORY")) {
    return Home{std::string(state).substr(0, std::string(state).find(':'))};
  }
  if (non_empty_env("INVOCATION_ID") != nullptr && ::geteuid() == 0) return Home{"/var/lib/loaxa"};
  if (const char* data = non_empty_env("XDG_DATA_HOME")) return Home{std::filesystem::path(data) / "loaxa"};
  if (const char* user_home = non_empty_env("HOME")) {
    return Home{std::filesystem::path(user_home) / ".local" / "share" / "loaxa"};
  }
  return Home{"/var/lib/loaxa"};
}

void ensure_home(const Home& home) {
  std::error_code ec;
  std::filesystem::create_directories(home.segments(), ec);
  if (ec) {
    throw std::runtime_error(trf("Cannot create the station folder {}: {}", home.root.string(), ec.message()));
  }
}

}  // namespace loaxa
