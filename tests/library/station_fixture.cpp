#include "station_fixture.hpp"

#include "common/sha256.hpp"
#include "library/library_lock.hpp"
#include "store/segment_store.hpp"
#include "support/files.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

namespace loaxa::library::test {
namespace {

Home make_home(const std::filesystem::path& root) {
  std::filesystem::create_directories(root / "segments");
  return Home{root};
}

}  // namespace

Station::Station()
    : home(make_home(dir / "home")), clock(Instant(std::chrono::sys_days(std::chrono::year(2027) / 2 / 1))) {
  db();  // the schema exists before any child opens the database
}

store::Database& Station::db() {
  if (!db_) db_.emplace(home.database());
  return *db_;
}

std::filesystem::path Station::tone(const std::string& name, double frequency_hz, double seconds) {
  const auto file = dir / name;
  loaxa::test::write_tone_wav(file, {.sample_rate = 8000, .tone_s = seconds, .frequency_hz = frequency_hz});
  return file;
}

ImportRequest Station::request(const std::filesystem::path& file, const std::string& category) const {
  ImportRequest r;
  r.file = file;
  r.category = category;
  return r;
}

ImportResult Station::import(const std::filesystem::path& file, const std::string& category) {
  return Importer(home, db(), config, clock).import(request(file, category));
}

ImportFailure::Kind Station::refusal(const ImportRequest& r) {
  try {
    Importer(home, db(), config, clock).import(r);
  } catch (const ImportError& e) {
    INFO(e.what());
    CHECK(e.file() == r.file);
    return e.kind();
  }
  FAIL("the import of " << r.file << " succeeded");
  return ImportFailure::Kind::busy;
}

std::set<std::string> Station::stored_names() const {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(home.segments())) {
    const auto name = entry.path().filename().string();
    if (name != kLockFileName) names.insert(name);
  }
  return names;
}

void Station::check_consistent() {
  std::set<std::string> row_files;
  for (const auto& s : store::SegmentStore(db()).list()) {
    INFO("segment " << s.id << " " << s.file_name);
    CHECK(std::filesystem::is_regular_file(home.segments() / s.file_name));
    CHECK(sha256_of(home.segments() / s.file_name) == s.sha256);
    row_files.insert(s.file_name);
  }
  CHECK(stored_names() == row_files);  // no staging leftover, no file without its row
}

std::string sha256_of(const std::filesystem::path& file) {
  const auto bytes = loaxa::test::read_bytes(file);
  Sha256 hash;
  hash.update(bytes.data(), bytes.size());
  return hash.finish();
}

int run_in_child(const std::function<int()>& work, bool unprivileged) {
  std::fflush(nullptr);  // nothing buffered is written twice
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    int code = 99;
    try {
      if (unprivileged && ::geteuid() == 0 &&
          (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0))
        ::_exit(98);
      code = work();
    } catch (...) {
      code = 97;
    }
    ::_exit(code);  // no Catch2 teardown, no atexit handlers of the parent's
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void hand_to_nobody(const std::filesystem::path& root) {
  if (::geteuid() != 0) return;
  auto give = [](const std::filesystem::path& p) { REQUIRE(::chown(p.c_str(), 65534, 65534) == 0); };
  give(root);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) give(entry.path());
  // The temp folders above it must let nobody through.
  for (auto p = root.parent_path(); p != p.root_path() && p != std::filesystem::temp_directory_path();
       p = p.parent_path())
    std::filesystem::permissions(p, std::filesystem::perms::others_exec, std::filesystem::perm_options::add);
}

}  // namespace loaxa::library::test
