#include "faulty_proxy.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>
#include <thread>

namespace loaxa::sync::test {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

enum class Fate { relay, lose_request, lose_answer };

}  // namespace

struct FaultyProxy::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::thread thread;

  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  Counts counts;
  std::map<std::string, std::string> answered;  // request target → the last such request's bytes
  unsigned short upstream = 0;
  bool up = true;
  double loss = 0;
  int max_in_a_row = 1;
  std::chrono::milliseconds delay{0};
  std::string tamper_target;
  int tamper_left = 0;

  // The io thread's own.
  std::mt19937_64 random;
  int lost_in_a_row = 0;

  void count(std::uint64_t Counts::*which) {
    {
      std::lock_guard lock(mutex);
      ++(counts.*which);
    }
    changed.notify_all();
  }

  Fate decide(double chance, int most_in_a_row) {
    std::uniform_real_distribution<double> roll(0, 1);
    // Both numbers are drawn every time, so a seed gives the same run of fates.
    const double lose = roll(random);
    const double kind = roll(random);
    if (lose < chance && lost_in_a_row < most_in_a_row) {
      ++lost_in_a_row;
      return kind < 0.5 ? Fate::lose_request : Fate::lose_answer;
    }
    lost_in_a_row = 0;
    return Fate::relay;
  }

  static std::string target_of(const std::string& request) {
    const auto target_at = request.find(' ');
    if (target_at == std::string::npos) return {};
    const auto target_end = request.find(' ', target_at + 1);
    if (target_end == std::string::npos) return {};
    return request.substr(target_at + 1, target_end - target_at - 1);
  }

  void remember(const std::string& request) {
    const std::string target = target_of(request);
    if (target.empty()) return;
    std::lock_guard lock(mutex);
    answered[target] = request;
  }

  // Whether this request's answer is to be altered (and one fewer left to alter).
  bool take_tamper(const std::string& request) {
    std::lock_guard lock(mutex);
    if (tamper_left <= 0 || target_of(request) != tamper_target) return false;
    --tamper_left;
    return true;
  }

  void accept();
};

namespace {

// One connection: the station's request and the hub's answer.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(FaultyProxy::Impl& proxy, tcp::socket station, Fate fate, unsigned short upstream,
          std::chrono::milliseconds delay)
      : proxy_(proxy),
        station_(std::move(station)),
        hub_(proxy.io),
        timer_(proxy.io),
        fate_(fate),
        upstream_(upstream),
        delay_(delay) {}

  void start() {
    auto self = shared_from_this();
    if (fate_ == Fate::lose_request) {
      // Some of the request arrives, then the line goes: the hub never sees it.
      station_.async_read_some(asio::buffer(to_hub_), [self](const error_code&, std::size_t) {
        self->proxy_.count(&FaultyProxy::Counts::lost_requests);
        self->close();
      });
      return;
    }
    hub_.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), upstream_), [self](const error_code& ec) {
      if (ec) return self->close();  // no hub there: the station sees the connection drop
      self->station_to_hub();
      self->hub_to_station();
    });
  }

 private:
  void station_to_hub() {
    auto self = shared_from_this();
    station_.async_read_some(asio::buffer(to_hub_), [self](const error_code& ec, std::size_t n) {
      if (ec == asio::error::eof) {
        error_code ignored;
        self->hub_.shutdown(tcp::socket::shutdown_send, ignored);
        return;
      }
      if (ec) return self->close();
      self->request_.append(self->to_hub_.data(), n);
      asio::async_write(self->hub_, asio::buffer(self->to_hub_.data(), n),
                        [self](const error_code& written, std::size_t) {
                          if (written) return self->close();
                          if (!self->at_hub_) {
                            self->at_hub_ = true;
                            self->proxy_.count(&FaultyProxy::Counts::at_hub);
                          }
                          self->station_to_hub();
                        });
    });
  }

  void hub_to_station() {
    auto self = shared_from_this();
    hub_.async_read_some(asio::buffer(to_station_), [self](const error_code& ec, std::size_t n) {
      if (ec) {
        // The hub closes after its answer (loaxad asks for "Connection: close").
        if (ec == asio::error::eof && self->answer_begun_) self->proxy_.count(&FaultyProxy::Counts::answers_relayed);
        return self->close();
      }
      if (!self->answer_begun_) self->tamper_ = self->proxy_.take_tamper(self->request_);
      if (self->tamper_ && self->flip_body_byte(n)) {
        self->tamper_ = false;
        self->proxy_.count(&FaultyProxy::Counts::tampered);
      }
      if (self->answer_begun_) return self->pass_on(n);
      self->answer_begun_ = true;
      self->proxy_.remember(self->request_);
      self->proxy_.count(&FaultyProxy::Counts::answers_begun);
      if (self->fate_ == Fate::lose_answer) {
        // The hub has decided (and stored what it stores) before it answers.
        self->proxy_.count(&FaultyProxy::Counts::lost_answers);
        return self->close();
      }
      if (self->delay_.count() == 0) return self->pass_on(n);
      self->timer_.expires_after(self->delay_);
      self->timer_.async_wait([self, n](const error_code& waited) {
        if (waited) return self->close();
        self->pass_on(n);
      });
    });
  }

  // Flips the last byte of these `n` bytes when it is the body's (past the blank line that ends
  // the headers); false when the piece holds headers only.
  bool flip_body_byte(std::size_t n) {
    seen_ += std::string_view(to_station_.data(), n);
    const auto body_at = seen_.find("\r\n\r\n");
    if (body_at == std::string::npos || seen_.size() <= body_at + 4) return false;
    to_station_[n - 1] = static_cast<char>(to_station_[n - 1] ^ 0x5a);
    return true;
  }

  void pass_on(std::size_t n) {
    auto self = shared_from_this();
    asio::async_write(station_, asio::buffer(to_station_.data(), n), [self](const error_code& ec, std::size_t) {
      if (ec) return self->close();
      self->hub_to_station();
    });
  }

  void close() {
    error_code ignored;
    station_.close(ignored);
    hub_.close(ignored);
    timer_.cancel();
  }

  FaultyProxy::Impl& proxy_;
  tcp::socket station_;
  tcp::socket hub_;
  asio::steady_timer timer_;
  Fate fate_;
  unsigned short upstream_;
  std::chrono::milliseconds delay_;
  bool at_hub_ = false;
  bool answer_begun_ = false;
  bool tamper_ = false;  // this answer's body is to be altered
  std::string seen_;     // the answer so far, while it is to be altered
  std::string request_;  // the station's bytes, as forwarded so far
  std::array<char, 16384> to_hub_{};
  std::array<char, 16384> to_station_{};
};

}  // namespace

