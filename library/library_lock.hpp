#pragma once
// The library's advisory lock: one exclusive flock(2) on segments/.lock, shared by every
// process of a station (the CLI, the daemon), so the steps that must agree on "which file
// belongs to which row" do not interleave:
//   - import: rename into place + insert the row (or restore the file of a present row);
//   - removal: delete the row + unlink the file;
//   - verify --repair: re-check and remove.
// Order is always this lock first, then the database write transaction. Taking them the
// other way round in one process while another does it this way would deadlock.
//
// Thread safety: a LibraryLock belongs to the thread that made it. flock belongs to the
// open file, so two LibraryLocks in one process exclude each other too (do not nest them).
// Throws LockBusyError when the lock is not had within the wait, std::system_error when the
// lock file cannot be opened.

#include "common/home.hpp"
#include "store/busy.hpp"

#include <chrono>
#include <filesystem>

namespace loaxa::library {

// The lock file inside segments/; verify never reports it as a file without a row.
inline constexpr const char* kLockFileName = ".lock";

// Another process held the library longer than the wait. Nothing was changed; try again.
// A store::BusyError, so a front end handles "busy" once.
class LockBusyError : public store::BusyError {
 public:
  using store::BusyError::BusyError;
};

class LibraryLock {
 public:
  static constexpr std::chrono::milliseconds kDefaultWait{10'000};

  explicit LibraryLock(const Home& home, std::chrono::milliseconds wait = kDefaultWait);
  ~LibraryLock();
  LibraryLock(const LibraryLock&) = delete;
  LibraryLock& operator=(const LibraryLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace loaxa::library
