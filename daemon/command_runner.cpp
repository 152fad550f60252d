#include "daemon/command_runner.hpp"

#include <poll.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>

extern char** environ;

namespace loaxa::daemon {
namespace {

CommandResult reaped(int status) {
  if (WIFEXITED(status)) return {CommandResult::Outcome::exited, WEXITSTATUS(status)};
  return {CommandResult::Outcome::killed_by_signal, WIFSIGNALED(status) ? WTERMSIG(status) : 0};
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

CommandResult ProcessRunner::run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  if (argv.empty()) return {CommandResult::Outcome::not_started, EINVAL};
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& word : argv) args.push_back(const_cast<char*>(word.c_str()));
  args.push_back(nullptr);

  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ);
  if (spawned != 0) return {CommandResult::Outcome::not_started, spawned};

  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) return reaped(wait_for(pid));  // an old kernel: wait without a timeout

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool exited = false;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd fd{pidfd, POLLIN, 0};
    const int rc = ::poll(&fd, 1, static_cast<int>(left.count()));
    if (rc > 0) {
      exited = true;
      break;
    }
    if (rc < 0 && errno != EINTR) break;
  }
  ::close(pidfd);
  if (!exited) {
    ::kill(pid, SIGKILL);
    wait_for(pid);
    return {CommandResult::Outcome::timed_out, 0};
  }
  return reaped(wait_for(pid));
}

}  // namespace loaxa::daemon
