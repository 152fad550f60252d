// A real `loaxa-hub serve` on loopback, driven by a client that signs as a station: plays
// stored and acknowledged; forged, replayed, stale, cross-station, oversized, malformed and
// slow requests refused with nothing stored; TLS; the operator's commands.

#include "hub_client.hpp"
#include "hub_fixture.hpp"
#include "hub_process.hpp"
#include "store/utc_text.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>

#include <unistd.h>

#include <chrono>

using namespace loaxa;
using namespace loaxa::hub::test;
using nlohmann::json;

namespace {

json station_json(const std::filesystem::path& home, const std::string& id) {
  const auto result = run_hub(home, {"station", "show", id, "--json"});
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}

std::string error_kind(const HttpResponse& response) {
  return json::parse(response.body)["error"]["kind"];
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string heartbeat_body(const std::string& station) {
  const auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  return json{{"station_id", station}, {"version", "0.1.0"},         {"uptime_s", 60},
              {"device", "null"},      {"next_occurrence", nullptr}, {"clock_utc", store::utc_text(now)},
              {"outbox_depth", 2}}
      .dump();
}

}  // namespace

TEST_CASE("a station's plays over HTTP: stored in order, duplicates acknowledged, gaps answered", "[hub][serve]") {
  loaxa::test::TempDir home;
  const auto key = add_station(home.path(), "xa-moi");
  const auto plays = station_plays(12);
  HubProcess hub(home.path());

  auto response =
      exchange(hub.port(), signed_request("xa-moi", key, "/api/v1/plays", plays_body("xa-moi", plays, 0, 5)));
  CHECK(response.status == 200);
  CHECK(json::parse(response.body)["acked_seq"] == 5);
  response = exchange(hub.port(), signed_request("xa-moi", key, "/api/v1/plays", plays_body("xa-moi", plays, 3, 4)));
  CHECK(json::parse(response.body)["acked_seq"] == 7);  // 4-5 again, then 6-7
  response = exchange(hub.port(), signed_request("xa-moi", key, "/api/v1/plays", plays_body("xa-moi", plays, 9, 3)));
  CHECK(response.status == 409);
  CHECK(error_kind(response) == "gap");
  CHECK(json::parse(response.body)["expected_seq"] == 8);
  response = exchange(hub.port(), signed_request("xa-moi", key, "/api/v1/plays", plays_body("xa-moi", plays, 7, 5)));
  CHECK(json::parse(response.body)["acked_seq"] == 12);

  response = exchange(hub.port(), signed_request("xa-moi", key, "/api/v1/heartbeat", heartbeat_body("xa-moi")));
  REQUIRE(response.status == 200);
  CHECK(json::parse(response.body)["acked_seq"] == 12);
  CHECK(hub.stop() == 0);

  const auto shown = station_json(home.path(), "xa-moi");
  CHECK(shown["acked_seq"] == 12);
  CHECK(shown["heartbeat"]["outbox_depth"] == 2);
  CHECK(std::abs(shown["heartbeat"]["clock_offset_ms"].get<std::int64_t>()) < 5000);
  CHECK(shown["flag"].is_null());

  const auto report = run_hub(home.path(), {"report", "--month", "2026-12", "--format", "json"});
  REQUIRE(report.exit_code == 0);
  const auto rows = json::parse(report.out)["rows"];
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["category"] == "CCHC");
  CHECK(rows[0]["missed"] == 3);
  CHECK(rows[0]["interrupted"] == 3);
  CHECK(rows[1]["category"] == "CDS");
  CHECK(rows[1]["plays_completed"] == 3);
  CHECK(rows[1]["minutes_aired"] == 2.0);  // 3 × (30 s + 10 s)
}

