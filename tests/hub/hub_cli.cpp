#include "hub_cli.hpp"

#include "hub_process.hpp"

#include <catch2/catch.hpp>

namespace loaxa::hub::test {

loaxa::test::ProcessResult run_hub_at(const std::string& now, const std::filesystem::path& home,
                                      const std::vector<std::string>& args, const std::string& lang) {
  std::vector<std::string> argv{hub_binary(), "--home", home.string(), "--lang", lang};
  argv.insert(argv.end(), args.begin(), args.end());
  return loaxa::test::run_process(argv, {{"LOAXA_NOW", now}});
}

void require_ok(const loaxa::test::ProcessResult& result) {
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
}

}  // namespace loaxa::hub::test
