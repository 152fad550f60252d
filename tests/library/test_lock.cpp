// The library lock excludes another process, and says "busy" instead of hanging.

#include "library/library_lock.hpp"
#include "station_fixture.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

using namespace loaxa;
using namespace loaxa::library;
using namespace loaxa::library::test;

TEST_CASE("a held library lock makes another process wait, then report busy", "[library][lock]") {
  Station s;
  s.close_db();
  int to_parent[2];
  int to_child[2];
  REQUIRE(::pipe(to_parent) == 0);
  REQUIRE(::pipe(to_child) == 0);
  const pid_t holder = ::fork();
  REQUIRE(holder >= 0);
  if (holder == 0) {
    {
      LibraryLock lock(s.home);
      char c = 'L';
      if (::write(to_parent[1], &c, 1) != 1) ::_exit(1);
      if (::read(to_child[0], &c, 1) != 1) ::_exit(2);  // hold until told
    }
    ::_exit(0);
  }
  char c = 0;
  REQUIRE(::read(to_parent[0], &c, 1) == 1);
  CHECK_THROWS_AS(LibraryLock(s.home, std::chrono::milliseconds(30)), LockBusyError);
  CHECK_THROWS_AS(LibraryLock(s.home, std::chrono::milliseconds(30)), store::BusyError);
  REQUIRE(::write(to_child[1], &c, 1) == 1);
  CHECK_NOTHROW(LibraryLock(s.home, std::chrono::seconds(30)));  // waits for the release
  int status = 0;
  REQUIRE(::waitpid(holder, &status, 0) == holder);
  CHECK(WEXITSTATUS(status) == 0);
  for (int fd : {to_parent[0], to_parent[1], to_child[0], to_child[1]}) ::close(fd);
}

TEST_CASE("the lock is released with its holder, even when a process dies holding it", "[library][lock]") {
  Station s;
  const int code = run_in_child([&] {
    new LibraryLock(s.home);  // never destroyed: the kernel releases it at exit
    return 0;
  });
  CHECK(code == 0);
  CHECK_NOTHROW(LibraryLock(s.home, std::chrono::milliseconds(30)));
}
