#pragma once
// `loaxa-hub` run as an operator runs it, at a "now" the test sets (LOAXA_NOW), for the
// tests of its report and month-close commands. Never depends on today's date.

#include "support/process.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace loaxa::hub::test {

// `loaxa-hub --home HOME --lang LANG ARGS…` with LOAXA_NOW=`now` ("2026-12-21T00:00Z").
loaxa::test::ProcessResult run_hub_at(const std::string& now, const std::filesystem::path& home,
                                      const std::vector<std::string>& args, const std::string& lang = "en");

// Fails the test case unless it exited 0, showing what it said on stderr.
void require_ok(const loaxa::test::ProcessResult& result);

}  // namespace loaxa::hub::test
