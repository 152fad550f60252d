#pragma once
// Why an import was refused, as data: the front end (wording/import_messages.hpp) builds the
// operator's sentence from it in the operator's language; what() is plain English for logs.
//
// Thread safety: a value type.

#include "audio/analysis.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace loaxa::library {

struct ImportFailure {
  enum class Kind {
    unknown_category,   // category (as typed) is not one of known_categories
    validity_reversed,  // valid_until is before valid_from
    bad_audio,          // the file itself: missing, unreadable, not audio, damaged… (decode, detail)
    silent,             // nothing louder than silence_threshold_dbfs from start to end
    copy_failed,        // staging the copy or renaming it into place failed (detail: the system error)
    database_failed,    // the row could not be written (detail: SQLite's message)
    busy,               // another process held the library or the database too long; try again
  };

  Kind kind = Kind::bad_audio;
  std::filesystem::path file;  // as the operator named it
  std::string category;        // unknown_category: as typed
  std::vector<std::string> known_categories;
  std::optional<audio::DecodeError::Kind> decode;  // bad_audio
  std::string detail;                              // bad_audio: DecodeError::detail(); copy/database/busy: the cause
  std::optional<std::chrono::year_month_day> valid_from;  // validity_reversed
  std::optional<std::chrono::year_month_day> valid_until;
  double silence_threshold_dbfs = 0;  // silent
};

class ImportError : public std::runtime_error {
 public:
  explicit ImportError(ImportFailure failure);

  const ImportFailure& failure() const noexcept { return failure_; }
  ImportFailure::Kind kind() const noexcept { return failure_.kind; }
  const std::filesystem::path& file() const noexcept { return failure_.file; }

 private:
  ImportFailure failure_;
};

// The English sentence what() returns, e.g. "cannot import a.wav: unknown category 'X'
// (known: CDS, CCHC)".
std::string english_text(const ImportFailure& failure);

}  // namespace loaxa::library
