#pragma once
// Another process (the daemon, another command) held the database longer than the busy
// timeout. Nothing was changed; trying again shortly is the remedy.

#include <stdexcept>
#include <string>

namespace SQLite {
class Exception;
}

namespace loaxa::store {

class BusyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// True for SQLITE_BUSY and SQLITE_LOCKED (any extended code).
bool is_busy(const SQLite::Exception& e) noexcept;

// Runs `work`, turning a busy SQLite::Exception into BusyError.
template <typename Work>
auto busy_as_error(Work&& work) -> decltype(work());

}  // namespace loaxa::store

#include <SQLiteCpp/Exception.h>

namespace loaxa::store {

template <typename Work>
auto busy_as_error(Work&& work) -> decltype(work()) {
  try {
    return work();
  } catch (const SQLite::Exception& e) {
    if (is_busy(e)) throw BusyError(e.what());
    throw;
  }
}

}  // namespace loaxa::store
