#include "control/server.hpp"
#include "control/client.hpp"
#include "control/fake_handler.hpp"
#include "control/raw_socket.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <boost/asio/local/stream_protocol.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <future>
#include <vector>

using namespace loaxa;
using namespace loaxa::control;
using namespace std::chrono_literals;

namespace {

Response ask(const std::filesystem::path& path, Request request) {
  return control::request(path, request, 10s);
}

ErrorKind kind_of(const std::optional<std::string>& line) {
  REQUIRE(line);
  auto response = parse_response(*line);
  REQUIRE(std::holds_alternative<Response>(response));
  REQUIRE(std::get<Response>(response).error);
  return std::get<Response>(response).error->kind;
}

}  // namespace

TEST_CASE("good requests reach the handler on the loop thread and are answered") {
  test::ServerFixture f;
  auto status = ask(f.path, {Command::status, 0, RequestId{1}});
  REQUIRE(status.ok());
  CHECK(status.id == std::optional<RequestId>(RequestId{1}));
  REQUIRE(status.status);
  CHECK(status.status->version == "test");
  CHECK(status.status->next->programme == "Bản tin sáng");

  CHECK(ask(f.path, {Command::play, 7, {}}).ok());
  CHECK(ask(f.path, {Command::stop, 0, {}}).ok());
  CHECK(ask(f.path, {Command::reload, 0, {}}).ok());
  CHECK(f.handler.played() == std::vector<std::int64_t>{7});
  CHECK(f.handler.stops() == 1);
  CHECK(f.handler.reloads() == 1);

  auto missing = ask(f.path, {Command::play, 99, {}});
  REQUIRE(missing.error);
  CHECK(missing.error->kind == ErrorKind::not_found);
  auto thrown = ask(f.path, {Command::play, 13, {}});
  REQUIRE(thrown.error);
  CHECK(thrown.error->kind == ErrorKind::failed);
  CHECK(thrown.error->detail == "the sound card vanished");

  CHECK(f.handler.thread_was_loop(f.loop_id));
}

TEST_CASE("emergency and priority reach the handler with the socket peer's user as who asked") {
  test::ServerFixture f;
  Request emergency{Command::emergency, 7, {}};
  emergency.repeat = 3;
  emergency.asked_by = "someone else";  // not sent: the kernel says who asks
  CHECK(ask(f.path, emergency).ok());
  CHECK(ask(f.path, {Command::priority, 8, {}}).ok());
  auto missing = ask(f.path, {Command::emergency, 99, {}});
  REQUIRE(missing.error);
  CHECK(missing.error->kind == ErrorKind::not_found);

  const passwd* me = ::getpwuid(::getuid());
  REQUIRE(me != nullptr);
  const auto bulletins = f.handler.bulletins();
  REQUIRE(bulletins.size() == 2);
  CHECK(bulletins[0].level == "emergency");
  CHECK(bulletins[0].segment == 7);
  CHECK(bulletins[0].repeat == 3);
  CHECK(bulletins[0].asked_by == me->pw_name);
  CHECK(bulletins[1].level == "priority");
  CHECK(bulletins[1].segment == 8);
  CHECK(bulletins[1].asked_by == me->pw_name);
}

TEST_CASE("one connection, many lines: every bad line gets an error and the server lives") {
  test::ServerFixture f;
  test::RawSocket s(f.path);
  s.send("hello\n[1]\n{\"command\":\"dance\",\"id\":\"d\"}\n{\"command\":\"play\"}\n");
  CHECK(kind_of(s.line()) == ErrorKind::malformed);
  CHECK(kind_of(s.line()) == ErrorKind::not_an_object);
  auto unknown = s.line();
  CHECK(kind_of(unknown) == ErrorKind::unknown_command);
  CHECK(unknown->find(R"("id":"d")") != std::string::npos);
  CHECK(kind_of(s.line()) == ErrorKind::missing_field);
  s.send("{\"command\":\"play\",\"segment\":\"7\"}\r\n\n{\"command\":\"st\xff\"}\n");
  CHECK(kind_of(s.line()) == ErrorKind::wrong_type);
  CHECK(kind_of(s.line()) == ErrorKind::malformed);
  // Two requests in one write, one split over two writes.
  s.send("{\"command\":\"stop\"}\n{\"comm");
  s.send("and\":\"status\",\"id\":3}\n");
  auto stop = s.line();
  REQUIRE(stop);
  CHECK(*stop == R"({"ok":true})");
  auto status = s.line();
  REQUIRE(status);
  CHECK(status->find(R"("id":3)") != std::string::npos);
  CHECK(status->find(R"("ok":true)") != std::string::npos);
  CHECK(f.handler.stops() == 1);
}

TEST_CASE("an over-long line is answered too_long, its connection closed, the server lives") {
  test::ServerFixture f;
  {
    test::RawSocket s(f.path);
    s.send(std::string(kMaxLineBytes + 100, 'x') + "\n");
    CHECK(kind_of(s.line()) == ErrorKind::too_long);
    CHECK_FALSE(s.line());
  }
  CHECK(ask(f.path, {Command::status, 0, {}}).ok());
}

