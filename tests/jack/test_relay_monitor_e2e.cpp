// Relays and proof it was heard, end to end (issue 12 items 5 and 7): loaxad playing into a
// dummy JACK server through its native output.
// - A relay captures a line-in — here a JACK client playing a steady tone, as a receiver's
//   audio would arrive — for its duration; the independent recorder hears it at the sink.
//   A line that stays silent is logged as such.
// - The monitor line: loaxad's output wired back to its monitor input (as a line from the
//   amplifier's output would be) gives heard ≈ 100 %; left unwired (the dummy driver's silent
//   capture ports, as a dead amplifier would give) heard ≈ 0 %, and `loaxa status` says so.
#include "e2e_station.hpp"
#include "tone_source.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <jack/jack.h>
#include <sys/wait.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <thread>

using namespace loaxa::test::e2e;

namespace {

// Adds lines to loaxa.toml's [audio] section and sections of its own at the end.
void configure(const fs::path& home, const std::string& audio_lines, const std::string& sections) {
  const fs::path file = home / "loaxa.toml";
  std::string text = read_text(file);
  const auto audio = text.find("[audio]\n");
  REQUIRE(audio != std::string::npos);
  text.insert(audio + 8, audio_lines);
  text += "\n" + sections;
  std::ofstream(file) << text;
}

// Ends the daemon as systemd would and checks it exited cleanly.
void stop(loaxa::test::ChildProcess& daemon, const fs::path& err) {
  daemon.signal(SIGTERM);
  const int status = daemon.wait();
  INFO(read_text(err));
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

// A client of the test's own, wiring ports as a technician's cable would.
class Wiring {
 public:
  explicit Wiring(const std::string& server) {
    jack_status_t status{};
    client_ = jack_client_open("wiring", static_cast<jack_options_t>(JackNoStartServer | JackServerName), &status,
                               server.c_str());
    if (client_ == nullptr) throw std::runtime_error("wiring: no JACK server " + server);
  }
  ~Wiring() { jack_client_close(client_); }
  Wiring(const Wiring&) = delete;
  Wiring& operator=(const Wiring&) = delete;

  // Connects `from` to `to` as soon as both can be (within `limit`); false if they never did.
  bool connect_when_present(const std::string& from, const std::string& to, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      // A port exists a moment before its client is active and can be connected.
      if (jack_port_by_name(client_, from.c_str()) != nullptr && jack_port_by_name(client_, to.c_str()) != nullptr &&
          jack_connect(client_, from.c_str(), to.c_str()) == 0)
        return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }
  void disconnect(const std::string& from, const std::string& to) {
    jack_disconnect(client_, from.c_str(), to.c_str());
  }

 private:
  jack_client_t* client_ = nullptr;
};

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

// Eight seconds of speech (an envelope to follow; a steady tone has none): the shared set's
// cds-04, else the one tests/fixtures/make-segments builds when ../shared is not there.
fs::path speech_segment(const fs::path& dir) {
  fs::path source = fs::path(LOAXA_SOURCE_DIR) / "../shared/data/segments/cds-04-vbr.mp3";
  if (!fs::exists(source)) {
    const fs::path made = dir / "segments";
    const fs::path script = fs::path(LOAXA_SOURCE_DIR) / "tests/fixtures/make-segments";
    REQUIRE(std::system((quoted(script) + " " + quoted(made) + " >/dev/null").c_str()) == 0);
    source = made / "cds-04-vbr.mp3";
  }
  const fs::path cut = dir / "speech.wav";
  REQUIRE(std::system(("sox -V1 " + quoted(source) + " -r 48000 " + quoted(cut) + " trim 0 8").c_str()) == 0);
  return cut;
}

}  // namespace

TEST_CASE("a relay airs the line-in for its duration, a silent line is logged as such", "[e2e][jack][daemon][relay]") {
  Station s;
  loaxa::test::ToneSource line(s.server.name(), 1000.0, -20.0);
  s.loaxa({"status"});  // makes the home and its loaxa.toml
  configure(s.home, "", "[relay]\nlinein = \"jack:" + line.port() + "\"\nsilent = \"jack:system:capture\"\n");
  const auto at = second_after(4s);
  s.loaxa({"programme", "add", "Tiếp sóng", "--item", "relay:linein:3s", "--item", "relay:silent:2s"});
  s.loaxa({"slot", "add", "--programme", "Tiếp sóng", "--start", loaxa::test::station_local_text(at)});
  auto daemon = s.start_loaxad("jack");

  const auto rows = wait_for_log(
      s.home, 20s, [](const nlohmann::json& log) { return log.size() == 2 && log[1].at("status") != "playing"; });
  stop(*daemon, s.err);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].at("title") == "linein");
  CHECK(rows[0].at("status") == "completed");
  CHECK(rows[0].at("segment_id").is_null());
  CHECK(rows[0].at("frames") == 3 * 48000);
  CHECK(rows[1].at("title") == "silent");
  CHECK(rows[1].at("status") == "failed");
  CHECK(rows[1].at("reason") == "silent_input");
  CHECK(rows[1].at("frames") == 2 * 48000);

  // The tone was heard at the sink from the relay's start: the cushion the relay builds
  // (80 ms) and a JACK period or two, nothing like a second.
  const auto expected = steady_of(at);
  const auto onset = onset_near(s.recorder, expected);
  REQUIRE(onset.has_value());
  const auto error = std::chrono::duration_cast<std::chrono::milliseconds>(*onset - expected);
  std::printf("relay: the line-in heard at the sink %+lld ms from the slot\n", static_cast<long long>(error.count()));
  CHECK(error >= 0ms);
  CHECK(error <= 300ms);
}