void FaultyProxy::Impl::accept() {
  acceptor.async_accept([this](const error_code& ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (ec) return accept();
    count(&Counts::accepted);
    bool network_up = false;
    double chance = 0;
    int most_in_a_row = 0;
    unsigned short port = 0;
    std::chrono::milliseconds hold{0};
    {
      std::lock_guard lock(mutex);
      network_up = up;
      chance = loss;
      most_in_a_row = max_in_a_row;
      port = upstream;
      hold = delay;
    }
    if (!network_up) {
      count(&Counts::refused);
      error_code ignored;
      socket.close(ignored);
      return accept();
    }
    std::make_shared<Session>(*this, std::move(socket), decide(chance, most_in_a_row), port, hold)->start();
    accept();
  });
}

FaultyProxy::FaultyProxy(unsigned short upstream_port, std::uint64_t seed) : impl_(std::make_shared<Impl>()) {
  Impl& p = *impl_;
  p.upstream = upstream_port;
  p.random.seed(seed);
  const tcp::endpoint loopback(asio::ip::address_v4::loopback(), 0);
  p.acceptor.open(loopback.protocol());
  p.acceptor.set_option(tcp::acceptor::reuse_address(true));
  p.acceptor.bind(loopback);
  p.acceptor.listen();
  port_ = p.acceptor.local_endpoint().port();
  p.accept();
  p.thread = std::thread([&p] { p.io.run(); });
}

FaultyProxy::~FaultyProxy() {
  Impl& p = *impl_;
  asio::post(p.io, [&p] {
    error_code ignored;
    p.acceptor.close(ignored);
  });
  p.io.stop();
  p.thread.join();
}

std::string FaultyProxy::last_request(const std::string& target) const {
  std::lock_guard lock(impl_->mutex);
  const auto found = impl_->answered.find(target);
  return found == impl_->answered.end() ? std::string() : found->second;
}

std::string FaultyProxy::url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

void FaultyProxy::set_upstream(unsigned short port) {
  std::lock_guard lock(impl_->mutex);
  impl_->upstream = port;
}

void FaultyProxy::set_network_up(bool up) {
  std::lock_guard lock(impl_->mutex);
  impl_->up = up;
}

void FaultyProxy::set_loss(double fraction, int max_in_a_row) {
  std::lock_guard lock(impl_->mutex);
  impl_->loss = fraction;
  impl_->max_in_a_row = max_in_a_row;
}

void FaultyProxy::tamper_with_answers(const std::string& target, int answers) {
  std::lock_guard lock(impl_->mutex);
  impl_->tamper_target = target;
  impl_->tamper_left = answers;
}

void FaultyProxy::set_answer_delay(std::chrono::milliseconds delay) {
  std::lock_guard lock(impl_->mutex);
  impl_->delay = delay;
}

FaultyProxy::Counts FaultyProxy::counts() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->counts;
}

bool FaultyProxy::wait_until_above(std::uint64_t Counts::*which, std::uint64_t above,
                                   std::chrono::milliseconds limit) const {
  std::unique_lock lock(impl_->mutex);
  return impl_->changed.wait_for(lock, limit, [&] { return impl_->counts.*which > above; });
}

}  // namespace loaxa::sync::test
