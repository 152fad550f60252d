#include "control/fake_handler.hpp"

#include <boost/asio/post.hpp>

#include <stdexcept>

namespace loaxa::test {

using namespace std::chrono_literals;

control::DaemonStatus FakeHandler::status() {
  record_thread();
  control::DaemonStatus s;
  s.output_device = "null";
  s.amplifier = control::AmplifierState::off;
  s.home = "/tmp/home";
  s.version = "test";
  s.uptime = 12s;
  s.next = control::NextOccurrence{"Bản tin sáng", 4, std::chrono::sys_days(std::chrono::year(2030) / 1 / 2) + 5h};
  return s;
}

std::optional<control::Error> FakeHandler::play(std::int64_t segment) {
  record_thread();
  if (segment == 99) return control::Error{control::ErrorKind::not_found, "no segment 99", "no_such_segment", {}};
  if (segment == 13) throw std::runtime_error("the sound card vanished");
  if (segment == 21) {
    return control::Error{control::ErrorKind::refused, "segment 21 cannot air today: not_approved", "not_approved",
                          "Tin nháp"};
  }
  if (segment == 22) {
    return control::Error{control::ErrorKind::refused, "a newer refusal", "some_new_reason", {}};
  }
  if (segment == 50) {
    std::unique_lock lock(mutex_);
    entered_ = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return released_; });
  }
  std::lock_guard lock(mutex_);
  played_.push_back(segment);
  return std::nullopt;
}

std::optional<control::Error> FakeHandler::stop() {
  record_thread();
  // The first stop finds something on air, the next ones do not.
  if (++stops_ > 1) return control::Error{control::ErrorKind::refused, "nothing is on air", "nothing_on_air", {}};
  return std::nullopt;
}

std::optional<control::Error> FakeHandler::reload() {
  record_thread();
  ++reloads_;
  return std::nullopt;
}

std::optional<control::Error> FakeHandler::emergency(std::int64_t segment, int repeat, const std::string& asked_by) {
  record_thread();
  if (segment == 99) return control::Error{control::ErrorKind::not_found, "there is no segment 99", "no_such_segment"};
  std::lock_guard lock(mutex_);
  bulletins_.push_back({"emergency", segment, repeat, asked_by});
  return std::nullopt;
}

std::optional<control::Error> FakeHandler::priority(std::int64_t segment, const std::string& asked_by) {
  record_thread();
  if (segment == 99) return control::Error{control::ErrorKind::not_found, "there is no segment 99", "no_such_segment"};
  std::lock_guard lock(mutex_);
  bulletins_.push_back({"priority", segment, 1, asked_by});
  return std::nullopt;
}

std::vector<FakeHandler::Bulletin> FakeHandler::bulletins() const {
  std::lock_guard lock(mutex_);
  return bulletins_;
}

std::vector<std::int64_t> FakeHandler::played() const {
  std::lock_guard lock(mutex_);
  return played_;
}

bool FakeHandler::thread_was_loop(std::thread::id loop) const {
  std::lock_guard lock(mutex_);
  for (auto id : threads_) {
    if (id != loop) return false;
  }
  return !threads_.empty();
}

void FakeHandler::record_thread() {
  std::lock_guard lock(mutex_);
  threads_.push_back(std::this_thread::get_id());
}

void FakeHandler::wait_entered() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return entered_; });
}

void FakeHandler::release() {
  std::lock_guard lock(mutex_);
  released_ = true;
  changed_.notify_all();
}

ServerFixture::ServerFixture(control::Server::Options options) {
  server.emplace(io, path, handler, options);
  std::promise<std::thread::id> id;
  auto id_future = id.get_future();
  loop_ = std::async(std::launch::async, [this, id = std::move(id)]() mutable {
    id.set_value(std::this_thread::get_id());
    io.run();
  });
  loop_id = id_future.get();
}

ServerFixture::~ServerFixture() {
  if (!drained_) {
    handler.release();
    close_and_drain();
  }
  if (!drained_) io.stop();  // only so a failed test ends; the drain itself is what is tested
  loop_.wait();
}

bool ServerFixture::close_and_drain() {
  std::promise<void> closed;
  boost::asio::post(io, [&] {
    server.reset();
    closed.set_value();
  });
  closed.get_future().wait();
  drained_ = loop_.wait_for(10s) == std::future_status::ready;
  return drained_;
}

std::size_t ServerFixture::connections() {
  std::promise<std::size_t> count;
  boost::asio::post(io, [&] { count.set_value(server ? server->connections() : 0); });
  return count.get_future().get();
}

}  // namespace loaxa::test
