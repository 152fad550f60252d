#include "common/home.hpp"

#include "common/i18n.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace loaxa {
namespace {

const char* non_empty_env(const char* name) {
  const char* value = std::getenv(name);
  return (value != nullptr && *value != '\0') ? value : nullptr;
}

// Makes `folder` if missing; a shared one is group-writable with the setgid bit whatever
// the umask, so files made inside by the service or an operator belong to the same group.
void make_folder(const std::filesystem::path& folder, bool shared) {
  std::error_code ec;
  const bool made = std::filesystem::create_directories(folder, ec);
  if (ec) throw std::system_error(ec);
  if (made && shared && ::chmod(folder.c_str(), 02770) != 0) {
    throw std::system_error(errno, std::generic_category());
  }
}

}  // namespace

const char* to_string(HomeSource source) noexcept {
  switch (source) {
    case HomeSource::option:
      return "option";
    case HomeSource::environment:
      return "environment";
    case HomeSource::service:
      return "service";
    case HomeSource::system:
      return "system";
    case HomeSource::personal:
      return "personal";
  }
  return "unknown";
}

Home resolve_home(const std::optional<std::filesystem::path>& option, const std::filesystem::path& system_home) {
  // Absolute, so messages and stored paths mean the same from any working directory.
  if (option) return {std::filesystem::absolute(*option), HomeSource::option};
  if (const char* env = non_empty_env("LOAXA_HOME")) return {std::filesystem::absolute(env), HomeSource::environment};
  // The system service: systemd names the state directory (StateDirectory=loaxa) or, for a
  // unit without one running as root, the conventional place.
  if (const char* state = non_empty_env("STATE_DIRECTORY")) {
    return {std::string(state).substr(0, std::string(state).find(':')), HomeSource::service};
  }
  if (non_empty_env("INVOCATION_ID") != nullptr && ::geteuid() == 0) return {system_home, HomeSource::service};
  std::error_code ec;
  if (std::filesystem::is_directory(system_home, ec)) return {system_home, HomeSource::system};
  if (const char* data = non_empty_env("XDG_DATA_HOME")) {
    return {std::filesystem::path(data) / "loaxa", HomeSource::personal};
  }
  if (const char* user_home = non_empty_env("HOME")) {
    return {std::filesystem::path(user_home) / ".local" / "share" / "loaxa", HomeSource::personal};
  }
  return {system_home, HomeSource::system};
}

void ensure_home(const Home& home) {
  const auto not_in_group = [&home] {
    return std::runtime_error(
        trf("Cannot use the station folder {}: permission denied. Operators of this station "
            "must be in the loaxa group (sudo adduser $USER loaxa, then log in again).",
            home.root.string()));
  };
  try {
    make_folder(home.root, home.shared());
    make_folder(home.segments(), home.shared());
  } catch (const std::system_error& e) {
    if (e.code() == std::errc::permission_denied && home.shared()) throw not_in_group();
    throw std::runtime_error(trf("Cannot create the station folder {}: {}", home.root.string(), e.code().message()));
  }
  // The service's folders exist already; an operator outside its group would otherwise meet
  // a bare "permission denied" from whichever file came first.
  if (home.shared()) {
    for (const auto& folder : {home.root, home.segments()}) {
      if (::access(folder.c_str(), R_OK | W_OK | X_OK) != 0 && errno == EACCES) throw not_in_group();
    }
  }
}

}  // namespace loaxa
