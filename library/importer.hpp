#pragma once
// Brings an audio file into the station's library: measured, copied content-addressed into
// segments/ and recorded in one transaction. Either all of that happens or none of it.
//
// Thread safety: one Importer per thread (it uses the caller's Database).

#include "common/clock.hpp"
#include "common/home.hpp"
#include "config/config.hpp"
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
  bool already_present = false;  // the same content was imported before; nothing changed
};

// An operator message naming the file and the reason.
class ImportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Importer {
 public:
  Importer(const Home& home, store::Database& db, const Config& config, const Clock& clock);

  // Throws ImportError.
  ImportResult import(const ImportRequest& request);

 private:
  const Home& home_;
  store::Database& db_;
  const Config& config_;
  const Clock& clock_;
};

}  // namespace loaxa::library
