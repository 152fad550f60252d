#include "store/play_store.hpp"
#include "store/utc_text.hpp"
#include "wire/mandate_json.hpp"
#include "wire/play_json.hpp"
#include "wire/signing.hpp"

#include <catch2/catch.hpp>

using namespace loaxa;

namespace {

wire::MandateOrder order() {
  wire::MandateOrder o;
  o.id = 3;
  o.title = "Cài đặt VNeID mức 2";
  o.category = "CDS";
  o.terms.from = schedules::parse_date("2027-01-04");
  o.terms.until = schedules::parse_date("2027-01-17");
  o.terms.times_per_week = 3;
  o.terms.windows = schedules::parse_windows("05:00-07:00,17:00-19:00");
  o.terms.level = schedules::MandateLevel::priority;
  o.sha256 = std::string(64, 'a');
  o.size = 123456;
  o.file_name = "vneid.mp3";
  o.issued_at = store::parse_utc_text("2027-01-03T08:00:00.000Z");
  return o;
}

std::string kind_of(const std::function<void()>& work) {
  try {
    work();
  } catch (const wire::BodyError& error) {
    return error.kind;
  }
  return "none";
}

store::Play final_play() {
  store::Play p;
  p.seq = 5;
  p.item.occurrence = store::OccurrenceKey::of_slot(3, store::parse_utc_text("2026-11-30T22:30:00.000Z"));
  p.item.programme_id = 1;
  p.item.programme_name = "Bản tin sáng";
  p.item.position = 2;
  p.item.category = "CDS";
  p.item.title = "A\nB\\C";
  p.item.scheduled_start = store::parse_utc_text("2026-11-30T22:31:00.000Z");
  p.started_at = store::parse_utc_text("2026-11-30T22:31:00.000Z");
  p.ended_at = store::parse_utc_text("2026-11-30T22:31:10.250Z");
  p.frames = 441000;
  p.underruns = 2;
  p.status = store::PlayStatus::failed;
  p.reason = "device_lost";
  return p;
}

}  // namespace

TEST_CASE("mandate wire: an order list goes there and back unchanged") {
  auto cancelled = order();
  cancelled.id = 4;
  cancelled.cancelled = true;
  cancelled.terms.windows.clear();
  const auto back = wire::orders_from_json(wire::orders_to_json({order(), cancelled}));
  REQUIRE(back.size() == 2);
  CHECK(back[0].id == 3);
  CHECK(back[0].title == "Cài đặt VNeID mức 2");
  CHECK(back[0].terms.from == schedules::parse_date("2027-01-04"));
  CHECK(back[0].terms.until == schedules::parse_date("2027-01-17"));
  CHECK(back[0].terms.times_per_week == 3);
  CHECK(schedules::format_windows(back[0].terms.windows) == "05:00-07:00,17:00-19:00");
  CHECK(back[0].terms.level == schedules::MandateLevel::priority);
  CHECK(back[0].sha256 == std::string(64, 'a'));
  CHECK(back[0].size == 123456);
  CHECK(back[0].file_name == "vneid.mp3");
  CHECK(store::utc_text(back[0].issued_at) == "2027-01-03T08:00:00.000Z");
  CHECK_FALSE(back[0].cancelled);
  CHECK(back[1].cancelled);
  // An order naming no window is sent with the default one, so both sides plan alike.
  CHECK(back[1].terms.windows == std::vector{schedules::kDefaultWindow});
}