TEST_CASE("requests that are not a station's own are refused, and nothing is stored", "[hub][serve]") {
  loaxa::test::TempDir home;
  const auto key = add_station(home.path(), "xa-moi");
  const auto other_key = add_station(home.path(), "xa-khac");
  const auto plays = station_plays(3);
  const auto body = plays_body("xa-moi", plays);
  HubProcess hub(home.path(), {"--request-timeout", "2"});

  // A forged signature: the right station, another key.
  auto response = exchange(hub.port(), signed_request("xa-moi", other_key, "/api/v1/plays", body));
  CHECK(response.status == 401);
  CHECK(error_kind(response) == "bad_signature");
  // A station writing as another: its own key and header, the other's station_id in the body.
  response = exchange(hub.port(), signed_request("xa-khac", other_key, "/api/v1/plays", body));
  CHECK(response.status == 401);
  CHECK(error_kind(response) == "station_mismatch");
  // A stale timestamp, either way.
  response = exchange(hub.port(), signed_request("xa-moi", key, "/api/v1/plays", body, unix_now() - 400));
  CHECK(error_kind(response) == "stale_timestamp");
  response = exchange(hub.port(), signed_request("xa-moi", key, "/api/v1/plays", body, unix_now() + 400));
  CHECK(error_kind(response) == "stale_timestamp");
  // Malformed JSON, unknown fields, negative frames.
  response = exchange(hub.port(), signed_request("xa-moi", key, "/api/v1/plays", "{\"station_id\":\"xa-moi\",\"pl"));
  CHECK(response.status == 400);
  CHECK(error_kind(response) == "malformed");
  auto bad = json::parse(body);
  bad["plays"][1]["frames"] = -1;
  response = exchange(hub.port(), signed_request("xa-moi", key, "/api/v1/plays", bad.dump()));
  CHECK(response.status == 400);
  CHECK(error_kind(response) == "bad_value");
  // A body over 1 MiB is answered 413 from its Content-Length, unread.
  std::string huge = "POST /api/v1/plays HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n";
  response = exchange(hub.port(), huge + std::string(1000, ' '));
  CHECK(response.status == 413);
  // A wrong Content-Length: the body is cut where it says, the signature no longer matches.
  auto cut = signed_request("xa-moi", key, "/api/v1/plays", body);
  cut.replace(cut.find("Content-Length: "), std::string("Content-Length: ").size() + std::to_string(body.size()).size(),
              "Content-Length: 10");
  response = exchange(hub.port(), cut);
  CHECK(response.status == 401);
  // Not HTTP at all.
  response = exchange(hub.port(), "HELLO\r\n\r\n");
  CHECK(response.status == 400);
  // A truncated body: the client stops sending; the hub gives up at its timeout.
  auto truncated = signed_request("xa-moi", key, "/api/v1/plays", body);
  truncated.resize(truncated.size() - 20);
  response = exchange(hub.port(), truncated, std::chrono::seconds(5));
  CHECK(response.status == 0);

  CHECK(station_json(home.path(), "xa-moi")["acked_seq"] == 0);
  CHECK(station_json(home.path(), "xa-khac")["acked_seq"] == 0);

  // A replay: the same signed request twice.
  const auto once = signed_request("xa-moi", key, "/api/v1/plays", body);
  CHECK(exchange(hub.port(), once).status == 200);
  response = exchange(hub.port(), once);
  CHECK(response.status == 401);
  CHECK(error_kind(response) == "replayed_nonce");
  // ...also after the hub restarts.
  CHECK(hub.stop() == 0);
  HubProcess restarted(home.path());
  response = exchange(restarted.port(), once);
  CHECK(error_kind(response) == "replayed_nonce");
  CHECK(station_json(home.path(), "xa-moi")["acked_seq"] == 3);
}

