#pragma once
// The station as an operator runs it, for the end-to-end test and bench/start_error alike:
// the `loaxa` CLI run to completion (a fresh home, a segment, a programme, one-off slots)
// and `loaxad` as a background process that can be killed like a power cut would.
//
// Thread safety: one thread. Throws std::runtime_error when a program cannot be started
// (and run_loaxa when the CLI exits non-zero, with its stderr).

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace loaxa::test {

using Env = std::map<std::string, std::string>;

struct ToolRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv (argv[0] a path) with the environment plus `env`, waits; stdout and stderr kept.
ToolRun run_tool(const std::vector<std::string>& argv, const Env& env = {});

// `loaxa --home HOME ARGS...`; throws with the command and its stderr when it exits non-zero.
std::string run_loaxa(const std::filesystem::path& loaxa, const std::filesystem::path& home,
                      const std::vector<std::string>& args, const Env& env = {});

// A program running in the background, stderr to a file. The destructor SIGKILLs and reaps
// it if it still runs, so a failing test leaves nothing behind.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const Env& env, const std::filesystem::path& stderr_file);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const noexcept { return pid_; }
  bool running() const noexcept { return pid_ > 0; }
  void signal(int number) const noexcept;
  // Waits for it to end; the wait status (WIFEXITED, …).
  int wait() noexcept;

 private:
  pid_t pid_ = -1;
};

// The station's wall time (the default zone, Asia/Ho_Chi_Minh) of a UTC instant, as
// `loaxa slot add --start` reads it: "YYYY-MM-DDTHH:MM:SS".
std::string station_local_text(std::chrono::sys_seconds utc);

}  // namespace loaxa::test