TEST_CASE("mandate wire: a bad order is refused naming the field") {
  const std::string good = wire::orders_to_json({order()});
  const auto with = [&](const std::string& from, const std::string& to) {
    std::string body = good;
    const auto at = body.find(from);
    REQUIRE(at != std::string::npos);
    body.replace(at, from.size(), to);
    return body;
  };
  CHECK(kind_of([&] { wire::orders_from_json("{"); }) == "malformed");
  CHECK(kind_of([&] { wire::orders_from_json(R"({"mandates":{}})"); }) == "wrong_type");
  CHECK(kind_of([&] { wire::orders_from_json(with(R"("size":123456)", R"("size":0)")); }) == "bad_value");
  CHECK(kind_of([&] { wire::orders_from_json(with(R"("from":"2027-01-04")", R"("from":"2027-02-04")")); }) ==
        "bad_value");
  CHECK(kind_of([&] { wire::orders_from_json(with("05:00-07:00", "07:00-05:00")); }) == "bad_value");
  CHECK(kind_of([&] { wire::orders_from_json(with(R"("level":"priority")", R"("level":"loud")")); }) == "bad_value");
  CHECK(kind_of([&] { wire::orders_from_json(with(R"("cancelled":false)", R"("cancelled":0)")); }) == "wrong_type");
  CHECK(kind_of([&] { wire::orders_from_json(with(R"("cancelled":false)", R"("cancelled":false,"x":1)")); }) ==
        "unknown_field");
  CHECK(kind_of([&] { wire::orders_from_json(with(std::string(64, 'a'), std::string(64, 'A'))); }) == "bad_value");
}

TEST_CASE("mandate wire: a poll carries reports and heard figures, strictly read") {
  wire::MandatePoll poll;
  poll.station_id = "xa-moi";
  poll.reports.push_back({3, wire::MandateState::received, store::parse_utc_text("2027-01-04T01:02:03.000Z"), "", 6});
  poll.reports.push_back(
      {4, wire::MandateState::declined, store::parse_utc_text("2027-01-04T01:02:04.000Z"), "Trùng lịch họp dân", 0});
  poll.heard.push_back({41, 97.5});
  const auto back = wire::poll_from_json(wire::poll_to_json(poll));
  CHECK(back.station_id == "xa-moi");
  REQUIRE(back.reports.size() == 2);
  CHECK(back.reports[0].state == wire::MandateState::received);
  CHECK(back.reports[0].planned == 6);
  CHECK(back.reports[1].reason == "Trùng lịch họp dân");
  REQUIRE(back.heard.size() == 1);
  CHECK(back.heard[0].seq == 41);
  CHECK(back.heard[0].pct == 97.5);

  CHECK(kind_of([] { wire::poll_from_json(R"({"station_id":"x","reports":[],"heard":[{"seq":1,"pct":101}]})"); }) ==
        "bad_value");
  CHECK(
      kind_of([] {
        wire::poll_from_json(
            R"({"station_id":"x","reports":[{"mandate_id":1,"state":"declined","at":"2027-01-04T01:02:03Z","reason":"","planned":0}],"heard":[]})");
      }) == "bad_value");
  CHECK(kind_of([] { wire::poll_from_json(R"({"station_id":"","reports":[],"heard":[]})"); }) == "bad_value");
  CHECK(kind_of([] { wire::poll_from_json(R"({"station_id":"x","reports":[]})"); }) == "missing_field");
}

TEST_CASE("mandate wire: an audio request names the audio and where to resume") {
  const auto back =
      wire::audio_request_from_json(wire::audio_request_to_json({"xa-moi", std::string(64, 'b'), 1048576}));
  CHECK(back.station_id == "xa-moi");
  CHECK(back.sha256 == std::string(64, 'b'));
  CHECK(back.offset == 1048576);
  CHECK(kind_of([] { wire::audio_request_from_json(R"({"station_id":"x","sha256":"ab","offset":0})"); }) ==
        "bad_value");
  CHECK(kind_of([] {
          wire::audio_request_from_json(R"({"station_id":"x","sha256":")" + std::string(64, 'b') + R"(","offset":-1})");
        }) == "bad_value");
}

TEST_CASE("mandate wire: the hub's answer signature binds the key, the request's nonce and the body") {
  const std::vector<std::uint8_t> key(32, 7);
  const std::string body = R"({"mandates":[]})";
  const std::string signature = wire::response_signature(key, "nonce-1", body);
  CHECK(wire::is_lower_hex(signature, 64));
  CHECK(wire::response_signature_matches(key, "nonce-1", body, signature));
  CHECK_FALSE(wire::response_signature_matches(key, "nonce-2", body, signature));
  CHECK_FALSE(wire::response_signature_matches(key, "nonce-1", body + " ", signature));
  CHECK_FALSE(wire::response_signature_matches(std::vector<std::uint8_t>(32, 8), "nonce-1", body, signature));
  CHECK_FALSE(wire::response_signature_matches(key, "nonce-1", body, ""));
}

