#include "common/home.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

TEST_CASE("the home comes from --home, then LOAXA_HOME, then the user's data folder", "[home]") {
  ::setenv("LOAXA_HOME", "/tmp/from-env", 1);
  CHECK(loaxa::resolve_home(std::filesystem::path("/tmp/from-option")).root == "/tmp/from-option");
  CHECK(loaxa::resolve_home(std::nullopt).root == "/tmp/from-env");
  ::unsetenv("LOAXA_HOME");
  ::setenv("STATE_DIRECTORY", "/var/lib/loaxa", 1);
  CHECK(loaxa::resolve_home(std::nullopt).root == "/var/lib/loaxa");
  ::unsetenv("STATE_DIRECTORY");
  ::unsetenv("INVOCATION_ID");
  ::setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
  CHECK(loaxa::resolve_home(std::nullopt).root == "/tmp/xdg/loaxa");
  ::unsetenv("XDG_DATA_HOME");
  ::setenv("HOME", "/home/op", 1);
  CHECK(loaxa::resolve_home(std::nullopt).root == "/home/op/.local/share/loaxa");
  CHECK(loaxa::resolve_home(std::nullopt).database() == "/home/op/.local/share/loaxa/loaxa.db");
}
