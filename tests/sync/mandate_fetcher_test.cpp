// The station's side of the district's bulletins in one process (sync/mandate_fetcher.hpp):
// the real Syncer and fetcher against the hub's real API, with answers forged, lost or
// altered on the way; the station's real import and planning behind it.

#include "api_transport.hpp"

#include "common/sha256.hpp"
#include "hub/hub_mandates.hpp"
#include "schedules/time_zone.hpp"
#include "station/mandates.hpp"
#include "store/mandate_store.hpp"
#include "store/segment_store.hpp"
#include "support/wav_writer.hpp"
#include "wire/mandate_json.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace loaxa::sync::test;
namespace schedules = loaxa::schedules;

namespace {

std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A mandate on the hub for xa-moi: a tone of `seconds` stored content-addressed as the hub's
// `mandate add` stores it. Its order.
store::MandateOrder add_mandate(Hub& hub, double seconds, schedules::MandateLevel level) {
  const auto source = hub.dir / "bulletin.wav";
  loaxa::test::write_tone_wav(source, {.tone_s = seconds, .frequency_hz = 523.0});
  const std::string bytes = file_text(source);
  loaxa::Sha256 sha;
  sha.update(bytes.data(), bytes.size());
  store::MandateOrder order;
  order.title = "Cài đặt VNeID mức 2";
  order.category = "CDS";
  order.terms.from = schedules::parse_date("2027-01-04");
  order.terms.until = schedules::parse_date("2027-01-17");
  order.terms.times_per_week = 3;
  order.terms.windows = schedules::parse_windows("05:00-07:00,17:00-19:00");
  order.terms.level = level;
  order.sha256 = sha.finish();
  order.size = static_cast<std::int64_t>(bytes.size());
  order.file_name = "vneid.wav";
  order.issued_at = utc("2027-01-03T20:00");
  std::filesystem::create_directories(hub.dir / "mandates");
  std::filesystem::copy_file(source, hub.dir / "mandates" / order.sha256);
  hub::Mandate mandate;
  mandate.order = order;
  mandate.stations = {"xa-moi"};
  order.id = hub.store.add_mandate(mandate);
  return order;
}

std::optional<store::StoredMandate> station_mandate(StationFixture& s, std::int64_t id) {
  return store::MandateStore(s.station.db()).find(id);
}

// The offsets the station asked the audio from, in order.
std::vector<std::int64_t> audio_offsets(const ApiTransport& transport) {
  std::vector<std::int64_t> offsets;
  for (const auto& request : transport.sent) {
    if (request.path == "/api/v1/mandate-audio") {
      offsets.push_back(loaxa::wire::audio_request_from_json(request.body).offset);
    }
  }
  return offsets;
}

}  // namespace

TEST_CASE("a list of bulletins not signed by the hub is ignored; the hub's own is taken", "[sync][mandate]") {
  StationFixture s;
  Hub hub(*s.clock);
  const auto order = add_mandate(hub, 1.0, schedules::MandateLevel::normal);
  asio::io_context io;
  ApiTransport transport(io, hub.api);
  // Someone on the way answers the poll with a bulletin of their own, signed with another key.
  transport.alter = [](const lsync::HubRequest& request, hub::ApiResponse& response) {
    if (request.path != "/api/v1/mandates") return;
    store::MandateOrder forged;
    forged.id = 99;
    forged.title = "Tin giả";
    forged.category = "CDS";
    forged.terms.from = schedules::parse_date("2027-01-04");
    forged.terms.until = schedules::parse_date("2027-01-17");
    forged.sha256 = std::string(64, 'f');
    forged.size = 1000;
    forged.file_name = "fake.mp3";
    forged.issued_at = utc("2027-01-03T20:00");
    response.body = loaxa::wire::orders_to_json({forged});
    std::string nonce;
    for (const auto& [name, value] : request.headers) {
      if (name == "X-Loaxa-Nonce") nonce = value;
    }
    response.headers = {{"X-Loaxa-Response-Signature",
                         loaxa::wire::response_signature(std::vector<std::uint8_t>(32, 1), nonce, response.body)}};
  };
  Notes notes;
  lsync::Syncer syncer(io, s.station, hub_config(), transport, facts, notes.note(), fast());
  syncer.start();
  REQUIRE(run_until(io, [&] { return !notes.problems.empty(); }));
  CHECK_THAT(notes.problems[0], Catch::Contains("not signed"));
  CHECK(store::MandateStore(s.station.db()).list().empty());

  // The hub's own answer, signed with this station's key, is taken.
  transport.alter = nullptr;
  REQUIRE(run_until(io, [&] {
    const auto mandate = station_mandate(s, order.id);
    return mandate && mandate->state == store::MandateState::received && mandate->reported;
  }));
  CHECK_FALSE(station_mandate(s, 99).has_value());
  CHECK(station_mandate(s, order.id)->planned == 6);
  syncer.stop();
}

