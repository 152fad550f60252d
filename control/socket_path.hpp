#pragma once
// Where loaxad listens and the CLI knocks: one rule for both.

#include "common/home.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace loaxa::control {

inline constexpr const char* kSocketName = "loaxad.sock";
// The system service's runtime folder (RuntimeDirectory=loaxa).
inline const std::filesystem::path kSystemRuntimeDirectory{"/run/loaxa"};

// $RUNTIME_DIRECTORY/loaxad.sock when systemd gave the process one (the service itself; the
// first entry when it lists several), else /run/loaxa/loaxad.sock for the system service's
// station (a shared home, or the home /var/lib/loaxa however it was named: an operator's CLI
// finds the service that way), else <home>/loaxad.sock (a personal or test station).
// `runtime_directory` is $RUNTIME_DIRECTORY, passed in so tests need not set the environment.
std::filesystem::path socket_path(const Home& home, const std::optional<std::string>& runtime_directory,
                                  const std::filesystem::path& system_home = kSystemHome);

// The same, reading $RUNTIME_DIRECTORY.
std::filesystem::path socket_path(const Home& home);

}  // namespace loaxa::control
