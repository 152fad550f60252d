#pragma once
// One daemon per station: loaxad holds an exclusive flock on `loaxad.lock` in the home for as
// long as it runs. A second loaxad on the same home finds it taken and refuses to start,
// instead of airing every programme twice. The kernel releases the lock when the process
// dies, however it dies, so a crash never leaves a stale lock.
//
// Thread safety: a value owned by main(). Throws InstanceLockError.

#include <filesystem>
#include <stdexcept>

namespace loaxa::daemon {

class InstanceLockError : public std::runtime_error {
 public:
  enum class Kind { held, cannot_open };
  InstanceLockError(Kind kind, std::filesystem::path file, int error_number);
  Kind kind;
  std::filesystem::path file;
  int error_number;  // errno of the failing call (0 for held)
};

class InstanceLock {
 public:
  // Takes the lock on `home`/loaxad.lock, creating the file. Throws InstanceLockError
  // (held: another process has it; cannot_open: the file cannot be created or opened).
  explicit InstanceLock(const std::filesystem::path& home);
  ~InstanceLock();
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;

  static std::filesystem::path file_in(const std::filesystem::path& home) { return home / "loaxad.lock"; }

 private:
  int fd_ = -1;
};

}  // namespace loaxa::daemon
