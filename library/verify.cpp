#include "library/verify.hpp"

#include "common/sha256.hpp"
#include "library/library_lock.hpp"
#include "library/row_delete.hpp"
#include "library/staged_file.hpp"
#include "store/transaction.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <vector>

namespace loaxa::library {
namespace {

using Outcome = VerifyReport::RowWithoutFile::Outcome;

// <64 lower-case hex>.<ext>: only an import names a file like this.
bool content_addressed(const std::filesystem::path& name) {
  const auto stem = name.stem().string();
  return stem.size() == 64 && stem.find_first_not_of("0123456789abcdef") == std::string::npos &&
         !name.extension().empty();
}

bool regular_file_exists(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

std::set<std::string> row_file_names(store::Database& db) {
  std::set<std::string> names;
  for (const auto& s : store::SegmentStore(db).list()) names.insert(s.file_name);
  return names;
}

// Hashes a whole file; false with `error` set when it cannot be read.
bool hash_file(const std::filesystem::path& path, std::string& sha256, std::int64_t& size, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  Sha256 hash;
  std::vector<char> buffer(1 << 20);
  size = 0;
  for (;;) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (got == 0) break;
    hash.update(buffer.data(), static_cast<std::size_t>(got));
    size += got;
  }
  ::close(fd);
  sha256 = hash.finish();
  return true;
}

// Under the lock: the row may have had its file restored by an import meanwhile.
Outcome repair_row(const Home& home, store::Database& db, const store::Segment& segment) {
  LibraryLock lock(home);
  if (regular_file_exists(home.segments() / segment.file_name)) return Outcome::reported;
  store::WriteTransaction transaction(db);
  switch (detail::delete_segment_row(db, segment.id)) {
    case detail::RowDelete::in_use:
      return Outcome::in_use;
    case detail::RowDelete::not_found:
      return Outcome::reported;  // removed meanwhile
    case detail::RowDelete::deleted:
      break;
  }
  transaction.commit();
  return Outcome::removed;
}

// Under the lock: an import may have given the file a row meanwhile.
bool repair_file(const Home& home, store::Database& db, const std::filesystem::path& file) {
  if (!content_addressed(file.filename())) return false;
  LibraryLock lock(home);
  if (row_file_names(db).count(file.filename().string()) != 0) return false;
  return ::unlink(file.c_str()) == 0;
}

}  // namespace

bool VerifyReport::clean() const noexcept {
  return rows_without_files.empty() && files_without_rows.empty() && stale_staging.empty() && mismatched.empty();
}

bool VerifyReport::needs_operator() const noexcept {
  for (const auto& r : rows_without_files)
    if (r.outcome != Outcome::removed) return true;
  for (const auto& f : files_without_rows)
    if (!f.removed) return true;
  return !mismatched.empty();
}

VerifyReport verify_library(const Home& home, store::Database& db, bool repair) {
  VerifyReport report;
  std::vector<store::Segment> rows;
  std::vector<std::filesystem::path> files;  // neither a row's, nor the lock, nor staging
  {
    // One consistent picture: no import or removal is half done while it is taken.
    LibraryLock lock(home);
    store::ReadTransaction snapshot(db);
    rows = store::SegmentStore(db).list();
    std::set<std::string> named;
    for (const auto& s : rows) named.insert(s.file_name);
    for (const auto& entry : std::filesystem::directory_iterator(home.segments())) {
      const auto name = entry.path().filename();
      std::error_code ec;
      if (name == kLockFileName || !entry.is_regular_file(ec)) continue;
      if (is_staging_name(name)) {
        if (is_stale_staging(entry)) report.stale_staging.push_back({entry.path()});
        continue;
      }
      if (named.count(name.string()) == 0) files.push_back(entry.path());
    }
  }
  report.rows_checked = static_cast<std::int64_t>(rows.size());

  for (const auto& segment : rows) {
    const auto path = home.segments() / segment.file_name;
    if (!regular_file_exists(path)) {
      report.rows_without_files.push_back({segment});
      continue;
    }
    VerifyReport::Mismatch m{segment, 0, "", ""};
    if (!hash_file(path, m.actual_sha256, m.actual_size, m.error)) {
      if (!regular_file_exists(path)) continue;  // removed with its row meanwhile
      report.mismatched.push_back(std::move(m));
    } else if (m.actual_sha256 != segment.sha256 || m.actual_size != segment.size_bytes) {
      report.mismatched.push_back(std::move(m));
    }
  }
  for (const auto& file : files) report.files_without_rows.push_back({file});

  if (!repair) return report;
  for (auto& r : report.rows_without_files) r.outcome = repair_row(home, db, r.segment);
  for (auto& f : report.files_without_rows) f.removed = repair_file(home, db, f.file);
  for (auto& s : report.stale_staging) {
    std::error_code ec;
    s.removed = std::filesystem::remove(s.file, ec);
  }
  return report;
}

}  // namespace loaxa::library
