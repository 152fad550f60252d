#include "library/library_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <thread>

namespace loaxa::library {

LibraryLock::LibraryLock(const Home& home, std::chrono::milliseconds wait) {
  const auto path = home.segments() / kLockFileName;
  // Read-only is enough for flock, so a daemon in the station's group that may only read
  // segments/ can take the lock too; 0640 whatever the umask says.
  fd_ = ::open(path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0640);
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), path.string());
  struct stat info {};
  if (::fstat(fd_, &info) == 0 && info.st_uid == ::geteuid() && (info.st_mode & 0777) != 0640) ::fchmod(fd_, 0640);
  // Polling rather than a blocking flock: a blocking call cannot be bounded without signals,
  // and a busy station should hear "try again" instead of hanging.
  const auto deadline = std::chrono::steady_clock::now() + wait;
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    const int error = errno;
    if (error == EINTR) continue;
    if (error != EWOULDBLOCK) {
      ::close(fd_);
      throw std::system_error(error, std::generic_category(), path.string());
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      throw LockBusyError("the segment library is locked by another process: " + path.string());
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

LibraryLock::~LibraryLock() {
  ::close(fd_);  // closing the only descriptor of the open file releases the flock
}

}  // namespace loaxa::library
