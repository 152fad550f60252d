#pragma once
// A station home in a temporary folder, with helpers to import into it, to run code as
// another process (and, under root, as an unprivileged user), and to check that rows and
// files agree.

#include "common/clock.hpp"
#include "common/home.hpp"
#include "config/config.hpp"
#include "library/importer.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

#include <functional>
#include <optional>
#include <set>
#include <string>

namespace loaxa::library::test {

struct Station {
  Station();

  loaxa::test::TempDir dir;
  Home home;
  Config config;
  ManualClock clock;
  // This process's connection, opened when first used. Close it before fork(): SQLite's
  // locks belong to the process, and a child must open its own connection from scratch.
  store::Database& db();
  void close_db() { db_.reset(); }

  // A short tone WAV in dir (not in the home); a different frequency is different content.
  std::filesystem::path tone(const std::string& name, double frequency_hz = 997, double seconds = 0.5);
  ImportResult import(const std::filesystem::path& file, const std::string& category = "CDS");
  // Imports and returns the refusal's kind; FAILs when the import succeeds.
  ImportFailure::Kind refusal(const ImportRequest& request);
  ImportRequest request(const std::filesystem::path& file, const std::string& category = "CDS") const;

  // Names in segments/ other than the lock file.
  std::set<std::string> stored_names() const;
  // Every row's file is there and every file (but the lock) is a row's: CHECKed.
  void check_consistent();

 private:
  std::optional<store::Database> db_;
};

std::string sha256_of(const std::filesystem::path& file);

// Runs `work` in a forked child and returns its exit code (-1 when it did not exit).
// With `unprivileged`, a root parent's child first becomes nobody (65534), so permissions
// really apply; a non-root child stays who it is. The child must not touch the parent's
// Database: open its own.
int run_in_child(const std::function<int()>& work, bool unprivileged = false);

// Gives the whole tree to nobody when running as root, so an unprivileged child can use it.
void hand_to_nobody(const std::filesystem::path& root);

}  // namespace loaxa::library::test