TEST_CASE("mandate wire: a mandate play hashes with its mandate line and travels with its id") {
  store::Play plain = final_play();
  // The documented example (docs/ASRUN.md) is unchanged for a play without a mandate.
  CHECK(store::chain_hash(std::string(store::kFirstPreviousHash), plain) ==
        "0f33dfc2623f703dbaf1aaa5f8168041d7177915c3517aaab23e90db0454877a");
  CHECK(wire::play_to_json(plain).find("mandate_id") == std::string::npos);

  store::Play bulletin = final_play();
  bulletin.item.mandate_id = 3;
  const std::string form = store::canonical_form(bulletin);
  CHECK(form.ends_with("reason=device_lost\nmandate=3\n"));
  CHECK(store::chain_hash(std::string(store::kFirstPreviousHash), bulletin) !=
        store::chain_hash(std::string(store::kFirstPreviousHash), plain));

  bulletin.hash = store::chain_hash(std::string(store::kFirstPreviousHash), bulletin);
  const store::Play back = wire::play_from_json(wire::play_to_json(bulletin));
  CHECK(back.item.mandate_id == std::optional<std::int64_t>(3));
  CHECK(store::chain_hash(std::string(store::kFirstPreviousHash), back) == bulletin.hash);
  std::string zero = wire::play_to_json(bulletin);
  zero.replace(zero.find("\"mandate_id\":3"), 14, "\"mandate_id\":0");
  CHECK(kind_of([&] { wire::play_from_json(zero); }) == "bad_value");
}

TEST_CASE("mandate wire: a slot's play takes the mandate its slot was planned for, inside the chain") {
  auto db = store::Database::in_memory();
  db.sql().exec(
      "INSERT INTO programme (id, name, created_at) VALUES (1, 'Huyện: VNeID', '2027-01-01T00:00:00Z');"
      "INSERT INTO slot (id, programme_id, start_local, time_zone, created_at, mandate_id) "
      "VALUES (7, 1, '2027-01-04T05:30:00', 'Asia/Ho_Chi_Minh', '2027-01-01T00:00:00Z', 3);"
      "INSERT INTO slot (id, programme_id, start_local, time_zone, created_at) "
      "VALUES (8, 1, '2027-01-04T06:30:00', 'Asia/Ho_Chi_Minh', '2027-01-01T00:00:00Z');");
  store::PlayStore plays(db);
  const auto item_of = [](std::int64_t slot, const char* nominal) {
    store::PlayItem item;
    item.occurrence = store::OccurrenceKey::of_slot(slot, store::parse_utc_text(nominal));
    item.programme_id = 1;
    item.programme_name = "Huyện: VNeID";
    item.category = "CDS";
    item.title = "VNeID";
    return item;
  };
  const auto t0 = store::parse_utc_text("2027-01-03T22:30:00.000Z");
  const auto aired = plays.open_play(item_of(7, "2027-01-03T22:30:00.000Z"), t0);
  plays.finalise(aired, store::PlayStatus::completed, "", t0 + std::chrono::seconds(30), 1323000, 0);
  plays.record_skipped(item_of(7, "2027-01-04T22:30:00.000Z"), store::PlayStatus::missed, "station_off",
                       t0 + std::chrono::hours(24));
  const auto local = plays.open_play(item_of(8, "2027-01-03T23:30:00.000Z"), t0 + std::chrono::hours(1));
  auto manual = item_of(8, "2027-01-03T23:30:00.000Z");
  manual.occurrence = store::OccurrenceKey::of_manual("emergency:1");
  manual.mandate_id = 9;
  const auto emergency = plays.open_play(manual, t0 + std::chrono::hours(2));

  CHECK(plays.find(aired)->item.mandate_id == std::optional<std::int64_t>(3));
  CHECK(plays.find(local)->item.mandate_id == std::nullopt);
  CHECK(plays.find(emergency)->item.mandate_id == std::optional<std::int64_t>(9));
  const auto rows = plays.final_after(0, 10);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].item.mandate_id == std::optional<std::int64_t>(3));
  CHECK(store::canonical_form(rows[1]).ends_with("reason=station_off\nmandate=3\n"));
  CHECK(plays.verify_chain().ok());
}
