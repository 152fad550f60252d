#include "common/home.hpp"

#include "support/temp_dir.hpp"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdlib>

namespace {

// The variables resolve_home reads, cleared so the machine running the tests does not leak in.
void clear_environment() {
  for (const char* name : {"LOAXA_HOME", "STATE_DIRECTORY", "INVOCATION_ID", "XDG_DATA_HOME"}) ::unsetenv(name);
}

}  // namespace

TEST_CASE("the home comes from --home, then LOAXA_HOME, then the service, then the user's data folder", "[home]") {
  clear_environment();
  const std::filesystem::path no_system = "/nonexistent/loaxa-system-home";
  ::setenv("LOAXA_HOME", "/tmp/from-env", 1);
  CHECK(loaxa::resolve_home(std::filesystem::path("/tmp/from-option"), no_system).root == "/tmp/from-option");
  CHECK(loaxa::resolve_home(std::nullopt, no_system).root == "/tmp/from-env");
  CHECK(loaxa::resolve_home(std::nullopt, no_system).source == loaxa::HomeSource::environment);
  ::unsetenv("LOAXA_HOME");
  ::setenv("STATE_DIRECTORY", "/var/lib/loaxa", 1);
  CHECK(loaxa::resolve_home(std::nullopt, no_system).root == "/var/lib/loaxa");
  CHECK(loaxa::resolve_home(std::nullopt, no_system).source == loaxa::HomeSource::service);
  ::unsetenv("STATE_DIRECTORY");
  ::setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
  CHECK(loaxa::resolve_home(std::nullopt, no_system).root == "/tmp/xdg/loaxa");
  ::unsetenv("XDG_DATA_HOME");
  ::setenv("HOME", "/home/op", 1);
  CHECK(loaxa::resolve_home(std::nullopt, no_system).root == "/home/op/.local/share/loaxa");
  CHECK(loaxa::resolve_home(std::nullopt, no_system).source == loaxa::HomeSource::personal);
  CHECK(loaxa::resolve_home(std::nullopt, no_system).database() == "/home/op/.local/share/loaxa/loaxa.db");
}

TEST_CASE("an operator gets the installed service's station, not a personal one", "[home]") {
  clear_environment();
  loaxa::test::TempDir dir;
  const auto system_home = dir / "var-lib-loaxa";
  ::setenv("HOME", (dir / "operator").c_str(), 1);
  CHECK(loaxa::resolve_home(std::nullopt, system_home).source == loaxa::HomeSource::personal);
  std::filesystem::create_directories(system_home);
  const auto home = loaxa::resolve_home(std::nullopt, system_home);
  CHECK(home.root == system_home);
  CHECK(home.source == loaxa::HomeSource::system);
  CHECK(home.shared());
}

TEST_CASE("a shared home's folders are group-writable and setgid whatever the umask", "[home]") {
  loaxa::test::TempDir dir;
  const mode_t old = ::umask(077);
  loaxa::ensure_home({dir / "station", loaxa::HomeSource::system});
  loaxa::ensure_home({dir / "personal", loaxa::HomeSource::personal});
  ::umask(old);
  struct stat info {};
  REQUIRE(::stat((dir / "station" / "segments").c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 02770);
  REQUIRE(::stat((dir / "personal" / "segments").c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0700);
}

TEST_CASE("an operator outside the station's group is told to join it", "[home]") {
  loaxa::test::TempDir dir;
  const loaxa::Home home{dir / "station", loaxa::HomeSource::system};
  loaxa::ensure_home(home);
  std::filesystem::permissions(home.root, std::filesystem::perms::owner_all);  // 0700, the service's own
  // Root passes every permission check: the check runs as nobody then; another user is
  // shut out by the folder's mode.
  const bool root = ::geteuid() == 0;
  if (!root) std::filesystem::permissions(home.root, std::filesystem::perms::none);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (root && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(3);
    try {
      loaxa::ensure_home(home);
    } catch (const std::runtime_error& e) {
      ::_exit(std::string(e.what()).find("loaxa") != std::string::npos ? 0 : 2);
    }
    ::_exit(1);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  std::filesystem::permissions(home.root, std::filesystem::perms::owner_all);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
