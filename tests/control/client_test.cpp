#include "control/client.hpp"
#include "control/fake_handler.hpp"

#include "support/temp_dir.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstring>

using namespace loaxa;
using namespace loaxa::control;
using namespace std::chrono_literals;

namespace {

ClientError::Kind failure(const std::filesystem::path& path, std::chrono::milliseconds timeout = 2s) {
  try {
    control::request(path, {Command::stop, 0, {}}, timeout);
  } catch (const ClientError& e) {
    CHECK(e.path() == path);
    return e.kind();
  }
  FAIL("no ClientError");
  return ClientError::Kind::protocol;
}

// A socket that listens but never accepts nor answers.
int silent_listener(const std::filesystem::path& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
  REQUIRE(::listen(fd, 4) == 0);
  return fd;
}

}  // namespace

TEST_CASE("no daemon: not_running, and query_status says nullopt") {
  test::TempDir dir;
  CHECK(failure(dir / "loaxad.sock") == ClientError::Kind::not_running);
  CHECK(failure(dir / "no-such-folder" / "loaxad.sock") == ClientError::Kind::not_running);
  CHECK_FALSE(query_status(dir / "loaxad.sock", 2s));
}

TEST_CASE("a stale socket file (connection refused) is not_running") {
  test::TempDir dir;
  int fd = silent_listener(dir / "loaxad.sock");
  ::close(fd);  // the file stays, nobody listens
  CHECK(failure(dir / "loaxad.sock") == ClientError::Kind::not_running);
  CHECK_FALSE(query_status(dir / "loaxad.sock", 2s));
}

TEST_CASE("a daemon that does not answer: timeout") {
  test::TempDir dir;
  int fd = silent_listener(dir / "loaxad.sock");
  CHECK(failure(dir / "loaxad.sock", 200ms) == ClientError::Kind::timeout);
  CHECK_THROWS_AS(query_status(dir / "loaxad.sock", 200ms), ClientError);
  ::close(fd);
}

TEST_CASE("query_status returns the daemon's status") {
  test::ServerFixture f;
  auto status = query_status(f.path, 10s);
  REQUIRE(status);
  CHECK(status->output_device == "null");
  CHECK(status->amplifier == AmplifierState::off);
  CHECK(status->uptime == 12s);
  REQUIRE(status->next);
  CHECK(status->next->slot_id == 4);
}
