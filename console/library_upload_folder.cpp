#include "console/library_upload_folder.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <system_error>

namespace loaxa::console {
namespace {

std::system_error system_error(const std::string& what) {
  return std::system_error(errno, std::generic_category(), what);
}

// An upload takes seconds; a folder a day old was left by a process that died mid-way.
void remove_leftovers(const std::filesystem::path& uploads) {
  const auto cutoff = std::filesystem::file_time_type::clock::now() - std::chrono::hours(24);
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(uploads, ec)) {
    std::error_code entry_ec;
    if (entry.last_write_time(entry_ec) < cutoff && !entry_ec) std::filesystem::remove_all(entry.path(), entry_ec);
  }
}

}  // namespace

UploadFolder::UploadFolder(const Home& home) {
  const auto uploads = home.root / ".uploads";
  std::filesystem::create_directories(uploads);
  remove_leftovers(uploads);
  std::string pattern = (uploads / "XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw system_error("mkdtemp " + pattern);
  path_ = pattern;
}

UploadFolder::~UploadFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path UploadFolder::write(const std::string& name, std::string_view bytes) {
  const auto file = path_ / name;
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw system_error("open " + file.string());
  while (!bytes.empty()) {
    const auto written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) {
      const auto error = system_error("write " + file.string());
      ::close(fd);
      throw error;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::close(fd) != 0) throw system_error("close " + file.string());
  return file;
}

}  // namespace loaxa::console
