#include "cli/cli_fixture.hpp"

#include <SQLiteCpp/Database.h>
#include <unistd.h>
#include <catch2/catch.hpp>

namespace loaxa::test {

ProcessResult CliFixture::loaxa(const std::vector<std::string>& args,
                                const std::map<std::string, std::string>& env) const {
  std::vector<std::string> argv;
  if (as_nobody) argv = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
  for (const auto& word : {std::string(LOAXA_BINARY_DIR) + "/bin/loaxa", std::string("--home"), home.string()}) {
    argv.push_back(word);
  }
  argv.insert(argv.end(), args.begin(), args.end());
  std::map<std::string, std::string> full{{"LANG", "C"}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}, {"LANGUAGE", ""}};
  if (now) full["LOAXA_NOW"] = *now;
  for (const auto& [k, v] : env) full[k] = v;
  return run_process(argv, full);
}

void CliFixture::run_as_nobody() {
  if (::geteuid() != 0) return;
  as_nobody = true;
  REQUIRE(::chown(dir.path().c_str(), 65534, 65534) == 0);
  // The folders above it must let nobody through to it, and to the loaxa binary.
  for (auto p = dir.path().parent_path(); p != p.root_path(); p = p.parent_path()) {
    std::filesystem::permissions(p, std::filesystem::perms::others_exec, std::filesystem::perm_options::add);
  }
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
  // The library's lock file is not a segment; a staging leftover would be counted.
  for (const auto& entry : std::filesystem::directory_iterator(home / "segments", ec)) {
    if (entry.path().filename() != ".lock") ++count;
  }
  return count;
}

}  // namespace loaxa::test
