// web::Server over a real loopback socket: requests reach the handler with their headers, a
// body over the limit is refused before it is read, and an event stream stays open and
// carries what is published.

#include "web/server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <thread>

namespace asio = boost::asio;
namespace web = loaxa::web;
using tcp = asio::ip::tcp;

namespace {

// A server on a thread of its own, as loaxad runs it.
struct Running {
  explicit Running(web::ServerOptions options) {
    options.listen = "127.0.0.1:0";
    server = std::make_unique<web::Server>(io, std::move(options));
    thread = std::thread([this] { io.run(); });
  }
  ~Running() {
    asio::post(io, [this] { server->close(); });
    io.stop();
    thread.join();
  }
  template <class Work>
  void on_thread(Work work) {
    std::promise<void> done;
    asio::post(io, [&] {
      work();
      done.set_value();
    });
    done.get_future().wait();
  }

  asio::io_context io;
  std::unique_ptr<web::Server> server;
  std::thread thread;
};

struct Client {
  explicit Client(unsigned short port) : socket(io) { socket.connect({asio::ip::make_address("127.0.0.1"), port}); }
  void send(const std::string& text) { asio::write(socket, asio::buffer(text)); }
  // Up to and including "\r\n\r\n".
  std::string head() {
    asio::read_until(socket, buffer, "\r\n\r\n");
    std::string text(asio::buffers_begin(buffer.data()), asio::buffers_end(buffer.data()));
    const auto end = text.find("\r\n\r\n") + 4;
    buffer.consume(end);
    return text.substr(0, end);
  }
  std::string until(const std::string& marker) {
    asio::read_until(socket, buffer, marker);
    std::string text(asio::buffers_begin(buffer.data()), asio::buffers_end(buffer.data()));
    const auto end = text.find(marker) + marker.size();
    buffer.consume(end);
    return text.substr(0, end);
  }
  asio::io_context io;
  tcp::socket socket;
  asio::streambuf buffer;
};

}  // namespace

TEST_CASE("a request reaches the handler with its headers and the answer comes back") {
  web::ServerOptions options;
  std::string seen_token;
  options.handler = [&](web::WebRequest request, std::function<void(web::WebResponse)> answer) {
    seen_token = std::string(request.header("X-Loaxa-Token"));
    web::WebResponse response;
    response.body = request.method + " " + request.target + " " + request.body;
    answer(std::move(response));
  };
  Running running(options);
  Client client(running.server->port());
  client.send("POST /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Loaxa-Token: abc\r\nContent-Length: 5\r\n\r\nhello");
  const auto head = client.head();
  CHECK_THAT(head, Catch::StartsWith("HTTP/1.1 200"));
  CHECK(client.until("hello") == "POST /a?b=1 hello");
  CHECK(seen_token == "abc");
}

TEST_CASE("a body over the route's limit is refused with 413 before it is read") {
  web::ServerOptions options;
  std::atomic<int> handled{0};
  options.body_limit = [](std::string_view, std::string_view target) -> std::size_t {
    return target.rfind("/upload", 0) == 0 ? 1000 : 10;
  };
  options.handler = [&](web::WebRequest, std::function<void(web::WebResponse)> answer) {
    ++handled;
    answer({});
  };
  Running running(options);
  {
    // Two gigabytes announced: answered at once, nothing of it sent.
    Client client(running.server->port());
    client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 2147483648\r\n\r\n");
    CHECK_THAT(client.head(), Catch::StartsWith("HTTP/1.1 413"));
  }
  {
    Client client(running.server->port());
    client.send("POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world");
    CHECK_THAT(client.head(), Catch::StartsWith("HTTP/1.1 413"));
  }
  {
    // A chunked body that grows past the limit is cut off too.
    Client client(running.server->port());
    client.send(
        "POST /form HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
        "chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n");
    CHECK_THAT(client.head(), Catch::StartsWith("HTTP/1.1 413"));
  }
  {
    Client client(running.server->port());
    client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\n" + std::string(900, 'a'));
    CHECK_THAT(client.head(), Catch::StartsWith("HTTP/1.1 200"));
  }
  CHECK(handled == 1);
}

TEST_CASE("an event stream stays open and carries every event published, one line of data each") {
  web::ServerOptions options;
  options.handler = [](web::WebRequest, std::function<void(web::WebResponse)> answer) {
    web::WebResponse response;
    response.event_stream = true;
    response.body = web::event_text("hello", "{}");
    answer(std::move(response));
  };
  Running running(options);
  Client client(running.server->port());
  client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto head = client.head();
  CHECK_THAT(head, Catch::StartsWith("HTTP/1.1 200") && Catch::Contains("text/event-stream"));
  CHECK_THAT(client.until("\n\n"), Catch::Contains("retry: 1000"));
  CHECK(client.until("\n\n") == "event: hello\ndata: {}\n\n");
  bool published = false;
  bool refused = true;
  running.on_thread([&] {
    CHECK(running.server->event_streams() == 1);
    published = running.server->publish("play", R"({"id":7})");
    refused = running.server->publish("play", "two\nlines");
  });
  CHECK(published);
  CHECK_FALSE(refused);
  CHECK(client.until("\n\n") == "event: play\ndata: {\"id\":7}\n\n");
}

TEST_CASE("the listen address is checked: not ADDRESS:PORT, or plain HTTP beyond this machine") {
  asio::io_context io;
  web::ServerOptions options;
  options.handler = [](web::WebRequest, std::function<void(web::WebResponse)> answer) { answer({}); };
  options.listen = "localhost";
  try {
    web::Server server(io, options);
    FAIL("a bad address was accepted");
  } catch (const web::ServerError& e) {
    CHECK(e.kind == web::ServerError::Kind::bad_address);
  }
  options.listen = "0.0.0.0:0";
  try {
    web::Server server(io, options);
    FAIL("plain HTTP beyond loopback was accepted");
  } catch (const web::ServerError& e) {
    CHECK(e.kind == web::ServerError::Kind::plain_not_loopback);
  }
  options.allow_plain = true;
  web::Server server(io, options);
  CHECK(server.port() != 0);
}
