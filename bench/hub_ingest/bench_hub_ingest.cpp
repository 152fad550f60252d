// bench_hub_ingest: one round of the hub ingest benchmark (bench/hub_ingest/run).
//
// The hub: a fresh home, STATIONS stations added with `loaxa-hub station add --json`, the real
// `loaxa-hub serve` on 127.0.0.1 (plain HTTP on loopback). The client: one thread and one
// keep-alive HTTP/1.1 connection per station, sending that station's PLAYS plays in batches
// of BATCH, in seq order, each batch signed as a station signs it (wire::sign_request, a
// fresh nonce and timestamp) and sent once the previous batch's 200 came back; every answer
// must be 200 with the batch's last seq acknowledged. The plays and their JSON are built
// before the clock starts (a station has them in its outbox); signing is inside the timing.
// Timed: from the first request sent to the last answer read. Afterwards the hub is stopped
// and its database counted: every play once.
//
// The peer, in the same process right after: the same rows inserted with the sqlite3 C API
// (one prepared statement, bound as the hub binds them) into the hub's own play table (its
// CREATE TABLE and every index on it, read from the hub's hub.db; the foreign key to a
// station table; WAL, synchronous=FULL, foreign_keys=ON, as the hub opens its database), in
// ONE transaction, in a fresh file in the same folder.
//
// Prints one JSON object: plays, seconds and plays/s for both, the hub's CPU and peak RSS,
// this client's CPU.
//
// Usage: bench_hub_ingest --hub PATH --work DIR [--stations 8] [--plays 12500] [--batch 500]

#include "bench/hub_common/hub_bench.hpp"
#include "store/utc_text.hpp"
#include "wire/signing.hpp"

#include <sqlite3.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using namespace loaxa;

struct Options {
  std::string hub;
  std::filesystem::path work;
  int stations = 8;
  std::size_t plays = 12500;
  std::size_t batch = 500;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--hub")
      o.hub = value;
    else if (name == "--work")
      o.work = value;
    else if (name == "--stations")
      o.stations = std::stoi(value);
    else if (name == "--plays")
      o.plays = std::stoul(value);
    else if (name == "--batch")
      o.batch = std::stoul(value);
    else
      throw std::invalid_argument("unknown option " + name);
  }
  if (o.hub.empty() || o.work.empty()) throw std::invalid_argument("--hub and --work are required");
  return o;
}

struct StationLoad {
  std::string id;
  std::vector<std::uint8_t> key;
  std::vector<store::Play> plays;
  std::vector<std::string> bodies;  // one per batch
  std::vector<std::int64_t> last_seq;
  std::string error;
};

// One station's batches, in order, over one keep-alive connection.
void send_all(unsigned short port, StationLoad& load) {
  try {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port));
    socket.set_option(tcp::no_delay(true));
    beast::flat_buffer buffer;
    const std::string path = "/api/v1/plays";
    for (std::size_t b = 0; b < load.bodies.size(); ++b) {
      http::request<http::string_body> request{http::verb::post, path, 11};
      request.set(http::field::host, "127.0.0.1");
      request.set(http::field::content_type, "application/json");
      for (const auto& [name, value] : bench::signed_headers(load.id, load.key, path, load.bodies[b])) {
        request.set(name, value);
      }
      request.keep_alive(true);
      request.body() = load.bodies[b];
      request.prepare_payload();
      http::write(socket, request);
      http::response<http::string_body> response;
      http::read(socket, buffer, response);
      const auto answer = nlohmann::json::parse(response.body(), nullptr, false);
      if (response.result_int() != 200 || !answer.is_object() || answer.value("acked_seq", -1) != load.last_seq[b]) {
        throw std::runtime_error("batch " + std::to_string(b) + ": " + std::to_string(response.result_int()) + " " +
                                 response.body());
      }
    }
    beast::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
  } catch (const std::exception& e) {
    load.error = e.what();
  }
}

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

void exec(sqlite3* db, const char* sql) {
  check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
}

