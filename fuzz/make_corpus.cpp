// Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/), a few valid and
// invalid inputs each: `fuzz_make_corpus fuzz/corpus`. The plays are made by the station's
// own store (tests/hub/hub_fixture.hpp), so their seq and hashes are real, and the requests
// are signed for the fuzzer's hub (fuzz_station.hpp), so the seeds get past authentication.
// Run again after a change to the protocol; the files it writes are committed.

#include "fuzz_station.hpp"
#include "hub_fixture.hpp"
#include "wire/mandate_json.hpp"
#include "wire/play_json.hpp"
#include "wire/signing.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

using namespace loaxa;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& dir, const std::string& name, const std::string& bytes) {
  fs::create_directories(dir);
  std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + (dir / name).string());
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("no '" + from + "' in " + text);
  return text.replace(at, from.size(), to);
}

std::string heartbeat_body(const std::string& station, const std::string& next_occurrence) {
  return fmt::format(R"({{"station_id":"{}","version":"0.1.0","uptime_s":3600,"device":"hw:0","next_occurrence":{},)"
                     R"("clock_utc":"2026-12-01T03:00:00.250Z","outbox_depth":2}})",
                     station, next_occurrence);
}

struct Headers {
  std::string station = fuzz::kStation;
  std::string timestamp = std::to_string(fuzz::kNowUnixSeconds);
  int nonce = 1;
  bool signature = true;  // a correct one, else none
  bool chunked = false;
  bool close = false;
};

