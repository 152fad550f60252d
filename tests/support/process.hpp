#pragma once
// Runs a program the way an operator or another tool would, for end-to-end tests.

#include <map>
#include <string>
#include <vector>

namespace loaxa::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is a path) with extra environment variables, waits, and captures
// stdout and stderr. Throws std::runtime_error if it cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {});

}  // namespace loaxa::test
