// libFuzzer target: bytes → the hub's request path, as loaxa-hub takes a request.
//
// The first byte picks the mode (fuzz_station.hpp). In the HTTP modes the rest is a stream
// of HTTP requests read by Beast's request_parser with the server's limits (ServerOptions'
// defaults), in turn as on a kept-alive connection, each translated by api_request_from as
// the server does; in the signed-body mode the rest is request bodies. Every request goes to
// hub::Api::handle against a real SqliteHubStore made afresh for the input (in a temporary
// directory), holding a station whose key is known and a district bulletin addressed to it
// (its audio in the hub's mandates folder), at a fixed clock — so the signed modes get past
// authentication and into the plays/heartbeat/mandates parsing and the chain rules, and a
// crash found replays alone.
//
// What must hold for every input:
//  - handle() returns (it never throws), with a status from the documented set; 500 is a
//    storage failure, which a working store never has, so it is a finding too.
//  - Every answer is a JSON object; a refusal carries {"error":{"kind","detail"}} as text.
//    Except a piece of audio (200 from /api/v1/mandate-audio): exactly the bytes of the hub's
//    copy from the offset asked for. A mandates list is signed for the request's nonce with
//    the station's key and reads back as the station reads it.
//  - The store holds only a well-formed chain: seq 1..n, each hash following from its row
//    and the previous hash, and the station's acked_seq is n.

#include "fuzz_station.hpp"
#include "hub/api.hpp"
#include "hub/key_vault.hpp"
#include "hub/request_fields.hpp"
#include "hub/server.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "store/play_store.hpp"
#include "wire/mandate_json.hpp"
#include "wire/signing.hpp"

#include <fmt/format.h>
#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <string_view>

using namespace loaxa;

namespace {

namespace http = boost::beast::http;

void require(bool holds, const std::string& what, std::string_view context) {
  if (holds) return;
  std::fprintf(stderr, "fuzz_hub_request: %s\n%.*s\n", what.c_str(), static_cast<int>(context.size()), context.data());
  std::abort();
}

// The fuzzer's bytes as a socket that has received them all, then sees the peer close:
// what http::read draws from, as the server's async_read draws from its connection.
class ByteStream {
 public:
  explicit ByteStream(std::string_view bytes) : rest_(bytes) {}

  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers, boost::system::error_code& ec) {
    if (rest_.empty()) {
      ec = boost::asio::error::eof;
      return 0;
    }
    ec = {};
    const std::size_t copied = boost::asio::buffer_copy(buffers, boost::asio::buffer(rest_.data(), rest_.size()));
    rest_.remove_prefix(copied);
    return copied;
  }
  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers) {
    boost::system::error_code ec;
    const std::size_t read = read_some(buffers, ec);
    if (ec) throw boost::system::system_error(ec);
    return read;
  }

 private:
  std::string_view rest_;
};

