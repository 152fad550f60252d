#include "station_process.hpp"

#include "schedules/civil_time.hpp"
#include "schedules/time_zone.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace loaxa::test {
namespace {

std::vector<std::string> environment_with(const Env& extra) {
  Env merged;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    if (const auto eq = entry.find('='); eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [key, value] : extra) merged[key] = value;
  std::vector<std::string> env;
  for (const auto& [key, value] : merged) env.push_back(key + "=" + value);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& texts) {
  std::vector<char*> p;
  for (auto& t : texts) p.push_back(t.data());
  p.push_back(nullptr);
  return p;
}

pid_t spawn(const std::vector<std::string>& argv, const Env& env, posix_spawn_file_actions_t& actions) {
  std::vector<std::string> args = argv;
  std::vector<std::string> envs = environment_with(env);
  const auto argp = pointers(args);
  const auto envp = pointers(envs);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argp[0], &actions, nullptr, argp.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv.at(0) + ": " + std::strerror(rc));
  return pid;
}

std::string read_all(std::FILE* file) {
  std::rewind(file);
  std::string text;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) text.append(buffer, n);
  std::fclose(file);
  return text;
}

int reap(pid_t pid) noexcept {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

ToolRun run_tool(const std::vector<std::string>& argv, const Env& env) {
  // Unnamed temporary files rather than pipes: nothing to poll, and no deadlock on a long output.
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  if (out == nullptr || err == nullptr) throw std::runtime_error("no temporary file for " + argv.at(0));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fileno(out), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fileno(err), STDERR_FILENO);
  const pid_t pid = spawn(argv, env, actions);
  const int status = reap(pid);
  ToolRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = read_all(out);
  run.err = read_all(err);
  return run;
}

std::string run_loaxa(const std::filesystem::path& loaxa, const std::filesystem::path& home,
                      const std::vector<std::string>& args, const Env& env) {
  std::vector<std::string> argv{loaxa.string(), "--home", home.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  ToolRun run = run_tool(argv, env);
  if (run.exit_code != 0) {
    std::string command;
    for (const auto& a : args) command += " " + a;
    throw std::runtime_error("loaxa" + command + " exited " + std::to_string(run.exit_code) + ": " + run.err);
  }
  return run.out;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const Env& env,
                           const std::filesystem::path& stderr_file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  pid_ = spawn(argv, env, actions);
}

ChildProcess::~ChildProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  reap(pid_);
}

void ChildProcess::signal(int number) const noexcept {
  if (pid_ > 0) kill(pid_, number);
}

int ChildProcess::wait() noexcept {
  if (pid_ <= 0) return 0;
  const int status = reap(pid_);
  pid_ = -1;
  return status;
}

std::string station_local_text(std::chrono::sys_seconds utc) {
  const schedules::TimeZone zone(schedules::TimeZone::default_name);
  return schedules::format_date_time(zone.to_local(std::chrono::time_point_cast<std::chrono::milliseconds>(utc)));
}

}  // namespace loaxa::test
