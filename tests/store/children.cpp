#include "children.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <exception>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace loaxa::store::test {
namespace {

std::filesystem::path message_file(const std::filesystem::path& dir, int index) {
  return dir / ("child-" + std::to_string(index) + ".txt");
}

[[noreturn]] void child(int gate, int index, const std::function<void(int)>& work, const std::filesystem::path& dir) {
  char byte = 0;
  while (::read(gate, &byte, 1) < 0) {  // returns 0 when the parent closes its end: go
  }
  int code = 0;
  std::string message;
  try {
    work(index);
  } catch (const std::exception& e) {
    code = 1;
    message = e.what();
  } catch (...) {
    code = 1;
    message = "unknown exception";
  }
  if (code != 0) std::ofstream(message_file(dir, index)) << message;
  ::_exit(code);  // no atexit handlers, no flush of the parent's buffered output
}

}  // namespace

std::vector<ChildOutcome> run_together(int count, const std::function<void(int)>& work,
                                       const std::filesystem::path& dir) {
  int gate[2];
  if (::pipe(gate) != 0) throw std::runtime_error("pipe");
  std::vector<pid_t> pids;
  for (int i = 0; i < count; ++i) {
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork");
    if (pid == 0) {
      ::close(gate[1]);
      child(gate[0], i, work, dir);
    }
    pids.push_back(pid);
  }
  ::close(gate[0]);
  ::close(gate[1]);  // every child's read returns now
  std::vector<ChildOutcome> out(count);
  for (int i = 0; i < count; ++i) {
    int status = 0;
    ::waitpid(pids[i], &status, 0);
    out[i].ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!out[i].ok) {
      std::ifstream in(message_file(dir, i));
      std::stringstream text;
      text << in.rdbuf();
      out[i].message = text.str();
      if (WIFSIGNALED(status)) out[i].message += " (signal " + std::to_string(WTERMSIG(status)) + ")";
    }
  }
  return out;
}

}  // namespace loaxa::store::test
