#include "cli/cli_fixture.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

namespace loaxa::test {

ProcessResult CliFixture::loaxa(const std::vector<std::string>& args,
                                const std::map<std::string, std::string>& env) const {
  std::vector<std::string> argv{std::string(LOAXA_BINARY_DIR) + "/bin/loaxa", "--home", home.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::map<std::string, std::string> full{{"LANG", "C"}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}, {"LANGUAGE", ""}};
  if (now) full["LOAXA_NOW"] = *now;
  for (const auto& [k, v] : env) full[k] = v;
  return run_process(argv, full);
}

nlohmann::json CliFixture::loaxa_json(const std::vector<std::string>& args) const {
  std::vector<std::string> with_json{"--json"};
  with_json.insert(with_json.end(), args.begin(), args.end());
  auto result = loaxa(with_json);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return nlohmann::json::parse(result.out);
}

int CliFixture::segment_rows() const {
  SQLite::Database db((home / "loaxa.db").string());
  return db.execAndGet("SELECT count(*) FROM segment").getInt();
}

int CliFixture::segment_files() const {
  int count = 0;
  std::error_code ec;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(home / "segments", ec)) ++count;
  return count;
}

}  // namespace loaxa::test