std::string http_request(const std::string& method, const std::string& target, const std::string& body,
                         const Headers& h) {
  const std::string nonce = fmt::format("{:032x}", h.nonce);
  std::string out = method + " " + target + " HTTP/1.1\r\nHost: hub.huyen.example\r\n";
  out += "X-Loaxa-Station: " + h.station + "\r\n";
  out += "X-Loaxa-Timestamp: " + h.timestamp + "\r\n";
  out += "X-Loaxa-Nonce: " + nonce + "\r\n";
  if (h.signature) {
    out += "X-Loaxa-Signature: " + wire::sign_request(fuzz::station_key(), method, target, h.timestamp, nonce, body) +
           "\r\n";
  }
  out += "Content-Type: application/json\r\n";
  if (h.close) out += "Connection: close\r\n";
  if (h.chunked) {
    const auto half = body.size() / 2;
    return out + "Transfer-Encoding: chunked\r\n\r\n" + fmt::format("{:x}\r\n", half) + body.substr(0, half) + "\r\n" +
           fmt::format("{:x}\r\n", body.size() - half) + body.substr(half) + "\r\n0\r\n\r\n";
  }
  return out + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

void play_decoder_corpus(const fs::path& dir) {
  const auto plays = hub::test::station_plays(4);
  const char* names[] = {"completed", "missed", "failed", "interrupted"};
  for (std::size_t i = 0; i < plays.size(); ++i)
    write(dir, fmt::format("row-{}.json", names[i]), wire::play_to_json(plays[i]));
  const std::string row = wire::play_to_json(plays[0]);
  auto manual = plays[0];
  manual.item.occurrence = store::OccurrenceKey::of_manual("tin-khan-bao-lu");
  manual.item.level = store::PlayLevel::emergency;
  manual.item.programme_id.reset();
  manual.item.segment_id.reset();
  manual.item.segment_sha256.clear();
  manual.item.scheduled_start.reset();
  write(dir, "row-manual.json", wire::play_to_json(manual));
  write(dir, "bad-truncated.json", row.substr(0, row.size() / 2));
  write(dir, "bad-seq-zero.json", replace(row, "\"seq\":1", "\"seq\":0"));
  write(dir, "bad-instant.json", replace(row, "2026-11-30T22:30:30.000Z", "2026-11-30T22:30:30Z"));
  write(dir, "bad-unknown-field.json", replace(row, "{", "{\"extra\":true,"));
  write(dir, "bad-missing-field.json", replace(row, "\"frames\":", "\"framez\":"));
  write(dir, "bad-ends-early.json", replace(row, "2026-11-30T22:30:30.000Z", "2026-11-30T22:29:00.000Z"));
  write(dir, "bad-array.json", "[" + row + "]");
  write(dir, "occurrence-slot.txt", "slot:3@2026-11-30T22:30:00.000Z");
  write(dir, "occurrence-manual.txt", "manual:tin-khan");
  write(dir, "instant.txt", "2026-11-30T22:30:00.250Z");
  write(dir, "instant-seconds.txt", "2026-11-30T22:30:00Z");
}

void hub_request_corpus(const fs::path& dir) {
  const auto plays = hub::test::station_plays(6);
  const std::string station = fuzz::kStation;
  const std::string rs(1, fuzz::kBodySeparator);
  const std::string heartbeat = heartbeat_body(station, "\"2026-12-01T22:30:00.000Z\"");
  const std::string first = hub::test::plays_body(station, plays, 0, 3);
  const std::string rest = hub::test::plays_body(station, plays, 2, 4);

  // Signed bodies (mode 2).
  write(dir, "bodies-two-batches-heartbeat", "2P" + first + rs + "P" + rest + rs + "H" + heartbeat);
  write(dir, "bodies-one-batch", "2P" + hub::test::plays_body(station, plays));
  write(dir, "bodies-gap", "2P" + hub::test::plays_body(station, plays, 2, 2));
  auto altered = plays;
  altered[1].item.title = "Bản tin đã sửa";
  write(dir, "bodies-conflict", "2P" + first + rs + "P" + hub::test::plays_body(station, altered, 1, 1));
  write(dir, "bodies-heartbeat-idle", "2H" + heartbeat_body(station, "null"));
  write(dir, "bodies-other-station", "2P" + hub::test::plays_body("xa-khac", plays, 0, 1));
  write(dir, "bodies-not-object", "2P[]" + rs + "H{}" + rs + "Pnull");

  // The district bulletin (mandate 1, its audio fuzz::mandate_audio()): the poll with a
  // report and a heard %, then the audio from 0, from the middle, past its end (416), and
  // audio the station was not sent (404).
  wire::MandatePoll poll;
  poll.station_id = station;
  poll.reports.push_back({1, wire::MandateState::received, fuzz::fuzz_now(), "", 6});
  poll.heard.push_back({1, 97.5});
  wire::MandatePoll declined;
  declined.station_id = station;
  declined.reports.push_back({1, wire::MandateState::declined, fuzz::fuzz_now(), "Trùng lịch họp dân", 0});
  const std::string sha = wire::sha256_hex(fuzz::mandate_audio());
  const auto audio_from = [&](const std::string& hash, std::int64_t offset) {
    return wire::audio_request_to_json({station, hash, offset});
  };
  write(dir, "bodies-mandates",
        "2M" + wire::poll_to_json(poll) + rs + "A" + audio_from(sha, 0) + rs + "A" + audio_from(sha, 4096) + rs + "A" +
            audio_from(sha, 6000) + rs + "A" + audio_from(std::string(64, 'f'), 0) + rs + "M" +
            wire::poll_to_json(declined));
  write(dir, "bodies-mandates-not-object", "2M[]" + rs + "A{}" + rs + "Mnull");

  // HTTP, signed by the harness (mode 1): pipelined, chunked, replayed, stale, disabled.
  Headers h;
  h.signature = false;
  Headers second = h;
  second.nonce = 2;
  write(dir, "http-signed-pipelined",
        "1" + http_request("POST", "/api/v1/plays", first, h) +
            http_request("POST", "/api/v1/heartbeat", heartbeat, second));
  Headers chunked = h;
  chunked.chunked = true;
  write(dir, "http-signed-chunked", "1" + http_request("POST", "/api/v1/plays", first, chunked));
  write(dir, "http-signed-mandates",
        "1" + http_request("POST", "/api/v1/mandates", wire::poll_to_json(poll), h) +
            http_request("POST", "/api/v1/mandate-audio", audio_from(sha, 0), second));
  write(dir, "http-signed-replayed",
        "1" + http_request("POST", "/api/v1/plays", first, h) + http_request("POST", "/api/v1/plays", rest, h));
  Headers stale = h;
  stale.timestamp = std::to_string(fuzz::kNowUnixSeconds - 301);
  write(dir, "http-signed-stale", "1" + http_request("POST", "/api/v1/heartbeat", heartbeat, stale));
  Headers disabled = h;
  disabled.station = fuzz::kDisabledStation;
  write(dir, "http-signed-disabled",
        "1" + http_request("POST", "/api/v1/heartbeat", heartbeat_body(fuzz::kDisabledStation, "null"), disabled));

  // HTTP as sent (mode 0): signed correctly for the fixed clock, then the refusals.
  Headers good;
  write(dir, "http-good", "0" + http_request("POST", "/api/v1/plays", first, good));
  // The body altered after signing: the signature is well-formed but does not match.
  write(dir, "http-bad-signature",
        "0" + replace(http_request("POST", "/api/v1/plays", first, good), "\"frames\":1440000", "\"frames\":1440001"));
  Headers unsigned_headers;
  unsigned_headers.signature = false;
  unsigned_headers.close = true;
  write(dir, "http-unsigned", "0" + http_request("POST", "/api/v1/heartbeat", heartbeat, unsigned_headers));
  write(dir, "http-get", "0GET /api/v1/plays HTTP/1.1\r\nHost: hub\r\n\r\n");
  write(dir, "http-not-found", "0POST /api/v2/plays HTTP/1.1\r\nHost: hub\r\nContent-Length: 2\r\n\r\n{}");
  write(dir, "http-too-large", "0POST /api/v1/plays HTTP/1.1\r\nHost: hub\r\nContent-Length: 2000000\r\n\r\n{");
  write(dir, "http-not-http", "0hello\r\n\r\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fuzz_make_corpus CORPUS_DIR (fuzz/corpus)\n";
    return 2;
  }
  const fs::path root = argv[1];
  play_decoder_corpus(root / "fuzz_play_decoder");
  hub_request_corpus(root / "fuzz_hub_request");
  return 0;
}
