#include "hub/hub_home.hpp"

#include "common/i18n.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace loaxa::hub {
namespace {

const char* non_empty_env(const char* name) {
  const char* value = std::getenv(name);
  return (value != nullptr && *value != '\0') ? value : nullptr;
}

}  // namespace

HubHome resolve_hub_home(const std::optional<std::filesystem::path>& option, const std::filesystem::path& system_home) {
  if (option) return {std::filesystem::absolute(*option), HomeSource::option};
  if (const char* env = non_empty_env("LOAXA_HUB_HOME"))
    return {std::filesystem::absolute(env), HomeSource::environment};
  if (const char* state = non_empty_env("STATE_DIRECTORY")) {
    return {std::string(state).substr(0, std::string(state).find(':')), HomeSource::service};
  }
  std::error_code ec;
  if (std::filesystem::is_directory(system_home, ec)) return {system_home, HomeSource::system};
  if (const char* data = non_empty_env("XDG_DATA_HOME")) {
    return {std::filesystem::path(data) / "loaxa-hub", HomeSource::personal};
  }
  if (const char* user_home = non_empty_env("HOME")) {
    return {std::filesystem::path(user_home) / ".local" / "share" / "loaxa-hub", HomeSource::personal};
  }
  return {system_home, HomeSource::system};
}

void ensure_hub_home(const HubHome& home) {
  std::error_code ec;
  const bool made = std::filesystem::create_directories(home.root, ec);
  if (ec || (made && ::chmod(home.root.c_str(), 0700) != 0)) {
    throw std::runtime_error(
        trf("Cannot create the hub folder {}: {}", home.root.string(), ec ? ec.message() : std::string("chmod")));
  }
}

}  // namespace loaxa::hub
