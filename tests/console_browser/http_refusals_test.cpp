// The console's HTTP API by hand (tests/console_browser/raw_http.hpp), against a real loaxad:
// without a session every page goes to the login and every API refuses; with one, what a
// browser never sends — a body that is not a form, a 2 GB upload, a file name that climbs
// out of its folder, a slot in the hour the clocks skip — is a clear error, and the CLI's own
// lists show nothing changed.

#include "console_station.hpp"
#include "raw_http.hpp"
#include "support/files.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace loaxa::test;
using nlohmann::json;

namespace {

constexpr const char* kOperatorPassword = "matkhau-cua-an";

// Every file under the home but the database's own (its journal changes with any read).
std::set<std::string> files_under(const std::filesystem::path& home) {
  std::set<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(home)) {
    const auto name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.rfind("loaxa.db", 0) == 0) continue;
    out.insert(std::filesystem::relative(entry.path(), home).string());
  }
  return out;
}

struct Snapshot {
  json segments, slots, plays;
  std::set<std::string> files;
  bool operator==(const Snapshot& other) const {
    return segments == other.segments && slots == other.slots && plays == other.plays && files == other.files;
  }
};

Snapshot snapshot(const ConsoleStation& station) {
  return {station.json({"segment", "list"}), station.json({"slot", "list"}), station.json({"log"}),
          files_under(station.home())};
}

std::string location(const RawResponse& response) {
  return response.header("Location").value_or("");
}

}  // namespace

TEST_CASE("console over HTTP: without a session every page goes to the login and the API refuses",
          "[console][browser][http]") {
  ConsoleStation station;
  station.add_user("an", kOperatorPassword, "operator");
  station.add_user("binh", "matkhau-cua-binh", "viewer");
  const auto tone = station.scratch("tone.wav");
  write_test_tone(tone, 1.0);
  const auto segment = std::to_string(station.add_segment(tone, "CDS", true));
  station.must_run({"programme", "add", "Sang", "--item", "segment:" + segment});
  station.start();
  const auto before = snapshot(station);
  const auto wav = read_bytes(tone);

  const std::vector<std::string> pages{"/", "/library", "/schedule", "/schedule/programmes", "/log", "/emergency"};
  // No cookie, and a session cookie the console never gave.
  for (const auto& cookie : {std::string(), std::string("loaxa_console=0123456789abcdef0123456789abcdef")}) {
    const RawSession nobody{station.port(), cookie, "0123456789abcdef"};
    INFO("cookie: " << cookie);
    for (const auto& path : pages) {
      INFO(path);
      const auto answer = nobody.send("GET", path);
      CHECK(answer.status == 303);
      CHECK(location(answer) == "/login");
    }
    CHECK(nobody.send("GET", "/events").status == 401);
    CHECK(nobody.send("GET", "/log.csv").status == 401);
    CHECK(nobody.send("GET", "/log.csv").body.find("tone") == std::string::npos);
    CHECK(nobody.send("GET", "/library/audio/" + segment, "", "Accept: application/json\r\n").status == 401);
    CHECK(nobody
              .send("POST", "/library/upload?name=x.wav&category=CDS", wav,
                    "X-Loaxa-Token: 0123456789abcdef\r\nContent-Type: application/octet-stream\r\n")
              .status == 401);
    CHECK(nobody.post_form("/emergency", "step=air&segment=" + segment + "&repeat=1").status == 401);
    CHECK(nobody.post_form("/schedule/slots", "programme=Sang&times=10:00").status == 401);
    CHECK(nobody.post_form("/library/segment/" + segment + "/remove", "").status == 401);
  }
  CHECK(snapshot(station) == before);

  // With a session the same pages open; a viewer still cannot change anything.
  const auto viewer = raw_login(station.port(), "binh", "matkhau-cua-binh");
  for (const auto& path : pages) {
    INFO(path);
    CHECK(viewer.send("GET", path).status == 200);
  }
  CHECK(viewer.post_form("/emergency", "step=air&segment=" + segment + "&repeat=1").status == 403);
  CHECK(viewer.post_form("/schedule/slots", "programme=Sang&times=10:00").status == 403);
  // An operator's session with a token from elsewhere: the forgery is refused.
  auto forged = raw_login(station.port(), "an", kOperatorPassword);
  forged.token = std::string(forged.token.size(), 'a');
  CHECK(forged.post_form("/schedule/slots", "programme=Sang&times=10:00").status == 403);
  CHECK(snapshot(station) == before);
  CHECK(station.stop() == 0);
}

