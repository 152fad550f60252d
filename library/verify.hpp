#pragma once
// Checks that the library's rows and segments/ agree, and optionally repairs what is safe to
// repair. The front end (`loaxa segment verify [--repair]`) prints the report.
//
// What is found, and what --repair does with it:
//   - a row whose file is missing: removed if nothing refers to it; a row a programme uses
//     stays and needs the operator (re-import the file: the import puts it back);
//   - a file no row names: removed (only names of the form <sha256>.<ext>, which only an
//     import writes; anything else is reported and left alone);
//   - a staging file (.import-*) older than an hour: a crashed import's leftover, removed;
//     younger ones belong to an import still running and are not reported;
//   - a file whose size or SHA-256 is not the row's: never deleted (it may be the only copy
//     there is); the operator re-imports the original, which replaces it.
//
// Thread safety: on the thread that owns the Database; not inside a transaction of the
// caller's. Takes the library lock briefly to list, and again for each repair, re-checking
// there, so a concurrent import or removal is never undone. Hashing happens without it.
// Throws store::BusyError (LockBusyError included), SQLite::Exception, and
// std::filesystem::filesystem_error when segments/ cannot be listed.

#include "common/home.hpp"
#include "store/database.hpp"
#include "store/segment_store.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace loaxa::library {

struct VerifyReport {
  struct RowWithoutFile {
    enum class Outcome { reported, removed, in_use };
    store::Segment segment;
    Outcome outcome = Outcome::reported;  // removed / in_use only with repair
  };
  struct FileWithoutRow {
    std::filesystem::path file;
    bool removed = false;  // with repair
  };
  struct Mismatch {
    store::Segment segment;
    std::int64_t actual_size = 0;
    std::string actual_sha256;  // "" when the file could not be read (error says why)
    std::string error;
  };

  std::vector<RowWithoutFile> rows_without_files;
  std::vector<FileWithoutRow> files_without_rows;
  std::vector<FileWithoutRow> stale_staging;
  std::vector<Mismatch> mismatched;
  std::int64_t rows_checked = 0;

  // Nothing found at all.
  bool clean() const noexcept;
  // Something is left that only the operator can fix (after a repair: what it could not do).
  bool needs_operator() const noexcept;
};

VerifyReport verify_library(const Home& home, store::Database& db, bool repair);

}  // namespace loaxa::library
