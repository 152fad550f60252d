#include "hub_process.hpp"

#include <nlohmann/json.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace loaxa::hub::test {

std::string hub_binary() {
  return std::string(LOAXA_BINARY_DIR) + "/bin/loaxa-hub";
}

loaxa::test::ProcessResult run_hub(const std::filesystem::path& home, std::vector<std::string> args,
                                   const std::string& lang) {
  std::vector<std::string> argv{hub_binary(), "--home", home.string(), "--lang", lang};
  argv.insert(argv.end(), args.begin(), args.end());
  return loaxa::test::run_process(argv);
}

std::string add_station(const std::filesystem::path& home, const std::string& id) {
  const auto result = run_hub(home, {"station", "add", id, "--name", "Xã " + id, "--json"});
  if (result.exit_code != 0) throw std::runtime_error("station add failed: " + result.err);
  return nlohmann::json::parse(result.out)["key"];
}

HubProcess::HubProcess(const std::filesystem::path& home, const std::vector<std::string>& extra) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args{hub_binary(), "--home", home.string(), "--lang",
                                "en",         "serve",  "--listen",    "127.0.0.1:0"};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  out_ = pipe_fds[0];
  std::string seen;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buffer[512];
    const auto got = ::read(out_, buffer, sizeof buffer);
    if (got <= 0) break;
    seen.append(buffer, static_cast<std::size_t>(got));
    // "loaxa-hub: listening on 127.0.0.1 port 40123 (http), home …"
    const auto at = seen.find(" port ");
    if (at != std::string::npos) {
      const auto digits = seen.find_first_not_of("0123456789", at + 6);
      if (digits != std::string::npos && digits > at + 6) {
        port_ = static_cast<unsigned short>(std::stoi(seen.substr(at + 6, digits - at - 6)));
        return;
      }
    }
  }
  stop();
  throw std::runtime_error("loaxa-hub serve did not start: " + seen);
}

int HubProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  int code = -1;
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      pid_ = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  if (out_ >= 0) {
    ::close(out_);
    out_ = -1;
  }
  return code;
}

void HubProcess::kill_now() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  if (out_ >= 0) {
    ::close(out_);
    out_ = -1;
  }
}

HubProcess::~HubProcess() {
  stop();
}

}  // namespace loaxa::hub::test
