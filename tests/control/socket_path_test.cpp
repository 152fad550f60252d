#include "control/socket_path.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace loaxa;
using loaxa::control::socket_path;

TEST_CASE("the socket path rule") {
  test::TempDir dir;
  const auto system_home = dir / "var-lib-loaxa";
  std::filesystem::create_directories(system_home);
  const Home personal{dir / "personal", HomeSource::personal};
  const Home option_home{dir / "elsewhere", HomeSource::option};

  SECTION("systemd's RUNTIME_DIRECTORY wins") {
    CHECK(socket_path(personal, std::string("/run/loaxa"), system_home) == "/run/loaxa/loaxad.sock");
    CHECK(socket_path(personal, std::string("/run/a:/run/b"), system_home) == "/run/a/loaxad.sock");
  }
  SECTION("the system service's station: /run/loaxa") {
    CHECK(socket_path(Home{system_home, HomeSource::service}, std::nullopt, system_home) == "/run/loaxa/loaxad.sock");
    CHECK(socket_path(Home{system_home, HomeSource::system}, std::nullopt, system_home) == "/run/loaxa/loaxad.sock");
    // The same folder named with --home or LOAXA_HOME is the same station.
    CHECK(socket_path(Home{dir / "var-lib-loaxa" / ".", HomeSource::option}, std::nullopt, system_home) ==
          "/run/loaxa/loaxad.sock");
  }
  SECTION("any other home: in the home") {
    CHECK(socket_path(personal, std::nullopt, system_home) == dir / "personal" / "loaxad.sock");
    CHECK(socket_path(option_home, std::string(), system_home) == dir / "elsewhere" / "loaxad.sock");
  }
}