TEST_CASE("a relay captured through PortAudio: the line wired to PortAudio's JACK input is aired",
          "[e2e][jack][daemon][relay]") {
  Station s;
  loaxa::test::ToneSource line(s.server.name(), 1000.0, -20.0);
  Wiring wiring(s.server.name());
  s.loaxa({"status"});
  // PortAudio's JACK host: the device "system"; loaxad's one PortAudio client carries both
  // the output and the relay's input ports.
  configure(s.home, "", "[relay]\nlinein = \"portaudio:system\"\n");
  const auto at = second_after(4s);
  s.loaxa({"programme", "add", "Tiếp sóng", "--item", "relay:linein:3s"});
  s.loaxa({"slot", "add", "--programme", "Tiếp sóng", "--start", loaxa::test::station_local_text(at)});
  auto daemon = s.start_loaxad("portaudio:system");
  // The receiver's cable into the input's left channel (PortAudio numbers its JACK ports
  // from 0), once PortAudio has opened it (the programme primed).
  REQUIRE(wiring.connect_when_present(line.port(), "loaxa:in_0", 10s));
  const auto rows = wait_for_log(
      s.home, 20s, [](const nlohmann::json& log) { return log.size() == 1 && log[0].at("status") != "playing"; });
  stop(*daemon, s.err);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at("status") == "completed");
  CHECK(rows[0].at("frames") == 3 * 48000);
  const auto onset = onset_near(s.recorder, steady_of(at));
  INFO(read_text(s.err));
  REQUIRE(onset.has_value());
  const auto error = std::chrono::duration_cast<std::chrono::milliseconds>(*onset - steady_of(at));
  std::printf("relay through PortAudio: the line-in heard at the sink %+lld ms from the slot\n",
              static_cast<long long>(error.count()));
  CHECK(error <= 300ms);
}