// The play table exactly as the hub has it — its CREATE TABLE and every index the hub's
// migrations added (play_by_time; play_by_station_time, for the month report), read from the
// hub's own database — and the station table reduced to what the foreign key needs.
std::vector<std::string> hub_play_schema(const std::filesystem::path& hub_db) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(hub_db.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot open " + hub_db.string());
  }
  sqlite3_stmt* q = nullptr;
  const char* sql =
      "SELECT sql FROM sqlite_master WHERE tbl_name = 'play' AND sql IS NOT NULL ORDER BY type = 'index', name";
  check(sqlite3_prepare_v2(db, sql, -1, &q, nullptr), db, sql);
  std::vector<std::string> out{"CREATE TABLE station (id TEXT PRIMARY KEY)"};
  while (sqlite3_step(q) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
  sqlite3_finalize(q);
  sqlite3_close(db);
  if (out.size() < 3) throw std::runtime_error("the hub's play table or its indexes are not in " + hub_db.string());
  return out;
}

void bind_text(sqlite3_stmt* q, int index, const std::string& text) {
  sqlite3_bind_text(q, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

// The peer: every row in one transaction, one prepared statement. Returns seconds.
double raw_insert(const std::filesystem::path& file, const std::vector<std::string>& schema,
                  const std::vector<StationLoad>& loads) {
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open " + file.string());
  exec(db, "PRAGMA journal_mode=WAL");
  exec(db, "PRAGMA foreign_keys=ON");
  exec(db, "PRAGMA synchronous=FULL");
  for (const auto& statement : schema) exec(db, statement.c_str());
  for (const auto& load : loads) exec(db, ("INSERT INTO station (id) VALUES ('" + load.id + "')").c_str());
  sqlite3_stmt* q = nullptr;
  check(sqlite3_prepare_v2(db,
                           "INSERT INTO play (station_id, seq, occurrence, programme_id, programme_name, position, "
                           "segment_id, segment_sha256, category, title, level, scheduled_start, started_at, ended_at, "
                           "frames, underruns, status, reason, hash, received_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &q, nullptr),
        db, "prepare");
  const auto start = Clock::now();
  exec(db, "BEGIN IMMEDIATE");
  const std::string received_at =
      store::utc_text(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  for (const auto& load : loads) {
    for (const auto& p : load.plays) {
      sqlite3_reset(q);
      sqlite3_clear_bindings(q);
      bind_text(q, 1, load.id);
      sqlite3_bind_int64(q, 2, *p.seq);
      bind_text(q, 3, p.item.occurrence.text());
      if (p.item.programme_id) sqlite3_bind_int64(q, 4, *p.item.programme_id);
      bind_text(q, 5, p.item.programme_name);
      sqlite3_bind_int64(q, 6, p.item.position);
      if (p.item.segment_id) sqlite3_bind_int64(q, 7, *p.item.segment_id);
      bind_text(q, 8, p.item.segment_sha256);
      bind_text(q, 9, p.item.category);
      bind_text(q, 10, p.item.title);
      bind_text(q, 11, store::to_string(p.item.level));
      if (p.item.scheduled_start) bind_text(q, 12, store::utc_text(*p.item.scheduled_start));
      if (p.started_at) bind_text(q, 13, store::utc_text(*p.started_at));
      if (p.ended_at) bind_text(q, 14, store::utc_text(*p.ended_at));
      sqlite3_bind_int64(q, 15, p.frames);
      sqlite3_bind_int64(q, 16, p.underruns);
      bind_text(q, 17, store::to_string(p.status));
      bind_text(q, 18, p.reason);
      bind_text(q, 19, p.hash);
      bind_text(q, 20, received_at);
      check(sqlite3_step(q), db, "insert");
    }
  }
  exec(db, "COMMIT");
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  sqlite3_finalize(q);
  sqlite3_close(db);
  return seconds;
}

std::int64_t count_rows(const std::filesystem::path& file, const char* sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot open " + file.string());
  }
  sqlite3_stmt* q = nullptr;
  check(sqlite3_prepare_v2(db, sql, -1, &q, nullptr), db, sql);
  check(sqlite3_step(q), db, sql);
  const std::int64_t n = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  sqlite3_close(db);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    const auto home = o.work / "hub-home";
    std::filesystem::create_directories(o.work);

    std::vector<StationLoad> loads(static_cast<std::size_t>(o.stations));
    for (int s = 0; s < o.stations; ++s) {
      auto& load = loads[static_cast<std::size_t>(s)];
      load.id = "xa-" + std::to_string(s + 1);
      load.key = *wire::from_hex(bench::add_station(o.hub, home, load.id), 32);
      bench::PlayMaker maker(static_cast<std::uint64_t>(s + 1));
      std::string previous(store::kFirstPreviousHash);
      load.plays = maker.next(1, o.plays, previous);
      for (std::size_t at = 0; at < load.plays.size(); at += o.batch) {
        const std::size_t n = std::min(o.batch, load.plays.size() - at);
        load.bodies.push_back(bench::plays_body(load.id, load.plays.data() + at, n));
        load.last_seq.push_back(*load.plays[at + n - 1].seq);
      }
    }
    std::size_t body_bytes = 0;
    for (const auto& load : loads) {
      for (const auto& body : load.bodies) body_bytes += body.size();
    }

    bench::HubServer hub(o.hub, home, {});
    const auto hub_before = bench::read_proc(hub.pid());
    const double client_cpu_before = bench::own_cpu_seconds();
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (auto& load : loads) threads.emplace_back([&hub, &load] { send_all(hub.port(), load); });
    for (auto& t : threads) t.join();
    const double hub_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const double client_cpu = bench::own_cpu_seconds() - client_cpu_before;
    const auto hub_after = bench::read_proc(hub.pid());
    hub.stop();
    for (const auto& load : loads) {
      if (!load.error.empty()) throw std::runtime_error(load.id + ": " + load.error);
    }
    const auto total = static_cast<std::int64_t>(o.plays) * o.stations;
    const auto held = count_rows(home / "hub.db", "SELECT count(*) FROM play");
    if (held != total)
      throw std::runtime_error("the hub holds " + std::to_string(held) + " plays, not " + std::to_string(total));

    const auto schema = hub_play_schema(home / "hub.db");
    const double raw_seconds = raw_insert(o.work / "peer.db", schema, loads);
    if (count_rows(o.work / "peer.db", "SELECT count(*) FROM play") != total) {
      throw std::runtime_error("the peer's table does not hold every row");
    }
    // For comparison with the figures measured before migration 4: the peer as it was then,
    // the table with play_by_time only.
    std::vector<std::string> first_index_only;
    for (const auto& statement : schema) {
      if (statement.find("play_by_station_time") == std::string::npos) first_index_only.push_back(statement);
    }
    const double raw_one_index_seconds = raw_insert(o.work / "peer-one-index.db", first_index_only, loads);

    const double hub_rate = static_cast<double>(total) / hub_seconds;
    const double raw_rate = static_cast<double>(total) / raw_seconds;
    nlohmann::json out = {
        {"stations", o.stations},
        {"plays", total},
        {"batch", o.batch},
        {"requests", total / static_cast<std::int64_t>(o.batch)},
        {"mean_body_bytes",
         static_cast<double>(body_bytes) / static_cast<double>(total) * static_cast<double>(o.batch)},
        {"hub_s", hub_seconds},
        {"hub_plays_per_s", hub_rate},
        {"hub_cpu_s", hub_after.cpu_s - hub_before.cpu_s},
        {"hub_vm_hwm_kib", hub_after.vm_hwm_kib},
        {"client_cpu_s", client_cpu},
        {"raw_s", raw_seconds},
        {"raw_plays_per_s", raw_rate},
        {"raw_over_hub", raw_rate / hub_rate},
        {"raw_one_index_plays_per_s", static_cast<double>(total) / raw_one_index_seconds},
    };
    std::cout << out.dump() << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_hub_ingest: " << e.what() << '\n';
    return 1;
  }
}
