#include "audio/input_file.hpp"

#include "audio/analysis.hpp"
#include "common/i18n.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <string>

namespace loaxa::audio {
namespace {

[[noreturn]] void throw_errno(int err) {
  const auto kind = (err == ENOENT || err == ENOTDIR) ? DecodeError::Kind::missing : DecodeError::Kind::unreadable;
  throw DecodeError(kind, std::strerror(err));
}

}  // namespace

InputFile::InputFile(const std::filesystem::path& path) : path_(path) {
  // stat before open: opening a FIFO would block, and open() succeeds on a directory.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw_errno(errno);
  if (S_ISDIR(st.st_mode)) throw DecodeError(DecodeError::Kind::unreadable, tr("it is a folder"));
  if (!S_ISREG(st.st_mode)) throw DecodeError(DecodeError::Kind::unreadable, tr("not a regular file"));

  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw_errno(errno);
  if (::fstat(fd_, &st) != 0) {
    const int err = errno;
    ::close(fd_);
    throw_errno(err);
  }
  size_ = st.st_size;
  if (size_ == 0) {
    ::close(fd_);
    throw DecodeError(DecodeError::Kind::empty, tr("the file is empty (0 bytes)"));
  }
}

InputFile::~InputFile() {
  ::close(fd_);
}

std::size_t InputFile::read_at(std::int64_t offset, std::span<std::byte> out) const noexcept {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, offset + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

}  // namespace loaxa::audio
