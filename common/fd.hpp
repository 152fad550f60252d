#pragma once
// Owns a POSIX file descriptor: closed when it goes out of scope. Not copyable.

#include <unistd.h>

namespace loaxa {

class Fd {
 public:
  explicit Fd(int fd) noexcept : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const noexcept { return fd_; }

 private:
  int fd_;
};

}  // namespace loaxa
