#include "hub/wal_checkpointer.hpp"

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

namespace loaxa::hub {

namespace {

constexpr int kBusyTimeoutMs = 5000;

}  // namespace

WalCheckpointer::WalCheckpointer(SQLite::Database& writer, const std::filesystem::path& file, int pages)
    : writer_(writer),
      own_(std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READWRITE, kBusyTimeoutMs)),
      pages_(pages),
      thread_([this] { run(); }) {
  own_->exec("PRAGMA synchronous=FULL");
  // Called by the writer's connection after each commit, on the writer's thread, with the
  // pages now in the log.
  sqlite3_wal_hook(
      writer_.getHandle(),
      [](void* self, sqlite3*, const char*, int in_log) {
        auto* checkpointer = static_cast<WalCheckpointer*>(self);
        if (in_log >= checkpointer->pages_) checkpointer->request();
        return SQLITE_OK;
      },
      this);
}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_autocheckpoint(writer_.getHandle(), pages_);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void WalCheckpointer::request() {
  {
    std::lock_guard lock(mutex_);
    requested_ = true;
  }
  wake_.notify_one();
}

void WalCheckpointer::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return requested_ || stopping_; });
      if (stopping_) return;
      requested_ = false;
    }
    // PASSIVE: copies what no reader still needs, never waits on the writer. A busy or failed
    // checkpoint is tried again at the next request; the log stays valid meanwhile.
    sqlite3_wal_checkpoint_v2(own_->getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  }
}

}  // namespace loaxa::hub
