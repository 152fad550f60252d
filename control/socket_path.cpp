#include "control/socket_path.hpp"

#include <cstdlib>
#include <system_error>

namespace loaxa::control {

std::filesystem::path socket_path(const Home& home, const std::optional<std::string>& runtime_directory,
                                  const std::filesystem::path& system_home) {
  if (runtime_directory && !runtime_directory->empty()) {
    // systemd separates several RuntimeDirectory= entries with ':'.
    return std::filesystem::path(runtime_directory->substr(0, runtime_directory->find(':'))) / kSocketName;
  }
  std::error_code ec;
  if (home.shared() || std::filesystem::equivalent(home.root, system_home, ec)) {
    return kSystemRuntimeDirectory / kSocketName;
  }
  return home.root / kSocketName;
}

std::filesystem::path socket_path(const Home& home) {
  std::optional<std::string> runtime;
  if (const char* value = std::getenv("RUNTIME_DIRECTORY"); value != nullptr) runtime = value;
  return socket_path(home, runtime);
}

}  // namespace loaxa::control