TEST_CASE("a download cut off resumes where it stopped and the whole is checked before the import", "[sync][mandate]") {
  StationFixture s;
  Hub hub(*s.clock);
  // 25 s of tone: about 2.4 MB, three pieces of at most 1 MiB.
  const auto order = add_mandate(hub, 25.0, schedules::MandateLevel::normal);
  REQUIRE(order.size > 2 * 1024 * 1024);
  asio::io_context io;
  ApiTransport transport(io, hub.api);
  // The second piece's answer is lost on the way, twice.
  int audio_answers = 0;
  transport.alter = [&](const lsync::HubRequest& request, hub::ApiResponse&) {
    if (request.path != "/api/v1/mandate-audio") return;
    if (++audio_answers == 2) transport.lose_answers_to["/api/v1/mandate-audio"] = 2;
  };
  Notes notes;
  lsync::Syncer syncer(io, s.station, hub_config(), transport, facts, notes.note(), fast());
  syncer.start();
  // Reported: the hub has been told, which happens only after the import thread has handed back
  // (and removed the imported file); the state alone is committed a moment before that.
  REQUIRE(run_until(io, [&] {
    const auto mandate = station_mandate(s, order.id);
    return mandate && mandate->state == store::MandateState::received && mandate->reported;
  }));
  syncer.stop();
  // 0, then 1 MiB (lost twice: asked for again from 1 MiB, not from 0), then 2 MiB.
  const std::int64_t piece = 1024 * 1024;
  CHECK(audio_offsets(transport) == std::vector<std::int64_t>{0, piece, piece, piece, 2 * piece});
  const auto segment = store::SegmentStore(s.station.db()).find(*station_mandate(s, order.id)->segment_id);
  REQUIRE(segment);
  CHECK(segment->sha256 == order.sha256);
  CHECK(segment->approved);
  CHECK(std::filesystem::is_empty(s.station.home().root / "incoming"));
}

TEST_CASE("an altered piece of audio fails the SHA-256 check: deleted, fetched again from the start",
          "[sync][mandate]") {
  StationFixture s;
  Hub hub(*s.clock);
  const auto order = add_mandate(hub, 25.0, schedules::MandateLevel::normal);
  asio::io_context io;
  ApiTransport transport(io, hub.api);
  int audio_answers = 0;
  transport.alter = [&](const lsync::HubRequest& request, hub::ApiResponse& response) {
    if (request.path == "/api/v1/mandate-audio" && ++audio_answers == 2) response.body[100] ^= 0x01;
  };
  Notes notes;
  lsync::Syncer syncer(io, s.station, hub_config(), transport, facts, notes.note(), fast());
  syncer.start();
  // Reported: the hub has been told, which happens only after the import thread has handed back
  // (and removed the imported file); the state alone is committed a moment before that.
  REQUIRE(run_until(io, [&] {
    const auto mandate = station_mandate(s, order.id);
    return mandate && mandate->state == store::MandateState::received && mandate->reported;
  }));
  syncer.stop();
  const std::int64_t piece = 1024 * 1024;
  CHECK(audio_offsets(transport) == std::vector<std::int64_t>{0, piece, 2 * piece, 0, piece, 2 * piece});
  REQUIRE_FALSE(notes.problems.empty());
  CHECK_THAT(notes.problems[0], Catch::Contains("does not match its SHA-256"));
  CHECK(store::SegmentStore(s.station.db()).find(*station_mandate(s, order.id)->segment_id)->sha256 == order.sha256);
}

TEST_CASE("a commune declines a mandate with a reason and the hub's view shows it", "[sync][mandate]") {
  StationFixture s;
  Hub hub(*s.clock);
  const auto order = add_mandate(hub, 1.0, schedules::MandateLevel::normal);
  asio::io_context io;
  ApiTransport transport(io, hub.api);
  Notes notes;
  lsync::Syncer syncer(io, s.station, hub_config(), transport, facts, notes.note(), fast());
  syncer.start();
  const auto zone = schedules::TimeZone(schedules::TimeZone::default_name);
  const auto hub_line = [&] { return hub.store.mandate_view(order.id, zone)->stations.at(0); };
  REQUIRE(run_until(io, [&] { return hub_line().state == loaxa::wire::MandateState::received; }));
  CHECK(hub_line().planned == 6);
  CHECK_FALSE(loaxa::store::MandateStore(s.station.db()).slots_of(order.id).empty());

  // The operator declines it (loaxa mandate decline): its airings go, the hub reads why.
  loaxa::station::decline_mandate(s.station, order.id, "Trùng lịch họp dân", s.clock->now());
  syncer.stop();
  lsync::Syncer again(io, s.station, hub_config(), transport, facts, notes.note(), fast());
  again.start();
  REQUIRE(run_until(io, [&] { return hub_line().state == loaxa::wire::MandateState::declined; }));
  CHECK(hub_line().reason == "Trùng lịch họp dân");
  CHECK(hub_line().received_at.has_value());  // it was received before it was declined
  CHECK(loaxa::store::MandateStore(s.station.db()).slots_of(order.id).empty());
  CHECK(notes.problems.empty());
  again.stop();
}
