#pragma once
// A Handler that records calls, and a server running it on its own io_context thread.

#include "control/protocol.hpp"
#include "control/server.hpp"
#include "support/temp_dir.hpp"

#include <boost/asio/io_context.hpp>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace loaxa::test {

class FakeHandler : public control::Handler {
 public:
  control::DaemonStatus status() override;
  // Segment 99 does not exist; segment 13 throws; 21 is not approved; 22 is refused with a
  // reason this CLI does not know; segment 50 waits for release(). The first stop() finds
  // something on air, later ones nothing.
  std::optional<control::Error> play(std::int64_t segment) override;
  std::optional<control::Error> stop() override;
  std::optional<control::Error> reload() override;
  // Recorded as asked; segment 99 does not exist.
  std::optional<control::Error> emergency(std::int64_t segment, int repeat, const std::string& asked_by) override;
  std::optional<control::Error> priority(std::int64_t segment, const std::string& asked_by) override;

  struct Bulletin {
    std::string level;  // "emergency" or "priority"
    std::int64_t segment = 0;
    int repeat = 0;
    std::string asked_by;
  };
  std::vector<Bulletin> bulletins() const;
  std::vector<std::int64_t> played() const;
  int stops() const { return stops_; }
  int reloads() const { return reloads_; }
  bool thread_was_loop(std::thread::id loop) const;

  // For segment 50: wait_entered() until play() runs, release() lets it return.
  void wait_entered();
  void release();

 private:
  void record_thread();
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::int64_t> played_;
  std::vector<Bulletin> bulletins_;
  std::vector<std::thread::id> threads_;
  std::atomic<int> stops_{0};
  std::atomic<int> reloads_{0};
  bool entered_ = false;
  bool released_ = false;
};

// A Server on `dir/loaxad.sock` with FakeHandler, its io_context run on a thread.
class ServerFixture {
 public:
  explicit ServerFixture(control::Server::Options options = {});
  ~ServerFixture();

  // Closes the server on the loop thread; true when run() then returned within 10 s.
  bool close_and_drain();
  std::size_t connections();

  TempDir dir;
  std::filesystem::path path = dir / "loaxad.sock";
  FakeHandler handler;
  boost::asio::io_context io;
  std::optional<control::Server> server;
  std::thread::id loop_id;

 private:
  std::future<void> loop_;
  bool drained_ = false;
};

}  // namespace loaxa::test
