#include "store/database.hpp"

#include "store/busy.hpp"
#include "store/migrations.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <system_error>
#include <thread>

namespace loaxa::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

// Creates an empty database file, mode 0660 regardless of the umask, unless it exists.
// SQLite would create it 0644 minus the umask; its -wal and -shm files copy the mode of the
// database file, so setting it here is enough for all three.
void create_group_writable(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
  if (fd < 0) {
    if (errno == EEXIST) return;  // there already, perhaps made by another process just now
    throw std::system_error(errno, std::generic_category(), file.string());
  }
  const int chmod_rc = ::fchmod(fd, 0660);
  const int chmod_errno = errno;
  ::close(fd);
  if (chmod_rc != 0) throw std::system_error(chmod_errno, std::generic_category(), file.string());
}

// On a brand-new file opened by several processes at once, PRAGMA journal_mode=WAL returns
// SQLITE_BUSY at once, without calling the busy handler (measured with SQLite 3.40: 6
// processes, 1 in 10-30 fail within a millisecond). So retry until the busy timeout. The mode
// is read back too: a switch SQLite cannot make leaves the old mode without an error.
void enter_wal(SQLite::Database& db) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  for (;;) {
    try {
      if (db.execAndGet("PRAGMA journal_mode=WAL").getString() == "wal") return;
      if (std::chrono::steady_clock::now() >= deadline) {
        throw BusyError("the database could not be switched to WAL mode in time");
      }
    } catch (const SQLite::Exception& e) {
      if (!is_busy(e)) throw;
      if (std::chrono::steady_clock::now() >= deadline) throw BusyError(e.what());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

// The file is made (or found) before SQLite opens it, hence the comma: it must precede the
// SQLite::Database member's construction.
Database::Database(const std::filesystem::path& file)
    : Database((create_group_writable(file), file.string()), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, -1) {}

Database Database::in_memory(int version) {
  return Database(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, version);
}

Database::Database(const std::string& name, int flags, int version) : db_(name, flags, kBusyTimeoutMs) {
  if (name != ":memory:") enter_wal(db_);
  db_.exec("PRAGMA foreign_keys=ON");
  // WAL with synchronous=NORMAL loses no committed transaction on a crash of the program,
  // only possibly the last ones on a power cut; FULL keeps those too, and imports are rare.
  db_.exec("PRAGMA synchronous=FULL");
  migrate(*this, version < 0 ? latest_schema_version() : version);
}

int Database::schema_version() {
  return store::schema_version(db_);
}

}  // namespace loaxa::store
