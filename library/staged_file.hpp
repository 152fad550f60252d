#pragma once
// A copy of an incoming file inside segments/, under a temporary name until it is
// committed. The destructor removes it unless commit() succeeded, so a failure at any step
// of an import leaves no file behind.

#include <cstdint>
#include <filesystem>
#include <string>

namespace loaxa::library {

class StagedFile {
 public:
  // Copies `source` into `folder` under a temporary name, hashing as it goes, and fsyncs it.
  // Throws std::system_error (errno of the failing call) on I/O failure.
  StagedFile(const std::filesystem::path& source, const std::filesystem::path& folder);
  ~StagedFile();
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  const std::string& sha256() const noexcept { return sha256_; }
  std::int64_t size() const noexcept { return size_; }

  // Renames into place as `final_name` in the same folder and fsyncs the folder.
  // Throws std::system_error.
  void commit(const std::filesystem::path& final_path);

 private:
  std::filesystem::path path_;
  std::string sha256_;
  std::int64_t size_ = 0;
  bool committed_ = false;
};

// Stored audio files are readable by the station's group (the daemon), whatever the umask.
inline constexpr unsigned kStoredFileMode = 0640;

// Temporary names start with this; leftovers from a crash are swept at the next import.
inline constexpr const char* kStagingPrefix = ".import-";

// True for a name that starts with kStagingPrefix.
bool is_staging_name(const std::filesystem::path& name) noexcept;

// True for a staging file last written more than an hour ago: older than an hour, a running
// import is not writing it any more.
bool is_stale_staging(const std::filesystem::directory_entry& entry) noexcept;

// Removes staging leftovers older than an hour (a running import is younger than that).
void sweep_stale_staging(const std::filesystem::path& folder) noexcept;

}  // namespace loaxa::library
