// `loaxa-hub mandate …` run as an operator runs it (docs/MANDATES.md): a bulletin added with
// real audio is stored content-addressed and listed; the mandate view (`--json mandate show`)
// gives a row per addressed station from what the stations reported and aired; cancel once;
// every bad input refused in Vietnamese naming the thing, with nothing written; and
// `loaxa-hub serve` answers a station's poll and audio requests over HTTP with their headers.

#include "hub/sqlite_hub_store.hpp"
#include "hub_cli.hpp"
#include "hub_client.hpp"
#include "hub_process.hpp"
#include "mandate_fixture.hpp"
#include "store/utc_text.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"
#include "support/wav_writer.hpp"
#include "wire/mandate_json.hpp"
#include "wire/signing.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <set>

using namespace loaxa;
using namespace loaxa::hub::test;
using nlohmann::json;

namespace {

// "Now" for every run: 3 January 2027, 08:00 in Vietnam, the day before the mandate starts.
const std::string kNow = "2027-01-03T01:00Z";

loaxa::test::ProcessResult hub_run(const std::filesystem::path& home, const std::vector<std::string>& args,
                                   const std::string& lang = "en") {
  return run_hub_at(kNow, home, args, lang);
}

// xa-moi and xa-yen in Huyện A, xa-xa in none.
void three_stations(const std::filesystem::path& home) {
  require_ok(hub_run(home, {"station", "add", "xa-moi", "--name", "Xã Mới", "--group", "Huyện A"}));
  require_ok(hub_run(home, {"station", "add", "xa-yen", "--name", "Xã Yên", "--group", "Huyện A"}));
  require_ok(hub_run(home, {"station", "add", "xa-xa", "--name", "Xã Xa"}));
}

std::filesystem::path tone(const loaxa::test::TempDir& dir, const std::string& name = "vneid.wav") {
  const auto file = dir / name;
  loaxa::test::ToneSpec spec;
  spec.tone_s = 2.0;
  loaxa::test::write_tone_wav(file, spec);
  return file;
}

std::vector<std::string> add_args(const std::filesystem::path& file, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{
      "mandate", "add",        file.string(), "--title",    "Định danh điện tử VNeID", "--category", "cds",
      "--from",  "2027-01-04", "--until",     "2027-01-17", "--times-per-week",        "3"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// The files in the home's mandates/ (none when the folder is not there).
std::set<std::string> stored_files(const std::filesystem::path& home) {
  std::set<std::string> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(home / "mandates", ec)) {
    out.insert(entry.path().filename().string());
  }
  return out;
}

const json& station_row(const json& rows, const std::string& id) {
  for (const auto& row : rows) {
    if (row["station_id"] == id) return row;
  }
  FAIL("no row for " << id);
  throw std::logic_error("unreachable");
}

wire::MandateReport report(std::int64_t mandate, wire::MandateState state, const std::string& at,
                           const std::string& reason, int planned) {
  wire::MandateReport r;
  r.mandate_id = mandate;
  r.state = state;
  r.at = store::parse_utc_text(at);
  r.reason = reason;
  r.planned = planned;
  return r;
}

}  // namespace

TEST_CASE("mandate add stores the checked audio once by its SHA-256, and show gives a line per addressed station",
          "[hub][mandate][cli]") {
  loaxa::test::TempDir home;
  loaxa::test::TempDir files;
  three_stations(home.path());
  const auto file = tone(files);
  const auto sha256 = wire::sha256_hex(loaxa::test::read_bytes(file));

  const auto added =
      hub_run(home.path(), add_args(file, {"--window", "05:00-07:00,17:00-19:00", "--group", "Huyện A", "--json"}));
  require_ok(added);
  const auto mandate = json::parse(added.out);
  CHECK(mandate["id"] == 1);
  CHECK(mandate["sha256"] == sha256);
  CHECK(mandate["size"] == std::filesystem::file_size(file));
  CHECK(mandate["file_name"] == "vneid.wav");
  CHECK(mandate["category"] == "CDS");
  CHECK(mandate["required"] == 6);
  CHECK(mandate["windows"] == json::array({"05:00-07:00", "17:00-19:00"}));
  CHECK(mandate["stations"] == json::array({"xa-moi", "xa-yen"}));
  CHECK(mandate["issued_at"].get<std::string>().rfind("2027-01-03T01:00:", 0) == 0);
  CHECK(stored_files(home.path()) == std::set<std::string>{sha256});
  CHECK(loaxa::test::read_bytes(home / "mandates" / sha256) == loaxa::test::read_bytes(file));

  // The same audio again (to a named station; then to every station, in Vietnamese): the file is reused.
  const auto named = hub_run(home.path(), add_args(file, {"--station", "xa-xa", "--level", "priority"}));
  require_ok(named);
  CHECK(named.out.find("Mandate 2 added") != std::string::npos);
  require_ok(hub_run(home.path(), add_args(file), "vi"));
  CHECK(stored_files(home.path()) == std::set<std::string>{sha256});
  const auto listed = hub_run(home.path(), {"--json", "mandate", "list"});
  require_ok(listed);
  const auto list = json::parse(listed.out);
  REQUIRE(list.size() == 3);
  CHECK(list[1]["stations"] == json::array({"xa-xa"}));
  CHECK(list[1]["level"] == "priority");
  CHECK(list[2]["stations"] == json::array({"xa-moi", "xa-xa", "xa-yen"}));
  CHECK(list[2]["windows"] == json::array({"05:00-21:00"}));

  // What the stations said and aired (as their polls and plays would have stored it).
  {
    hub::SqliteHubStore store(home / "hub.db");
    using State = wire::MandateState;
    store.record_mandate_reports("xa-moi", {report(1, State::received, "2027-01-04T01:00:00.000Z", "", 6)});
    store.record_mandate_reports("xa-yen", {report(1, State::declined, "2027-01-04T02:00:00.000Z", "Loa hỏng", 0)});
    REQUIRE(store
                .append_plays("xa-moi",
                              airings_log({{"2027-01-04T23:00:00.000Z", store::PlayStatus::completed, 1},
                                           {"2027-01-05T10:30:00.000Z", store::PlayStatus::completed, 1},
                                           {"2027-01-06T10:30:00.000Z", store::PlayStatus::interrupted, 1}}),
                              store::parse_utc_text("2027-01-07T00:00:00.000Z"))
                .acked_seq == 3);
    store.record_heard("xa-moi", {{1, 80.0}, {2, 90.0}});
  }
  const auto shown = hub_run(home.path(), {"--json", "mandate", "show", "1"});
  require_ok(shown);
  const auto view = json::parse(shown.out);
  CHECK(view["mandate"]["id"] == 1);
  CHECK(view["mandate"]["title"] == "Định danh điện tử VNeID");
  CHECK(view["mandate"]["from"] == "2027-01-04");
  CHECK(view["mandate"]["until"] == "2027-01-17");
  CHECK(view["mandate"]["times_per_week"] == 3);
  CHECK(view["mandate"]["cancelled"] == false);
  REQUIRE(view["stations"].size() == 2);
  for (const auto& row : view["stations"]) {
    for (const char* key : {"station_id", "received", "required", "aired", "heard_pct", "declined", "planned"}) {
      CHECK(row.contains(key));
    }
  }
  const auto& moi = station_row(view["stations"], "xa-moi");
  CHECK(moi["received"] == "2027-01-04T01:00:00.000Z");
  CHECK(moi["required"] == 6);
  CHECK(moi["aired"] == 2);
  CHECK(moi["heard_pct"] == 85.0);
  CHECK(moi["declined"].is_null());
  CHECK(moi["planned"] == 6);
  const auto& yen = station_row(view["stations"], "xa-yen");
  CHECK(yen["received"].is_null());
  CHECK(yen["required"] == 6);
  CHECK(yen["aired"] == 0);
  CHECK(yen["heard_pct"].is_null());
  CHECK(yen["declined"] == "Loa hỏng");
  CHECK(yen["planned"].is_null());

  // For people: a station that has not received it says so.
  const auto text = hub_run(home.path(), {"mandate", "show", "3"});
  require_ok(text);
  CHECK(text.out.find("not received yet") != std::string::npos);
  CHECK(text.out.find("05:00-21:00") != std::string::npos);
  const auto text1 = hub_run(home.path(), {"mandate", "show", "1"});
  require_ok(text1);
  CHECK(text1.out.find("declined: Loa hỏng") != std::string::npos);
  CHECK(text1.out.find("85.0") != std::string::npos);

  // Cancelled once; a second cancel, an unknown or a malformed number refused.
  require_ok(hub_run(home.path(), {"mandate", "cancel", "1"}));
  const auto again = hub_run(home.path(), {"mandate", "cancel", "1"}, "vi");
  CHECK(again.exit_code == 1);
  CHECK(again.err.rfind("Lỗi: ", 0) == 0);
  CHECK(again.err.find("1") != std::string::npos);
  const auto after = json::parse(hub_run(home.path(), {"--json", "mandate", "show", "1"}).out);
  CHECK(after["mandate"]["cancelled"] == true);
  CHECK(after["mandate"]["cancelled_at"].get<std::string>().rfind("2027-01-03T01:00:", 0) == 0);
  const auto missing = hub_run(home.path(), {"mandate", "show", "9"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("no mandate 9") != std::string::npos);
  const auto malformed = hub_run(home.path(), {"mandate", "cancel", "x1"});
  CHECK(malformed.exit_code == 1);
  CHECK(malformed.err.find("'x1'") != std::string::npos);
}

TEST_CASE("mandate add refuses bad audio, terms and stations, naming each, and writes nothing", "[hub][mandate][cli]") {
  loaxa::test::TempDir home;
  loaxa::test::TempDir files;
  three_stations(home.path());
  const auto good = tone(files);
  const auto corrupt = files / "hong.mp3";
  loaxa::test::write_bytes(corrupt, std::string(4000, '\x5a'));
  const auto silent = files / "im-lang.wav";
  loaxa::test::ToneSpec quiet;
  quiet.peak_dbfs = -1000;
  loaxa::test::write_tone_wav(silent, quiet);
  const auto empty = files / "rong.wav";
  loaxa::test::write_bytes(empty, "");

  struct Case {
    std::vector<std::string> args;
    std::string vietnamese;  // in the Vietnamese message
    std::string english;     // in the English one
  };
  const std::vector<Case> cases{
      // The audio: the station's import refusals, worded as the station words them.
      {add_args(corrupt), "hong.mp3: đây không phải tệp âm thanh", "hong.mp3"},
      {add_args(silent), "im-lang.wav: tệp im lặng", "im-lang.wav"},
      {add_args(empty), "rong.wav", "rong.wav"},
      {add_args(files / "khong-co.wav"), "khong-co.wav: tệp không tồn tại", "khong-co.wav"},
      // The terms.
      {add_args(good, {"--window", "07:00-05:00"}), "--window 07:00-05:00", "ending after it starts"},
      {add_args(good, {"--window", "05:00-08:00,07:00-09:00"}), "--window 05:00-08:00,07:00-09:00", "not overlapping"},
      {{"mandate", "add", good.string(), "--title", "T", "--category", "CDS", "--from", "2027-01-17", "--until",
        "2027-01-04", "--times-per-week", "3"},
       "--until 2027-01-04",
       "is before --from 2027-01-17"},
      {{"mandate", "add", good.string(), "--title", "T", "--category", "CDS", "--from", "2027-02-30", "--until",
        "2027-03-04", "--times-per-week", "3"},
       "--from 2027-02-30",
       "write a date"},
      {{"mandate", "add", good.string(), "--title", "T", "--category", "CDS", "--from", "2027-01-04", "--until",
        "2027-01-17", "--times-per-week", "22"},
       "--times-per-week 22",
       "from 1 to 21"},
      {{"mandate", "add", good.string(), "--title", "T", "--category", "CDS", "--from", "2027-01-04", "--until",
        "2027-01-17", "--times-per-week", "ba"},
       "--times-per-week ba",
       "from 1 to 21"},
      {add_args(good, {"--level", "loud"}), "--level loud", "normal, priority or emergency"},
      {{"mandate", "add", good.string(), "--title", "  ", "--category", "CDS", "--from", "2027-01-04", "--until",
        "2027-01-17", "--times-per-week", "3"},
       "--title",
       "needs a title"},
      {{"mandate", "add", good.string(), "--title", "T", "--category", "1X", "--from", "2027-01-04", "--until",
        "2027-01-17", "--times-per-week", "3"},
       "'1X'",
       "category code"},
      // The stations.
      {add_args(good, {"--station", "xa-moi", "--station", "nowhere"}), "đài 'nowhere'", "no station 'nowhere'"},
      {add_args(good, {"--group", "Huyện B"}), "nhóm 'Huyện B'", "group 'Huyện B'"},
      {add_args(good, {"--group", "Huyện A", "--station", "xa-xa"}), "--group", "not both"},
  };
  for (const auto& c : cases) {
    INFO(c.args[2] << " " << c.args.back());
    const auto vi = hub_run(home.path(), c.args, "vi");
    CHECK(vi.exit_code == 1);
    CHECK(vi.err.rfind("Lỗi: ", 0) == 0);
    CHECK(vi.err.find(c.vietnamese) != std::string::npos);
    CHECK(vi.out.empty());
    const auto en = hub_run(home.path(), c.args, "en");
    CHECK(en.exit_code == 1);
    CHECK(en.err.find(c.english) != std::string::npos);
  }
  const auto listed = hub_run(home.path(), {"--json", "mandate", "list"});
  require_ok(listed);
  CHECK(json::parse(listed.out).empty());
  CHECK(stored_files(home.path()).empty());  // no audio, and no copy left half-way
}

TEST_CASE("serve answers a station's poll with the signed list and its audio as raw bytes", "[hub][mandate][cli]") {
  loaxa::test::TempDir home;
  loaxa::test::TempDir files;
  const auto key_hex = add_station(home.path(), "xa-moi");
  const auto khac_hex = add_station(home.path(), "xa-khac");
  const auto file = tone(files);
  require_ok(hub_run(home.path(), add_args(file, {"--station", "xa-moi"})));
  const auto audio = loaxa::test::read_bytes(file);
  const auto sha256 = wire::sha256_hex(audio);

  // The hub's clock at kNow (LOAXA_NOW is inherited by the server), and requests signed then.
  ::setenv("LOAXA_NOW", kNow.c_str(), 1);
  HubProcess hub(home.path());
  ::unsetenv("LOAXA_NOW");
  const std::int64_t now = 1798938000;  // 2027-01-03T01:00:00Z
  const auto exchange_raw = [&](const std::string& raw) {
    const int fd = connect_local(hub.port());
    REQUIRE(::write(fd, raw.data(), raw.size()) == static_cast<ssize_t>(raw.size()));
    auto answer = read_until_closed(fd, std::chrono::seconds(10));
    ::close(fd);
    REQUIRE(answer);
    return *answer;
  };
  const auto header_of = [](const std::string& raw, const std::string& name) {
    const auto head = raw.substr(0, raw.find("\r\n\r\n"));
    const auto at = head.find("\r\n" + name + ": ");
    if (at == std::string::npos) return std::string();
    const auto from = at + 4 + name.size();
    return head.substr(from, head.find("\r\n", from) - from);
  };

  wire::MandatePoll poll;
  poll.station_id = "xa-moi";
  const std::string nonce(32, 'e');
  const auto raw =
      exchange_raw(signed_request("xa-moi", key_hex, "/api/v1/mandates", wire::poll_to_json(poll), now, nonce));
  const auto answer = parse_response(raw);
  INFO(raw);
  REQUIRE(answer.status == 200);
  const auto orders = wire::orders_from_json(answer.body);
  REQUIRE(orders.size() == 1);
  CHECK(orders[0].sha256 == sha256);
  const auto key = *wire::from_hex(key_hex, 32);
  CHECK(wire::response_signature_matches(key, nonce, answer.body, header_of(raw, "X-Loaxa-Response-Signature")));

  wire::AudioRequest piece;
  piece.station_id = "xa-moi";
  piece.sha256 = sha256;
  piece.offset = 44;
  const auto audio_raw =
      exchange_raw(signed_request("xa-moi", key_hex, "/api/v1/mandate-audio", wire::audio_request_to_json(piece), now));
  const auto bytes = parse_response(audio_raw);
  REQUIRE(bytes.status == 200);
  CHECK(header_of(audio_raw, "Content-Type") == "application/octet-stream");
  CHECK(bytes.body == audio.substr(44));

  // A station the mandate does not address gets none of its audio.
  const auto refused = parse_response(exchange_raw(signed_request(
      "xa-khac", khac_hex, "/api/v1/mandate-audio", wire::audio_request_to_json({"xa-khac", sha256, 0}), now)));
  CHECK(refused.status == 404);
  CHECK(json::parse(refused.body)["error"]["kind"] == "no_such_audio");
  CHECK(hub.stop() == 0);
}

TEST_CASE("mandate add run as root on the service's home gives the audio to the home's owner", "[hub][mandate][cli]") {
  if (::geteuid() != 0) {
    WARN("not root: the service's home cannot be given to another user here");
    return;
  }
  loaxa::test::TempDir home;
  loaxa::test::TempDir files;
  three_stations(home.path());
  const uid_t service = 65534;  // nobody
  REQUIRE(::chown(home.path().c_str(), service, service) == 0);
  require_ok(hub_run(home.path(), add_args(tone(files))));
  struct stat folder {};
  REQUIRE(::stat((home / "mandates").c_str(), &folder) == 0);
  CHECK(folder.st_uid == service);
  const auto stored = stored_files(home.path());
  REQUIRE(stored.size() == 1);
  struct stat audio {};
  REQUIRE(::stat((home / "mandates" / *stored.begin()).c_str(), &audio) == 0);
  CHECK(audio.st_uid == service);
  CHECK((audio.st_mode & 0777) == 0640);
}
