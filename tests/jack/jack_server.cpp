#include "jack_server.hpp"

#include <jack/jack.h>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

namespace loaxa::test {
namespace {

std::atomic<int> servers_started{0};

void quiet(const char*) {}

// Whether a client can connect to the server `name` now.
bool accepts_clients(const std::string& name) {
  jack_status_t status{};
  jack_client_t* client = jack_client_open(
      "loaxa-probe", static_cast<jack_options_t>(JackNoStartServer | JackServerName), &status, name.c_str());
  if (client == nullptr) return false;
  jack_client_close(client);
  return true;
}

}  // namespace

JackServer::JackServer(int period_frames, int sample_rate, bool realtime)
    : name_("loaxa-test-" + std::to_string(getpid()) + "-" + std::to_string(servers_started.fetch_add(1))),
      period_(period_frames),
      rate_(sample_rate),
      realtime_(realtime) {
  // libjack prints every failed connection attempt; the start-up probes below fail by design.
  jack_set_error_function(quiet);
  jack_set_info_function(quiet);
  start();
}

void JackServer::start() {
  if (pid_ > 0) return;
  const std::string rate = std::to_string(rate_);
  const std::string period = std::to_string(period_);
  // "-r" before the driver: no realtime scheduling; "-R": realtime (jackd's default).
  std::vector<const char*> argv{"jackd", "-n",         name_.c_str(), realtime_ ? "-R" : "-r", "-d",   "dummy",
                                "-r",    rate.c_str(), "-p",          period.c_str(),          nullptr};
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed for jackd");
  if (pid_ == 0) {
    // The server dies with the test process, however that ends.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, STDOUT_FILENO);
    execvp("jackd", const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  // jackd says nothing machine-readable when it is ready: try to connect, briefly apart.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    int wstatus = 0;
    if (waitpid(pid_, &wstatus, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("jackd exited at start (server " + name_ + ")");
    }
    if (accepts_clients(name_)) return;
    if (std::chrono::steady_clock::now() > deadline) {
      stop();
      throw std::runtime_error("jackd did not accept clients within 10 s (server " + name_ + ")");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

JackServer::~JackServer() {
  stop();
}

void JackServer::stop() noexcept {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int wstatus = 0;
  while (waitpid(pid_, &wstatus, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &wstatus, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
}

}  // namespace loaxa::test
