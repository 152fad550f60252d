#pragma once
// Brings an audio file into the station's library: measured, copied content-addressed into
// segments/ and recorded in one transaction. Either all of that happens or none of it.
//
// Two processes may import (or remove) at once: the rename into place and the row insert
// happen under the library lock (library_lock.hpp) and then a write transaction, so every
// row has its file and a failed import never deletes a file another import's row owns.
//
// Thread safety: one Importer per thread (it uses the caller's Database).

#include "common/clock.hpp"
#include "common/home.hpp"
#include "config/config.hpp"
#include "library/import_error.hpp"
#include "store/database.hpp"
#include "store/segment_store.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace loaxa::library {

struct ImportRequest {
  std::filesystem::path file;
  std::string category;              // as typed; case does not matter
  std::optional<std::string> title;  // default: the file's title tag, else its name

  std::optional<std::chrono::year_month_day> valid_from;
  std::optional<std::chrono::year_month_day> valid_until;
  bool approve = false;
  // Measuring progress, 0…1, on the calling thread (see audio::AnalysisOptions). May be empty.
  std::function<void(double)> progress;
};

struct ImportResult {
  store::Segment segment;
  bool already_present = false;  // the same content was imported before: its row is returned
  // already_present, but the row's file had gone from segments/ and was put back from this
  // copy: something did change.
  bool file_restored = false;
};

class Importer {
 public:
  Importer(const Home& home, store::Database& db, const Config& config, const Clock& clock);

  // Throws ImportError (every refusal, including a busy library or database); nothing of
  // the file is left behind when it throws. std::bad_alloc passes through.
  // Not inside a transaction of the caller's: it takes the library lock, which must come
  // before the database's write lock.
  ImportResult import(const ImportRequest& request);

 private:
  ImportResult import_file(const ImportRequest& request);

  const Home& home_;
  store::Database& db_;
  const Config& config_;
  const Clock& clock_;
};

}  // namespace loaxa::library
