// The test proxy itself (faulty_proxy.hpp) against a real loopback server: what it relays,
// the two ways it loses a request, the network down, its seeded 10 %, the held answer.

#include "faulty_proxy.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using loaxa::sync::test::FaultyProxy;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using namespace std::chrono_literals;

namespace {

const std::string kAnswer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";

// Answers every request (headers only) with kAnswer, on its own thread; counts the requests
// it saw whole.
class Upstream {
 public:
  Upstream() {
    const tcp::endpoint loopback(asio::ip::address_v4::loopback(), 0);
    acceptor_.open(loopback.protocol());
    acceptor_.bind(loopback);
    acceptor_.listen();
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Upstream() {
    io_.stop();
    thread_.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  int requests() const { return requests_; }

 private:
  void accept() {
    acceptor_.async_accept([this](const error_code& ec, tcp::socket socket) {
      if (ec) return;
      auto peer = std::make_shared<tcp::socket>(std::move(socket));
      auto buffer = std::make_shared<asio::streambuf>();
      asio::async_read_until(*peer, *buffer, "\r\n\r\n", [this, peer, buffer](const error_code& read, std::size_t) {
        if (read) return;
        ++requests_;
        asio::async_write(*peer, asio::buffer(kAnswer), [peer](const error_code&, std::size_t) {
          error_code ignored;
          peer->shutdown(tcp::socket::shutdown_both, ignored);
          peer->close(ignored);
        });
      });
      accept();
    });
  }

  asio::io_context io_;
  tcp::acceptor acceptor_{io_};
  std::thread thread_;
  std::atomic<int> requests_{0};
};

// One request through the proxy, as loaxad makes it (a connection of its own); what came back.
std::string exchange(unsigned short port) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port));
  const std::string request = "POST /api/v1/heartbeat HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n";
  error_code ec;
  asio::write(socket, asio::buffer(request), ec);
  std::string answer;
  asio::read(socket, asio::dynamic_buffer(answer), ec);  // to the end: the proxy or the server closes
  return answer;
}

// Waits (a little) for the server's count to settle after an exchange it answered.
int settled(const Upstream& upstream, int at_least) {
  for (int i = 0; i < 100 && upstream.requests() < at_least; ++i) std::this_thread::sleep_for(10ms);
  return upstream.requests();
}

}  // namespace

TEST_CASE("the test proxy relays, loses requests before the server and answers after it, and can be down",
          "[sync][proxy]") {
  Upstream upstream;
  FaultyProxy proxy(upstream.port(), 1);
  CHECK(exchange(proxy.port()) == kAnswer);
  CHECK(settled(upstream, 1) == 1);

  proxy.set_network_up(false);
  CHECK(exchange(proxy.port()).empty());
  CHECK(proxy.counts().refused == 1);
  proxy.set_network_up(true);

  // Everything lost: each request either never reaches the server, or reaches it and its
  // answer does not come back.
  proxy.set_loss(1.0, 1000);
  int seen = upstream.requests();
  int lost_requests = 0;
  int lost_answers = 0;
  for (int i = 0; i < 20; ++i) {
    CHECK(exchange(proxy.port()).empty());
    std::this_thread::sleep_for(20ms);
    const int now = upstream.requests();
    if (now == seen) ++lost_requests;
    if (now == seen + 1) ++lost_answers;
    seen = now;
  }
  CHECK(lost_requests + lost_answers == 20);
  CHECK(lost_requests == static_cast<int>(proxy.counts().lost_requests));
  CHECK(lost_answers == static_cast<int>(proxy.counts().lost_answers));
  CHECK(lost_requests > 0);
  CHECK(lost_answers > 0);

  // Another server: new connections go there.
  Upstream other;
  proxy.set_loss(0);
  proxy.set_upstream(other.port());
  CHECK(exchange(proxy.port()) == kAnswer);
  CHECK(settled(other, 1) == 1);
}

TEST_CASE("the test proxy loses about one request in ten, never two in a row, and can hold answers", "[sync][proxy]") {
  Upstream upstream;
  FaultyProxy proxy(upstream.port(), 20270111);
  proxy.set_loss(0.10);
  int lost = 0;
  int in_a_row = 0;
  int most_in_a_row = 0;
  for (int i = 0; i < 200; ++i) {
    const std::string answer = exchange(proxy.port());
    if (answer.empty()) {
      ++lost;
      most_in_a_row = std::max(most_in_a_row, ++in_a_row);
    } else {
      CHECK(answer == kAnswer);  // whole, or nothing
      in_a_row = 0;
    }
  }
  CHECK(lost >= 8);
  CHECK(lost <= 32);
  CHECK(most_in_a_row == 1);
  const auto counts = proxy.counts();
  CHECK(counts.lost_requests + counts.lost_answers == static_cast<std::uint64_t>(lost));

  proxy.set_loss(0);
  proxy.set_answer_delay(300ms);
  const auto start = std::chrono::steady_clock::now();
  CHECK(exchange(proxy.port()) == kAnswer);
  CHECK(std::chrono::steady_clock::now() - start >= 300ms);
}