TEST_CASE("a slow client is cut off at the request timeout, and connections beyond the cap are closed",
          "[hub][serve]") {
  loaxa::test::TempDir home;
  add_station(home.path(), "xa-moi");
  HubProcess hub(home.path(), {"--request-timeout", "1", "--max-connections", "2"});
  const auto started = std::chrono::steady_clock::now();
  const int slow = connect_local(hub.port());
  const std::string part = "POST /api/v1/plays HTTP/1.1\r\nHost: x\r\n";
  CHECK(::send(slow, part.data(), part.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(part.size()));
  const int idle = connect_local(hub.port());
  ::usleep(100'000);
  const int third = connect_local(hub.port());
  const auto refused = read_until_closed(third, std::chrono::milliseconds(800));
  CHECK(refused == std::string());  // closed at once, no answer
  const auto cut = read_until_closed(slow, std::chrono::seconds(5));
  REQUIRE(cut);
  CHECK(cut->empty());
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(4));
  ::close(slow);
  ::close(idle);
  ::close(third);
}

TEST_CASE("plain HTTP is refused off loopback unless allowed, and TLS serves with a certificate", "[hub][serve][tls]") {
  loaxa::test::TempDir home;
  const auto key = add_station(home.path(), "xa-moi");
  const auto refused = run_hub(home.path(), {"serve", "--listen", "0.0.0.0:0"});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("--allow-plain") != std::string::npos);

  const auto cert = home / "hub.pem";
  const auto pkey = home / "hub.key";
  const auto made = loaxa::test::run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                              "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                                              "-days", "2", "-keyout", pkey.string(), "-out", cert.string()});
  REQUIRE(made.exit_code == 0);
  HubProcess hub(home.path(), {"--tls-cert", cert.string(), "--tls-key", pkey.string()});

  namespace asio = boost::asio;
  asio::io_context io;
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.load_verify_file(cert.string());
  ctx.set_verify_mode(asio::ssl::verify_peer);
  asio::ssl::stream<asio::ip::tcp::socket> tls(io, ctx);
  tls.set_verify_callback(asio::ssl::host_name_verification("127.0.0.1"));
  tls.lowest_layer().connect({asio::ip::make_address("127.0.0.1"), hub.port()});
  tls.handshake(asio::ssl::stream_base::client);
  const auto request = signed_request("xa-moi", key, "/api/v1/plays", plays_body("xa-moi", station_plays(2)));
  asio::write(tls, asio::buffer(request));
  std::string answer;
  boost::system::error_code ec;
  std::array<char, 4096> buffer{};
  for (;;) {
    const auto n = tls.read_some(asio::buffer(buffer), ec);
    answer.append(buffer.data(), n);
    if (ec) break;
  }
  const auto response = parse_response(answer);
  CHECK(response.status == 200);
  CHECK(json::parse(response.body)["acked_seq"] == 2);
  // Plain HTTP on the TLS port gets no answer.
  CHECK(exchange(hub.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n", std::chrono::seconds(3)).status == 0);
}

TEST_CASE("the operator adds, lists, shows, disables and re-keys stations", "[hub][serve][cli]") {
  loaxa::test::TempDir home;
  auto added = run_hub(home.path(), {"station", "add", "xa-moi", "--name", "Xã Mới", "--group", "Huyện A", "--url",
                                     "https://hub.example:8443"});
  REQUIRE(added.exit_code == 0);
  CHECK(added.out.find("[hub]\nurl = \"https://hub.example:8443\"\nstation_id = \"xa-moi\"\nkey = \"") !=
        std::string::npos);
  CHECK(added.out.find("ca_file = ") != std::string::npos);
  const auto key_at = added.out.find("key = \"") + 7;
  const std::string key = added.out.substr(key_at, 64);
  CHECK(added.out.find(key) < added.out.find("[hub]"));  // also printed on its own
  CHECK(run_hub(home.path(), {"station", "add", "xa-moi", "--name", "X"}).exit_code == 1);
  CHECK(run_hub(home.path(), {"station", "add", "Xa Moi", "--name", "X"}).exit_code == 1);
  CHECK(run_hub(home.path(), {"station", "add", "xa-2"}).exit_code == 2);  // --name is required

  // The key is not kept in clear in the database.
  const auto db = loaxa::test::run_process({"/bin/grep", "-c", key, (home / "hub.db").string()});
  CHECK(db.exit_code == 1);

  const auto list = run_hub(home.path(), {"station", "list"});
  CHECK(list.out.find("xa-moi") != std::string::npos);
  CHECK(list.out.find("Huyện A") != std::string::npos);
  CHECK(run_hub(home.path(), {"station", "show", "xa-ma"}).exit_code == 1);

  HubProcess hub(home.path());
  const auto body = plays_body("xa-moi", station_plays(1));
  CHECK(exchange(hub.port(), signed_request("xa-moi", key, "/api/v1/plays", body)).status == 200);
  REQUIRE(run_hub(home.path(), {"station", "disable", "xa-moi"}).exit_code == 0);
  CHECK(error_kind(exchange(hub.port(), signed_request("xa-moi", key, "/api/v1/plays", body))) == "station_disabled");
  REQUIRE(run_hub(home.path(), {"station", "enable", "xa-moi"}).exit_code == 0);
  const auto rotated = run_hub(home.path(), {"station", "rotate-key", "xa-moi", "--json"});
  REQUIRE(rotated.exit_code == 0);
  const std::string new_key = json::parse(rotated.out)["key"];
  CHECK(new_key != key);
  CHECK(error_kind(exchange(hub.port(), signed_request("xa-moi", key, "/api/v1/plays", body))) == "bad_signature");
  CHECK(exchange(hub.port(), signed_request("xa-moi", new_key, "/api/v1/plays", body)).status == 200);

  // A conflicting row flags the station, visible in `station show`.
  auto forged = json::parse(body);
  forged["plays"][0]["frames"] = 48000 * 3600;
  const auto conflict = exchange(hub.port(), signed_request("xa-moi", new_key, "/api/v1/plays", forged.dump()));
  CHECK(conflict.status == 409);
  CHECK(error_kind(conflict) == "conflict");
  const auto shown = run_hub(home.path(), {"station", "show", "xa-moi"});
  CHECK(shown.out.find("FLAGGED") != std::string::npos);

  const auto bad_month = run_hub(home.path(), {"report", "--month", "2026-13"});
  CHECK(bad_month.exit_code == 1);
  CHECK(bad_month.err.find("2026-13") != std::string::npos);
  const auto table = run_hub(home.path(), {"report", "--month", "2026-12"});
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("xa-moi") != std::string::npos);
}

TEST_CASE("a hub killed while it stores a batch keeps all of it or none", "[hub][serve]") {
  loaxa::test::TempDir home;
  const auto key = add_station(home.path(), "xa-moi");
  const auto plays = station_plays(1200);  // about 0.9 MiB: the largest batch a station sends
  const auto body = plays_body("xa-moi", plays);
  REQUIRE(body.size() < 1024 * 1024);
  for (int delay_ms : {0, 10, 30, 60, 120, 250}) {
    HubProcess hub(home.path());
    const auto request = signed_request("xa-moi", key, "/api/v1/plays", body);  // a fresh nonce each time
    const int fd = connect_local(hub.port());
    CHECK(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
    ::usleep(static_cast<useconds_t>(delay_ms) * 1000);
    hub.kill_now();
    ::close(fd);
    const auto held = station_json(home.path(), "xa-moi")["acked_seq"].get<std::int64_t>();
    INFO("killed after " << delay_ms << " ms, held " << held);
    CHECK((held == 0 || held == 1200));
    if (held == 1200) break;
  }
  // Sent again to a hub that runs, the batch is acknowledged whole, once.
  HubProcess hub(home.path());
  const auto again = signed_request("xa-moi", key, "/api/v1/plays", body);
  const auto response = exchange(hub.port(), again);
  REQUIRE(response.status == 200);
  CHECK(json::parse(response.body)["acked_seq"] == 1200);
}