TEST_CASE("many clients at once") {
  test::ServerFixture f;
  constexpr int clients = 16;
  constexpr int each = 10;
  std::vector<std::future<int>> results;
  for (int c = 0; c < clients; ++c) {
    results.push_back(std::async(std::launch::async, [&f, c] {
      int ok = 0;
      for (int i = 0; i < each; ++i) {
        auto response = control::request(f.path, {Command::play, c * 100 + i + 1, RequestId{i}}, 10s);
        if (response.ok() && response.id == std::optional<RequestId>(RequestId{i})) ++ok;
      }
      return ok;
    }));
  }
  // And connections kept open meanwhile, sending one request each.
  std::vector<std::unique_ptr<test::RawSocket>> open;
  for (int i = 0; i < 8; ++i) open.push_back(std::make_unique<test::RawSocket>(f.path));
  for (auto& s : open) s->send("{\"command\":\"status\"}\n");
  for (auto& s : open) {
    auto line = s->line();
    REQUIRE(line);
    CHECK(line->find(R"("ok":true)") != std::string::npos);
  }
  int total = 0;
  for (auto& r : results) total += r.get();
  CHECK(total == clients * each);
  CHECK(f.handler.played().size() == static_cast<std::size_t>(clients * each));
}

TEST_CASE("the socket file is mode 0660") {
  test::ServerFixture f;
  struct stat st {};
  REQUIRE(::stat(f.path.c_str(), &st) == 0);
  CHECK(S_ISSOCK(st.st_mode));
  CHECK((st.st_mode & 07777) == 0660);
}

TEST_CASE("a stale socket file is replaced, a live one and other files are not") {
  test::TempDir dir;
  auto path = dir / "loaxad.sock";
  test::FakeHandler handler;
  boost::asio::io_context io;
  SECTION("stale: left by a dead process") {
    {
      boost::asio::local::stream_protocol::acceptor dead(io,
                                                         boost::asio::local::stream_protocol::endpoint(path.string()));
    }  // closed, file left behind
    REQUIRE(std::filesystem::is_socket(path));
    CHECK_THROWS_AS(control::request(path, {Command::status, 0, {}}, 1s), ClientError);
    Server server(io, path, handler);
    CHECK(std::filesystem::is_socket(path));
  }
  SECTION("live: another server answers") {
    Server first(io, path, handler);
    try {
      Server second(io, path, handler);
      FAIL("a second server started");
    } catch (const ServerError& e) {
      CHECK(e.kind() == ServerError::Kind::in_use);
    }
    CHECK(std::filesystem::is_socket(path));
  }
  SECTION("not a socket: left alone") {
    std::ofstream(path) << "keep me";
    try {
      Server server(io, path, handler);
      FAIL("started over a regular file");
    } catch (const ServerError& e) {
      CHECK(e.kind() == ServerError::Kind::not_a_socket);
    }
    CHECK(std::filesystem::is_regular_file(path));
  }
  SECTION("too long a path") {
    auto deep = dir / std::string(120, 'd') / "loaxad.sock";
    try {
      Server server(io, deep, handler);
      FAIL("started on a path too long");
    } catch (const ServerError& e) {
      CHECK(e.kind() == ServerError::Kind::path_too_long);
    }
  }
}

TEST_CASE("close drains: the answer being made is sent, idle clients closed, run() returns") {
  test::ServerFixture f;
  test::RawSocket idle(f.path);
  idle.send("{\"command\":\"status\"}\n");
  REQUIRE(idle.line());
  auto busy = std::async(std::launch::async, [&] { return control::request(f.path, {Command::play, 50, {}}, 30s); });
  f.handler.wait_entered();
  // The loop is inside play(); close is queued behind it.
  auto drained = std::async(std::launch::async, [&] { return f.close_and_drain(); });
  f.handler.release();
  auto answer = busy.get();
  CHECK(answer.ok());
  CHECK(drained.get());
  CHECK_FALSE(idle.line());  // closed: end of stream
  CHECK_FALSE(std::filesystem::exists(f.path));
  CHECK(f.handler.played() == std::vector<std::int64_t>{50});
}

TEST_CASE("a client that says nothing is closed after the idle timeout") {
  test::ServerFixture f(Server::Options{100ms, 32});
  test::RawSocket quiet(f.path);
  CHECK_FALSE(quiet.line());
  CHECK(ask(f.path, {Command::status, 0, {}}).ok());
}

TEST_CASE("connections beyond the limit are closed at once") {
  test::ServerFixture f(Server::Options{30s, 2});
  test::RawSocket a(f.path);
  test::RawSocket b(f.path);
  a.send("{\"command\":\"stop\"}\n");
  b.send("{\"command\":\"stop\"}\n");
  REQUIRE(a.line());
  REQUIRE(b.line());
  test::RawSocket c(f.path);  // the kernel accepts; the server closes it
  c.send("{\"command\":\"stop\"}\n");
  CHECK_FALSE(c.line());
  CHECK(f.handler.stops() == 2);
}
