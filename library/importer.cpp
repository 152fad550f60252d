#include "library/importer.hpp"

#include "audio/analysis.hpp"
#include "common/dates.hpp"
#include "library/audio_check.hpp"
#include "library/library_lock.hpp"
#include "library/staged_file.hpp"
#include "store/category_store.hpp"
#include "store/transaction.hpp"

#include <algorithm>
#include <array>

namespace loaxa::library {
namespace {

using Kind = ImportFailure::Kind;

ImportFailure failure(Kind kind, const std::filesystem::path& file, std::string detail = {}) {
  ImportFailure f;
  f.kind = kind;
  f.file = file;
  f.detail = std::move(detail);
  return f;
}

[[noreturn]] void refuse(ImportFailure f) {
  throw ImportError(std::move(f));
}

[[noreturn]] void refuse_category(const std::filesystem::path& file, const std::string& typed, store::Database& db) {
  auto f = failure(Kind::unknown_category, file);
  f.category = typed;
  for (const auto& category : store::CategoryStore(db).list()) f.known_categories.push_back(category.code);
  refuse(std::move(f));
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The operator's --title, else the file's own title tag (bulletins from the district often
// carry one), else the file name without its extension.
std::string title_for(const ImportRequest& request, const audio::Analysis& analysis) {
  if (request.title) return *request.title;
  if (auto tag = trimmed(analysis.title); !tag.empty()) return tag;
  return request.file.stem().string();
}

// Keeps a short, known extension so the file in segments/ says what it is.
std::string stored_extension(const std::filesystem::path& original) {
  static constexpr std::array kKnown{".wav", ".mp3",  ".flac", ".ogg", ".oga", ".opus",
                                     ".aif", ".aiff", ".au",   ".caf", ".w64"};
  std::string ext = original.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (std::find(kKnown.begin(), kKnown.end(), ext) != kKnown.end()) return ext;
  return ".audio";
}

// True when the file a row names is there with the row's size. (A full hash check is
// verify_library's job; an import must stay cheap.)
bool file_intact(const std::filesystem::path& path, std::int64_t size) {
  std::error_code ec;
  const auto actual = std::filesystem::file_size(path, ec);
  return !ec && static_cast<std::int64_t>(actual) == size;
}

// Caller holds the library lock. The same content is already a segment: its row wins. If the
// row's file has gone (or is not the row's size), this copy — the same bytes, by SHA-256 —
// takes its place, so a row never stays without its audio.
ImportResult settle_present(const Home& home, const store::Segment& existing, StagedFile& staged,
                            const std::filesystem::path& file) {
  const auto path = home.segments() / existing.file_name;
  if (file_intact(path, existing.size_bytes)) return {existing, true, false};
  try {
    staged.commit(path);
  } catch (const std::system_error& e) {
    refuse(failure(Kind::copy_failed, file, e.what()));
  }
  return {existing, true, true};
}

}  // namespace

Importer::Importer(const Home& home, store::Database& db, const Config& config, const Clock& clock)
    : home_(home), db_(db), config_(config), clock_(clock) {}

ImportResult Importer::import(const ImportRequest& request) {
  try {
    return import_file(request);
  } catch (const store::BusyError& e) {  // the library lock or the database write lock
    refuse(failure(Kind::busy, request.file, e.what()));
  } catch (const SQLite::Exception& e) {  // a read failed; nothing was written
    refuse(failure(Kind::database_failed, request.file, e.what()));
  }
}

ImportResult Importer::import_file(const ImportRequest& request) {
  const auto& file = request.file;

  auto code = store::normalize_category_code(request.category);
  if (!code || !store::CategoryStore(db_).find(*code)) refuse_category(file, request.category, db_);
  if (request.valid_from && request.valid_until && *request.valid_until < *request.valid_from) {
    auto f = failure(Kind::validity_reversed, file);
    f.valid_from = request.valid_from;
    f.valid_until = request.valid_until;
    refuse(std::move(f));
  }

  check_audio_source(file);

  sweep_stale_staging(home_.segments());
  std::optional<StagedFile> staged;
  try {
    staged.emplace(file, home_.segments());
  } catch (const std::system_error& e) {
    refuse(failure(Kind::copy_failed, file, e.what()));
  }

  // Known content needs no measuring; only decide under the lock (a removal may be racing).
  store::SegmentStore segments(db_);
  if (segments.find_by_sha256(staged->sha256())) {
    LibraryLock lock(home_);
    if (auto existing = segments.find_by_sha256(staged->sha256()))
      return settle_present(home_, *existing, *staged, file);
  }

  // The copy is measured, not the original: what is stored is what was checked.
  const auto analysis = measure_audio(file, staged->path(), config_.silence_threshold_dbfs, request.progress);

  store::Segment segment;
  segment.sha256 = staged->sha256();
  segment.title = title_for(request, analysis);
  segment.category = *code;
  segment.original_name = file.filename().string();
  segment.file_name = segment.sha256 + stored_extension(file);
  segment.size_bytes = staged->size();
  segment.format = analysis.format;
  segment.sample_rate = analysis.sample_rate;
  segment.channels = analysis.channels;
  segment.frames = analysis.frames;
  segment.duration_ms = analysis.duration_ms;
  segment.loudness_lufs = analysis.loudness_lufs;
  segment.true_peak_dbtp = analysis.true_peak_dbtp;
  segment.trim_start_ms = analysis.trim_start_ms;
  segment.trim_end_ms = analysis.trim_end_ms;
  segment.imported_at = iso_utc(clock_.now());
  segment.approved = request.approve;
  if (request.approve) segment.approved_at = segment.imported_at;
  if (request.valid_from) segment.valid_from = iso_date(*request.valid_from);
  if (request.valid_until) segment.valid_until = iso_date(*request.valid_until);

  // The lock first, then the transaction (library_lock.hpp). Inside both, no row has this
  // SHA-256 unless one is found here, and none can appear or go: so a file at final_path
  // belongs to no row, and removing it after a failure takes nothing from anyone.
  LibraryLock lock(home_);
  store::WriteTransaction transaction(db_);
  if (auto existing = segments.find_by_sha256(segment.sha256))  // another import won the race
    return settle_present(home_, *existing, *staged, file);

  const auto final_path = home_.segments() / segment.file_name;
  auto discard_placed = [&] {
    std::error_code ec;
    if (staged->path() == final_path) std::filesystem::remove(final_path, ec);
  };
  try {
    staged->commit(final_path);
  } catch (const std::system_error& e) {
    discard_placed();  // renamed but the folder could not be synced: it must not stay row-less
    refuse(failure(Kind::copy_failed, file, e.what()));
  }

  try {
    segment.id = segments.insert(segment);
    transaction.commit();
  } catch (const store::BusyError&) {
    discard_placed();
    throw;
  } catch (const std::exception& e) {
    discard_placed();
    // The category may have been deleted since the first check: say that, not "SQL error".
    if (!store::CategoryStore(db_).find(*code)) refuse_category(file, request.category, db_);
    refuse(failure(Kind::database_failed, file, e.what()));
  }
  return {segment, false, false};
}

}  // namespace loaxa::library
