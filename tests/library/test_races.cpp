// Two processes working on the same content at once: whatever the interleaving, every row
// ends with its file and no file stays without its row.

#include "library/removal.hpp"
#include "station_fixture.hpp"
#include "store/segment_store.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <thread>
#include <vector>

using namespace loaxa;
using namespace loaxa::library;
using namespace loaxa::library::test;

namespace {

// Forks one child per job; all start when released together, as close to at once as two
// processes get. Returns the exit codes.
std::vector<int> run_together(const std::vector<std::function<int()>>& jobs) {
  std::fflush(nullptr);
  int gate[2];
  REQUIRE(::pipe(gate) == 0);
  std::vector<pid_t> children;
  for (const auto& job : jobs) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      ::close(gate[1]);
      char c;
      int code = 90;
      if (::read(gate[0], &c, 1) == 0) {  // EOF: the parent opened the gate
        try {
          code = job();
        } catch (...) {
          code = 91;
        }
      }
      ::_exit(code);
    }
    children.push_back(child);
  }
  ::close(gate[0]);
  ::close(gate[1]);  // every child's read returns now
  std::vector<int> codes;
  for (pid_t child : children) {
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    codes.push_back(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  }
  return codes;
}

// 0: imported new, 1: already present, 2: refused.
int import_in_child(Station& s, const std::filesystem::path& file) {
  store::Database db(s.home.database());
  try {
    return Importer(s.home, db, s.config, s.clock).import(s.request(file)).already_present ? 1 : 0;
  } catch (const ImportError&) {
    return 2;
  }
}

}  // namespace

TEST_CASE("two processes importing the same content at once make one row with its file", "[library][race]") {
  for (int round = 0; round < 20; ++round) {
    Station s;
    const auto file = s.tone("a.wav");
    s.close_db();
    const auto codes =
        run_together({[&] { return import_in_child(s, file); }, [&] { return import_in_child(s, file); }});
    INFO("round " << round);
    CHECK(((codes[0] == 0 && codes[1] == 1) || (codes[0] == 1 && codes[1] == 0)));
    CHECK(store::SegmentStore(s.db()).list().size() == 1);
    s.check_consistent();
  }
}

TEST_CASE("a removal racing a re-import of the same content never leaves a row without its file", "[library][race]") {
  Station s;
  const auto file = s.tone("a.wav");
  const auto sha = sha256_of(file);
  for (int round = 0; round < 30; ++round) {
    if (!store::SegmentStore(s.db()).find_by_sha256(sha)) s.import(file);
    s.close_db();
    const auto codes = run_together({
        [&] {
          // A long pause between the row's commit and the unlink: without the lock, an
          // import landing in it would end with a row whose file the removal then unlinks.
          detail::after_row_removed = [] { std::this_thread::sleep_for(std::chrono::milliseconds(40)); };
          store::Database db(s.home.database());
          auto row = store::SegmentStore(db).find_by_sha256(sha);
          if (!row) return 3;
          return static_cast<int>(remove_segment(s.home, db, row->id).status);
        },
        [&] {
          std::this_thread::sleep_for(std::chrono::milliseconds(round % 8));  // vary the interleaving
          return import_in_child(s, file);
        },
    });
    INFO("round " << round << ": removal " << codes[0] << ", import " << codes[1]);
    CHECK(codes[0] == static_cast<int>(Removal::Status::removed));
    CHECK((codes[1] == 0 || codes[1] == 1));
    s.check_consistent();
  }
}
