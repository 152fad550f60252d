#include "daemon/instance_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <cerrno>

namespace loaxa::daemon {

InstanceLockError::InstanceLockError(Kind kind_, std::filesystem::path file_, int error_number_)
    : std::runtime_error("loaxad lock " + file_.string()),
      kind(kind_),
      file(std::move(file_)),
      error_number(error_number_) {}

InstanceLock::InstanceLock(const std::filesystem::path& home) {
  const auto file = file_in(home);
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0660);
  if (fd_ < 0) throw InstanceLockError(InstanceLockError::Kind::cannot_open, file, errno);
  int rc;
  do {
    rc = ::flock(fd_, LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK) throw InstanceLockError(InstanceLockError::Kind::held, file, 0);
    throw InstanceLockError(InstanceLockError::Kind::cannot_open, file, error);
  }
}

InstanceLock::~InstanceLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace loaxa::daemon