TEST_CASE("a relay whose source has no input named is failed at its place, the programme goes on",
          "[e2e][jack][daemon][relay]") {
  Station s;
  s.loaxa({"status"});
  const auto at = second_after(4s);
  s.loaxa({"segment", "add", onset_tone(s.dir).string(), "--category", "CDS", "--title", "Onset", "--approve"});
  s.loaxa({"programme", "add", "P", "--item", "relay:vov1:2s", "--item", "segment:" + s.segment_id("Onset")});
  s.loaxa({"slot", "add", "--programme", "P", "--start", loaxa::test::station_local_text(at)});
  auto daemon = s.start_loaxad("jack");
  const auto rows = wait_for_log(
      s.home, 15s, [](const nlohmann::json& log) { return log.size() == 2 && log[1].at("status") == "completed"; });
  stop(*daemon, s.err);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].at("status") == "failed");
  CHECK(rows[0].at("reason") == "no_input");
  CHECK_THAT(read_text(s.err), Catch::Contains("relay vov1"));
  CHECK(rows[1].at("status") == "completed");
}

TEST_CASE("proof it was heard: the output wired back to the monitor is heard, unwired it is not, and status says so",
          "[e2e][jack][daemon][monitor]") {
  // A station's usual period: a non-realtime dummy server at 256 frames skips cycles on a
  // busy machine, and each skip slides the monitor's copy of a short play.
  Station s(1024);
  s.loaxa({"status"});
  configure(s.home, "monitor = \"jack:system:capture\"\n", "");
  s.loaxa(
      {"segment", "add", speech_segment(s.dir.path()).string(), "--category", "CDS", "--title", "Chuyển đổi số", "--approve"});
  s.loaxa({"programme", "add", "P", "--item", "segment:" + s.segment_id("Chuyển đổi số")});
  const auto wired_at = second_after(4s);
  const auto unwired_at = wired_at + 14s;
  s.loaxa({"slot", "add", "--programme", "P", "--start", loaxa::test::station_local_text(wired_at)});
  s.loaxa({"slot", "add", "--programme", "P", "--start", loaxa::test::station_local_text(unwired_at)});
  Wiring wiring(s.server.name());
  auto daemon = s.start_loaxad("jack");

  // The cable from the amplifier's output back to the monitor input, once the output is open.
  REQUIRE(wiring.connect_when_present("loaxa:out_1", "loaxa-monitor:in_1", 10s));
  auto heard_of = [](const nlohmann::json& row) { return row.at("heard_pct"); };
  auto rows = wait_for_log(s.home, 25s, [&](const nlohmann::json& log) {
    return log.size() == 1 && log[0].at("status") == "completed" && !heard_of(log[0]).is_null();
  });
  REQUIRE(rows.size() == 1);
  REQUIRE_FALSE(heard_of(rows[0]).is_null());
  std::printf("monitor wired: heard %.1f %% (delay %d ms)\n", heard_of(rows[0]).get<double>(),
              rows[0].at("heard_delay_ms").get<int>());
  CHECK(heard_of(rows[0]).get<double>() >= 90.0);

  // The cable pulled (or the amplifier dead): the line carries nothing.
  wiring.disconnect("loaxa:out_1", "loaxa-monitor:in_1");
  rows = wait_for_log(s.home, 30s, [&](const nlohmann::json& log) {
    return log.size() == 2 && log[1].at("status") == "completed" && !heard_of(log[1]).is_null();
  });
  const std::string status = loaxa::test::run_loaxa(kLoaxa, s.home, {"status"}, kRealNow);
  const nlohmann::json status_json =
      nlohmann::json::parse(loaxa::test::run_loaxa(kLoaxa, s.home, {"--json", "status"}, kRealNow));
  stop(*daemon, s.err);
  REQUIRE(rows.size() == 2);
  REQUIRE_FALSE(heard_of(rows[1]).is_null());
  std::printf("monitor unwired: heard %.1f %%\n", heard_of(rows[1]).get<double>());
  CHECK(heard_of(rows[1]).get<double>() <= 5.0);
  INFO(status);
  const auto& unheard = status_json.at("daemon").at("monitor").at("last_unheard");
  REQUIRE_FALSE(unheard.is_null());
  CHECK(unheard.at("monitor_silent") == true);
  CHECK(unheard.at("title") == "Chuyển đổi số");
  CHECK_THAT(read_text(s.err), Catch::Contains("monitor"));
}
