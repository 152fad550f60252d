// A real loaxad's request to a real `loaxa-hub serve`, taken off the wire by the proxy
// (faulty_proxy.hpp) and sent to the hub again: as it was (replayed), with one figure of a
// row changed (forged), or under another station's name (cross-station). Each is refused,
// nothing is stored twice or under the wrong station, and the station is not flagged.
// (Requests made up by a client that signs as a station: tests/hub/serve_test.cpp.)

#include "faulty_proxy.hpp"
#include "sync_rig.hpp"

#include "support/temp_dir.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>

using namespace loaxa::sync::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace hubtest = loaxa::hub::test;

namespace {

struct Answer {
  int status = 0;
  std::string kind;  // the refusal's error.kind
};

// The bytes as they are, on a connection of their own; the hub closes after its answer.
Answer send_raw(unsigned short port, const std::string& bytes) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::address_v4::loopback(), port});
  asio::write(socket, asio::buffer(bytes));
  std::string text;
  boost::system::error_code ec;
  asio::read(socket, asio::dynamic_buffer(text), ec);
  Answer answer;
  if (text.size() > 12) answer.status = std::stoi(text.substr(9, 3));  // "HTTP/1.1 401 …"
  const auto body = text.find("\r\n\r\n");
  if (body != std::string::npos) {
    const auto j = nlohmann::json::parse(text.substr(body + 4), nullptr, false);
    if (j.is_object() && j.contains("error")) answer.kind = j["error"].value("kind", "");
  }
  return answer;
}

}  // namespace

TEST_CASE("a real loaxad's request replayed, altered or sent as another station: refused, nothing stored twice",
          "[sync][process]") {
  loaxa::test::TempDir hub_dir;
  const auto hub_home = hub_dir / "hub";
  const std::string key = new_hub(hub_home);
  hubtest::add_station(hub_home, "xa-khac");
  HourlyStation station;
  PretendTime time(local("2027-01-04T05:29:55"));
  auto hub = start_hub(hub_home, time);
  FaultyProxy proxy(hub->port(), 1);
  station.connect_to(proxy.url(), key, 20);
  Loaxad daemon(station.home(), station.log(), time.loaxa_now());
  const bool sent = wait_for([&] { return station_acked(station) == 3; }, 60s);  // 05:30's programme
  CHECK(daemon.terminate() == 0);
  REQUIRE(sent);
  const std::string request = proxy.last_request("/api/v1/plays");
  REQUIRE_THAT(request, Catch::Contains("X-Loaxa-Station: xa-moi\r\n"));

  const Answer replayed = send_raw(hub->port(), request);
  CHECK(replayed.status == 401);
  CHECK(replayed.kind == "replayed_nonce");

  std::string forged = request;  // a row's underruns 0 → 1: the same length, another hash
  const auto underruns = forged.find("\"underruns\":0");
  REQUIRE(underruns != std::string::npos);
  forged[underruns + 12] = '1';
  const Answer altered = send_raw(hub->port(), forged);
  CHECK(altered.status == 401);
  CHECK(altered.kind == "bad_signature");

  std::string cross = request;  // signed with xa-moi's key, sent as xa-khac
  cross.replace(cross.find("X-Loaxa-Station: xa-moi\r\n"), 25, "X-Loaxa-Station: xa-khac\r\n");
  const Answer other = send_raw(hub->port(), cross);
  CHECK(other.status == 401);
  CHECK(other.kind == "bad_signature");

  const auto khac = hubtest::run_hub(hub_home, {"--json", "station", "show", "xa-khac"});
  REQUIRE(khac.exit_code == 0);
  CHECK(nlohmann::json::parse(khac.out)["acked_seq"] == 0);
  check_hub_holds_exactly(station, hub_home, *hub, 3);
}
