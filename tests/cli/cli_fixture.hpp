#pragma once
// Runs the real `loaxa` binary against a temporary station home.

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace loaxa::test {

class CliFixture {
 public:
  TempDir dir;
  std::filesystem::path home = dir / "home";
  // When set, every command runs at this "now" (LOAXA_NOW), for tests whose data are fixed
  // dates; unset, commands inherit LOAXA_NOW from the environment, and scripts/test runs
  // them with it moved years ahead and back, so a test that silently depends on today fails.
  std::optional<std::string> now;
  // Run commands as the unprivileged user nobody when the tests run as root (CI does), so a
  // permission refusal can be shown: root reads every file. The temporary folder is handed
  // to nobody by run_as_nobody().
  bool as_nobody = false;
  void run_as_nobody();

  // `loaxa --home HOME args…` with no language set in the environment (Vietnamese).
  ProcessResult loaxa(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {}) const;
  // The same with --json; the output parsed (REQUIREs success).
  nlohmann::json loaxa_json(const std::vector<std::string>& args) const;

  // Number of rows in the segment table and of files in segments/.
  int segment_rows() const;
  int segment_files() const;
};

}  // namespace loaxa::test
