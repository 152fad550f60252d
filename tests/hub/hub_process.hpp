#pragma once
// A real `loaxa-hub serve` on 127.0.0.1 with a port the system picks, and the loaxa-hub
// program run as an operator would.

#include "support/process.hpp"

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace loaxa::hub::test {

std::string hub_binary();

// `loaxa-hub --home HOME --lang en ARGS…`
loaxa::test::ProcessResult run_hub(const std::filesystem::path& home, std::vector<std::string> args,
                                   const std::string& lang = "en");

// Adds a station and returns its key (64 hex).
std::string add_station(const std::filesystem::path& home, const std::string& id);

class HubProcess {
 public:
  // Starts `loaxa-hub serve --listen 127.0.0.1:0 --home HOME EXTRA…` and waits (up to 10 s)
  // for the line naming its port. Throws std::runtime_error when it does not come.
  HubProcess(const std::filesystem::path& home, const std::vector<std::string>& extra = {});
  ~HubProcess();
  HubProcess(const HubProcess&) = delete;
  HubProcess& operator=(const HubProcess&) = delete;

  unsigned short port() const noexcept { return port_; }
  // SIGTERM, then waits; returns the exit code (-1 if it had to be killed).
  int stop();
  // SIGKILL, then waits: a crash or a power cut.
  void kill_now();

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  unsigned short port_ = 0;
};

}  // namespace loaxa::hub::test
