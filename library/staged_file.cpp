#include "library/staged_file.hpp"

#include "common/fd.hpp"
#include "common/sha256.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <system_error>
#include <vector>

namespace loaxa::library {
namespace {

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

void fsync_folder(const std::filesystem::path& folder) {
  Fd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || ::fsync(dir.get()) != 0) throw_errno(folder.string());
}

}  // namespace

StagedFile::StagedFile(const std::filesystem::path& source, const std::filesystem::path& folder) {
  Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) throw_errno(source.string());

  std::string pattern = (folder / kStagingPrefix).string() + "XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  Fd out(::mkostemp(name.data(), O_CLOEXEC));
  if (out.get() < 0) throw_errno(folder.string());
  path_ = name.data();

  try {
    // mkostemp makes 0600; the station's daemon reads segments through its group.
    if (::fchmod(out.get(), kStoredFileMode) != 0) throw_errno(path_.string());
    Sha256 hash;
    std::vector<char> buffer(1 << 20);
    for (;;) {
      ssize_t got = ::read(in.get(), buffer.data(), buffer.size());
      if (got < 0) {
        if (errno == EINTR) continue;
        throw_errno(source.string());
      }
      if (got == 0) break;
      hash.update(buffer.data(), static_cast<std::size_t>(got));
      for (ssize_t written = 0; written < got;) {
        ssize_t n = ::write(out.get(), buffer.data() + written, static_cast<std::size_t>(got - written));
        if (n < 0) {
          if (errno == EINTR) continue;
          throw_errno(path_.string());
        }
        written += n;
      }
      size_ += got;
    }
    if (::fsync(out.get()) != 0) throw_errno(path_.string());
    sha256_ = hash.finish();
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
    throw;
  }
}

StagedFile::~StagedFile() {
  if (committed_) return;
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

void StagedFile::commit(const std::filesystem::path& final_path) {
  if (::rename(path_.c_str(), final_path.c_str()) != 0) throw_errno(final_path.string());
  committed_ = true;
  path_ = final_path;
  fsync_folder(final_path.parent_path());
}

bool is_staging_name(const std::filesystem::path& name) noexcept {
  return name.filename().string().rfind(kStagingPrefix, 0) == 0;
}

bool is_stale_staging(const std::filesystem::directory_entry& entry) noexcept {
  if (!is_staging_name(entry.path())) return false;
  std::error_code ec;
  const auto written = entry.last_write_time(ec);
  return !ec && written < std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
}

void sweep_stale_staging(const std::filesystem::path& folder) noexcept {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    std::error_code entry_ec;
    if (is_stale_staging(entry)) std::filesystem::remove(entry.path(), entry_ec);
  }
}

}  // namespace loaxa::library
