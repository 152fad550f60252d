#include "library/importer.hpp"

#include "audio/analysis.hpp"
#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "library/decode_messages.hpp"
#include "library/staged_file.hpp"
#include "store/category_store.hpp"

#include <SQLiteCpp/Transaction.h>

#include <sys/stat.h>
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace loaxa::library {
namespace {

[[noreturn]] void refuse(const std::filesystem::path& file, const std::string& reason) {
  throw ImportError(trf("Cannot import {}: {}", file.string(), reason));
}

std::string known_categories(store::Database& db) {
  std::string list;
  for (const auto& category : store::CategoryStore(db).list()) {
    if (!list.empty()) list += ", ";
    list += category.code;
  }
  return list;
}

// Cheap checks on the path before anything is copied, so the message names the real cause.
void check_source(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw audio::DecodeError(audio::DecodeError::Kind::missing, file.string());
    throw audio::DecodeError(audio::DecodeError::Kind::unreadable, std::strerror(errno));
  }
  if (S_ISDIR(info.st_mode)) throw audio::DecodeError(audio::DecodeError::Kind::unreadable, tr("it is a folder"));
  if (!S_ISREG(info.st_mode)) throw audio::DecodeError(audio::DecodeError::Kind::unreadable, tr("not a regular file"));
  if (info.st_size == 0) throw audio::DecodeError(audio::DecodeError::Kind::empty, file.string());
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

}  // namespace

Importer::Importer(const Home& home, store::Database& db, const Config& config, const Clock& clock)
    : home_(home), db_(db), config_(config), clock_(clock) {}

ImportResult Importer::import(const ImportRequest& request) {
  const auto& file = request.file;

  auto code = store::normalize_category_code(request.category);
  if (!code || !store::CategoryStore(db_).find(*code)) {
    refuse(file, trf("unknown category '{}'. Known categories: {}. Add one with: loaxa category add CODE --name NAME",
                     request.category, known_categories(db_)));
  }
  if (request.valid_from && request.valid_until && *request.valid_until < *request.valid_from) {
    refuse(file, trf("the end of validity {} is before its start {}", display_date(*request.valid_until),
                     display_date(*request.valid_from)));
  }

  try {
    check_source(file);
  } catch (const audio::DecodeError& e) {
    refuse(file, describe(e));
  }

  sweep_stale_staging(home_.segments());
  std::optional<StagedFile> staged;
  try {
    staged.emplace(file, home_.segments());
  } catch (const std::system_error& e) {
    refuse(file, trf("copying into the library failed: {}", e.what()));
  }

  store::SegmentStore segments(db_);
  if (auto existing = segments.find_by_sha256(staged->sha256())) return {*existing, true};

  audio::Analysis analysis;
  try {
    analysis = audio::analyze_file(staged->path(), {config_.silence_threshold_dbfs, request.progress});
  } catch (const audio::DecodeError& e) {
    refuse(file, describe(e));
  }
  if (analysis.silent()) {
    refuse(file, trf("it is silence from start to end (nothing louder than {} dBFS). Check the recording.",
                     config_.silence_threshold_dbfs));
  }

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

  const auto final_path = home_.segments() / segment.file_name;
  try {
    staged->commit(final_path);
  } catch (const std::system_error& e) {
    refuse(file, trf("copying into the library failed: {}", e.what()));
  }

  try {
    SQLite::Transaction transaction(db_.sql());
    segment.id = segments.insert(segment);
    transaction.commit();
  } catch (const std::exception& e) {
    // Another import of the same content may have won the race; then its row owns the file.
    if (auto existing = segments.find_by_sha256(segment.sha256)) return {*existing, true};
    std::error_code ec;
    std::filesystem::remove(final_path, ec);
    refuse(file, trf("recording it in the database failed: {}", e.what()));
  }
  return {segment, false};
}

}  // namespace loaxa::library