// The process's temporary directory: on tmpfs when there is one, since each input makes a
// new database and SQLite syncs each commit. Removed when the fuzzer exits.
class WorkDir {
 public:
  WorkDir() {
    namespace fs = std::filesystem;
    const fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    std::string pattern = (base / "loaxa-fuzz-hub-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) require(false, "cannot make a temporary directory", pattern);
    path_ = pattern;
  }
  ~WorkDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A hub store holding the two stations, made once: each input starts from a copy of its
// file, which is much quicker than migrating a new database. Its bytes are kept in memory.
std::string make_template(const std::filesystem::path& dir, const hub::KeyVault& vault,
                          const std::vector<std::uint8_t>& key, Instant now) {
  const auto file = dir / "template.db";
  {
    hub::SqliteHubStore store(file);
    hub::Station station;
    station.id = fuzz::kStation;
    station.name = "Xã Mới";
    station.created_at = now;
    station.sealed_key = vault.seal(fuzz::kStation, key);
    store.add_station(station);
    station.id = fuzz::kDisabledStation;
    station.name = "Xã Cũ";
    station.sealed_key = vault.seal(fuzz::kDisabledStation, key);
    store.add_station(station);
    store.set_enabled(fuzz::kDisabledStation, false);
    hub::Mandate mandate;
    mandate.order.title = "Cài đặt VNeID mức 2";
    mandate.order.category = "CDS";
    mandate.order.terms.from = schedules::parse_date("2026-11-30");
    mandate.order.terms.until = schedules::parse_date("2026-12-13");
    mandate.order.terms.times_per_week = 3;
    mandate.order.terms.windows = schedules::parse_windows("05:00-07:00,17:00-19:00");
    const std::string audio = fuzz::mandate_audio();
    mandate.order.sha256 = wire::sha256_hex(audio);
    mandate.order.size = static_cast<std::int64_t>(audio.size());
    mandate.order.file_name = "vneid.mp3";
    mandate.order.issued_at = now;
    mandate.stations = {fuzz::kStation};
    store.add_mandate(mandate);
  }  // the last connection closed: the WAL is checkpointed into the file and removed
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  require(in.good() || in.eof(), "cannot read the template store", file.string());
  return bytes;
}

// The hub's mandates folder: the bulletin's audio under its SHA-256, as `mandate add` keeps it.
std::filesystem::path make_audio_dir(const std::filesystem::path& dir) {
  const auto audio_dir = dir / "mandates";
  std::filesystem::create_directories(audio_dir);
  const std::string audio = fuzz::mandate_audio();
  std::ofstream out(audio_dir / wire::sha256_hex(audio), std::ios::binary);
  out.write(audio.data(), static_cast<std::streamsize>(audio.size()));
  out.close();
  require(!out.fail(), "cannot write the bulletin's audio", audio_dir.string());
  return audio_dir;
}

struct Fixture {
  WorkDir dir;
  const std::filesystem::path audio_dir = make_audio_dir(dir.path());
  const std::string audio = fuzz::mandate_audio();
  const hub::KeyVault vault{std::vector<std::uint8_t>(32, 0x5a)};
  const std::vector<std::uint8_t> key = fuzz::station_key();
  ManualClock clock{fuzz::fuzz_now()};
  const std::string template_bytes = make_template(dir.path(), vault, key, clock.now());
  const hub::ServerOptions server_defaults{};
};

Fixture& fixture() {
  static Fixture instance;
  return instance;
}

// A new store for the input: the previous one's files removed, the template written. Through
// a stream, not std::filesystem::copy_file: libFuzzer's timer signal interrupts system calls,
// and copy_file gives up on EINTR where the stream writes again.
std::unique_ptr<hub::SqliteHubStore> fresh_store(Fixture& f) {
  const auto file = f.dir.path() / "hub.db";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ignored;
    std::filesystem::remove(file.string() + suffix, ignored);
  }
  {
    std::ofstream out(file, std::ios::binary);
    out.write(f.template_bytes.data(), static_cast<std::streamsize>(f.template_bytes.size()));
    out.close();
    require(!out.fail(), "cannot write the input's store", file.string());
  }
  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return std::make_unique<hub::SqliteHubStore>(file);
}

const std::set<int> kAnswered{200, 400, 401, 404, 405, 409, 413, 416};

std::string header(const hub::ApiResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

// A 200 of the bulletins' endpoints: the audio is the hub's copy from the offset asked for;
// the list is signed for this request and reads back as the station reads it.
void check_mandate_answer(const Fixture& f, const hub::ApiRequest& request, const hub::ApiResponse& response,
                          const std::string& context) {
  if (request.target == "/api/v1/mandate-audio") {
    require(response.content_type == "application/octet-stream", "a piece of audio not sent as bytes", context);
    const auto asked = wire::audio_request_from_json(request.body);
    const auto offset = static_cast<std::size_t>(asked.offset);
    require(offset <= f.audio.size() && response.body == f.audio.substr(offset, wire::kAudioPieceBytes),
            "a piece of audio that is not the hub's copy from the offset asked for", context);
    return;
  }
  require(wire::response_signature_matches(f.key, request.nonce, response.body,
                                           header(response, "X-Loaxa-Response-Signature")),
          "a mandates list not signed for this request", context);
  try {
    wire::orders_from_json(response.body);
  } catch (const std::exception& e) {
    require(false, std::string("a mandates list the station cannot read: ") + e.what(), context);
  }
}

void check_response(const Fixture& f, const hub::ApiRequest& request, const hub::ApiResponse& response) {
  const std::string context =
      fmt::format("{} {} station={} status={}\nbody: {}\nanswer: {}", request.method, request.target, request.station,
                  response.status, request.body, response.body);
  require(kAnswered.count(response.status) == 1, "a status outside the documented set", context);
  if (response.status == 200 && (request.target == "/api/v1/mandates" || request.target == "/api/v1/mandate-audio")) {
    check_mandate_answer(f, request, response, context);
    if (request.target == "/api/v1/mandate-audio") return;
  }
  const auto answer = nlohmann::json::parse(response.body, nullptr, false);
  require(answer.is_object(), "an answer that is not a JSON object", context);
  if (response.status != 200) {
    const auto error = answer.find("error");
    require(error != answer.end() && error->is_object(), "a refusal without an error object", context);
    const auto kind = error->find("kind");
    const auto detail = error->find("detail");
    require(kind != error->end() && kind->is_string() && !kind->get<std::string>().empty() && detail != error->end() &&
                detail->is_string(),
            "a refusal without its kind and detail", context);
  }
}

// LOAXA_FUZZ_VERBOSE=1: each answer on stderr, to see where a seed's requests get to.
const bool kVerbose = std::getenv("LOAXA_FUZZ_VERBOSE") != nullptr;

hub::ApiResponse handle(const Fixture& f, hub::Api& api, const hub::ApiRequest& request) {
  const auto response = api.handle(request);
  check_response(f, request, response);
  if (kVerbose) {
    std::fprintf(stderr, "%s %s → %d %s\n", request.method.c_str(), request.target.c_str(), response.status,
                 response.body.c_str());
  }
  return response;
}

void sign(const Fixture& f, hub::ApiRequest& request) {
  request.signature =
      wire::sign_request(f.key, request.method, request.target, request.timestamp, request.nonce, request.body);
}

// Requests read from the bytes as the server reads a kept-alive connection: one parser per
// request, the buffer carried over; the first error (or the peer's close) ends it.
void run_http(Fixture& f, hub::Api& api, std::string_view bytes, bool give_signature) {
  ByteStream stream(bytes);
  boost::beast::flat_buffer buffer;
  for (int i = 0; i < 16; ++i) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(f.server_defaults.max_body_bytes);
    parser.header_limit(static_cast<std::uint32_t>(f.server_defaults.max_header_bytes));
    boost::system::error_code ec;
    http::read(stream, buffer, parser, ec);
    if (ec) return;
    auto message = parser.release();
    auto request = hub::api_request_from(message);
    if (give_signature) sign(f, request);
    handle(f, api, request);
    if (!message.keep_alive()) return;
  }
}

// Bodies sent as the station sends them: signed, timestamped now, each with a new nonce.
void run_bodies(Fixture& f, hub::Api& api, std::string_view bytes) {
  int nonce = 0;
  while (!bytes.empty()) {
    const auto end = bytes.find(fuzz::kBodySeparator);
    const std::string_view part = bytes.substr(0, end);
    bytes = end == std::string_view::npos ? std::string_view{} : bytes.substr(end + 1);
    if (part.empty()) continue;
    hub::ApiRequest request;
    request.method = "POST";
    switch (part.front()) {
      case 'H':
        request.target = "/api/v1/heartbeat";
        break;
      case 'L':
        request.target = "/api/v1/plan";
        break;
      case 'M':
        request.target = "/api/v1/mandates";
        break;
      case 'A':
        request.target = "/api/v1/mandate-audio";
        break;
      default:
        request.target = "/api/v1/plays";
    }
    request.station = fuzz::kStation;
    request.timestamp = std::to_string(fuzz::kNowUnixSeconds);
    request.nonce = fmt::format("{:032x}", ++nonce);
    request.body = std::string(part.substr(1));
    sign(f, request);
    handle(f, api, request);
  }
}

// Whatever got in is a well-formed chain, and the station's acked_seq says how far it goes.
void check_chain(hub::SqliteHubStore& store) {
  const auto held = store.plays(fuzz::kStation);
  std::string previous(store::kFirstPreviousHash);
  for (std::size_t i = 0; i < held.size(); ++i) {
    const auto& row = held[i];
    require(row.seq == static_cast<std::int64_t>(i + 1), "the held plays are not seq 1..n", std::to_string(i));
    require(store::chain_hash(previous, row) == row.hash, "a held play's hash does not follow from its row",
            std::to_string(i + 1));
    previous = row.hash;
  }
  const auto station = store.find_station(fuzz::kStation);
  require(station && station->acked_seq == static_cast<std::int64_t>(held.size()),
          "the station's acked_seq is not the number of plays held", std::to_string(held.size()));
  require(store.plays(fuzz::kDisabledStation).empty(), "a disabled station's plays were stored", "");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto& f = fixture();
  const auto store = fresh_store(f);
  hub::Api api(*store, f.vault, f.clock, {}, hub::MandateSetup{f.audio_dir});
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (static_cast<fuzz::Mode>(data[0] % 3)) {
    case fuzz::Mode::raw_http:
      run_http(f, api, rest, false);
      break;
    case fuzz::Mode::signed_http:
      run_http(f, api, rest, true);
      break;
    case fuzz::Mode::signed_bodies:
      run_bodies(f, api, rest);
      break;
  }
  check_chain(*store);
  return 0;
}