TEST_CASE("console over HTTP: malformed forms, a 2 GB upload, path tricks and a DST gap are refused, nothing changed",
          "[console][browser][http]") {
  ConsoleStation station("Europe/Berlin");
  station.add_user("an", kOperatorPassword, "operator");
  const auto tone = station.scratch("tone.wav");
  write_test_tone(tone, 1.0);
  const auto segment = std::to_string(station.add_segment(tone, "CDS", true));
  station.must_run({"programme", "add", "Sang", "--item", "segment:" + segment});
  station.start();
  auto session = raw_login(station.port(), "an", kOperatorPassword);
  session.cookie += "; loaxa_lang=en";
  const auto token_header = "X-Loaxa-Token: " + session.token + "\r\n";
  const auto before = snapshot(station);
  const auto wav = read_bytes(tone);

  SECTION("malformed form bodies") {
    for (const std::string& body :
         {std::string("programme=Sang&times=%zz%&&=="), std::string("times=10:00&programme"),
          std::string("\x00\xff\xfe=\x01&times=", 15), std::string("programme=Sang&times=25:61"),
          std::string("programme=Sang&times=10:00&from=32/13/2027"), std::string("programme=%E0%A4&times=10:00")}) {
      INFO(json::array({json::binary(std::vector<std::uint8_t>(body.begin(), body.end()))}).dump());
      const auto answer = session.send(
          "POST", "/schedule/slots", body,
          token_header + "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n");
      CHECK(answer.status >= 400);
      CHECK(answer.status < 500);
      CHECK_FALSE(answer.body.empty());
    }
    const auto emergency = session.send("POST", "/emergency", "step=air&segment=%%%&repeat=-1",
                                        token_header + "Content-Type: application/x-www-form-urlencoded\r\n");
    CHECK(emergency.status == 400);
    const auto repeat = session.post_form("/emergency", "step=air&segment=" + segment + "&repeat=999999999999");
    CHECK(repeat.status == 400);
    CHECK(repeat.body.find("1 to 20") != std::string::npos);
  }

  SECTION("a 2 GB upload is refused before its body, nothing stored") {
    const std::string head =
        "POST /library/upload?name=lon.wav&category=CDS HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(station.port()) +
        "\r\nCookie: " + session.cookie + "\r\n" + token_header +
        "Content-Type: application/octet-stream\r\nContent-Length: 2147483648\r\nConnection: close\r\n\r\n";
    // The first megabyte of it: the answer must come without the rest.
    const auto answer = raw_exchange(station.port(), head + wav + std::string(1 << 20, '\0'));
    INFO(answer.head << "\n" << answer.body);
    CHECK(answer.status == 413);
  }

  SECTION("path tricks in an upload's file name") {
    for (const char* name : {"..%2F..%2Fthoat.wav", "%2Ftmp%2Fthoat.wav", "..", "a%5C..%5Cthoat.wav", "thoat%00.wav",
                             "segments%2F..%2F..%2Fthoat.wav", "%0A.wav"}) {
      INFO(name);
      const auto answer =
          session.send("POST", "/library/upload?name=" + std::string(name) + "&category=CDS", wav,
                       token_header + "Content-Type: application/octet-stream\r\nAccept: application/json\r\n");
      INFO(answer.body);
      CHECK(answer.status == 400);
      CHECK(answer.body.find("\"error\"") != std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(station.home().parent_path() / "thoat.wav"));
    CHECK_FALSE(std::filesystem::exists("/tmp/thoat.wav"));
  }

  SECTION("a slot at 02:30 on the last Sunday of March, when Berlin's clocks skip that hour") {
    for (const char* target : {"/schedule/slots/check", "/schedule/slots"}) {
      INFO(target);
      const auto answer = session.post_form(target, "programme=Sang&times=02%3A30&from=2027-03-28&until=2027-03-28");
      INFO(answer.body);
      CHECK(answer.status == 400);
      CHECK(answer.body.find("does not exist in the time zone Europe/Berlin") != std::string::npos);
    }
  }

  CHECK(snapshot(station) == before);
  // The same session and token are good: the refusals were about the input.
  const auto saved = session.post_form("/schedule/slots", "programme=Sang&times=03%3A30&from=2027-03-28");
  INFO(saved.body);
  CHECK(saved.status == 303);
  CHECK(station.json({"slot", "list"}).size() == 1);
  CHECK(station.stop() == 0);
}
