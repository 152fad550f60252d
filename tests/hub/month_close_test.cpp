// The month close in the hub's library, on a real SQLite hub database: the signature over a
// snapshot and every stored field, a snapshot edited in the database refused, totals of a
// hand-computed December in Vietnam's zone (a play at 23:30 on the 31st is December's, one
// at 00:30 on 1 January is not), late arrivals counted apart from the snapshot, and closing
// the current or a future month, or a month twice, refused.

#include "hub/month_close.hpp"
#include "hub/month_close_output.hpp"
#include "hub/month_snapshot.hpp"
#include "hub/report_period.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "hub/sqlite_month_close_store.hpp"
#include "store/database.hpp"
#include "store/utc_text.hpp"
#include "support/temp_dir.hpp"
#include "wire/signing.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace loaxa;
using namespace loaxa::hub;
using namespace std::chrono;

namespace {

const std::vector<std::uint8_t> kMasterKey(32, 7);

Instant at(const std::string& text) {
  return store::parse_utc_text(text);
}

Station station(const std::string& id, const std::string& group) {
  Station s;
  s.id = id;
  s.name = "Xã " + id;
  s.group = group;
  s.sealed_key = {1, 2, 3};
  s.created_at = at("2026-11-01T00:00:00.000Z");
  return s;
}

struct Aired {
  std::string category;
  std::string start;  // UTC text
  int seconds = 60;
};

// A station's log made by its own PlayStore (real seq and hash chain): each play completed,
// then, when `missed_at` is given, one missed CDS play (never started) that ends there.
std::vector<store::Play> station_log(const std::vector<Aired>& aired, const std::string& missed_at = "") {
  auto db = store::Database::in_memory();
  store::PlayStore plays(db);
  int n = 0;
  for (const auto& play : aired) {
    store::PlayItem item;
    const auto start = at(play.start);
    item.occurrence = store::OccurrenceKey::of_slot(1, start);
    item.programme_name = "Bản tin";
    item.position = n++;
    item.category = play.category;
    item.title = "Tin " + std::to_string(n);
    item.scheduled_start = start;
    const auto id = plays.open_play(item, start);
    plays.finalise(id, store::PlayStatus::completed, "", start + seconds(play.seconds), 48000LL * play.seconds, 0);
  }
  if (!missed_at.empty()) {
    store::PlayItem item;
    item.occurrence = store::OccurrenceKey::of_slot(2, at(missed_at));
    item.programme_name = "Bản tin";
    item.category = "CDS";
    item.title = "Bỏ lỡ";
    plays.record_skipped(item, store::PlayStatus::missed, "station_off", at(missed_at));
  }
  auto out = plays.list();
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return *a.seq < *b.seq; });
  return out;
}

ReportRequest month_request(int year, unsigned month) {
  const schedules::TimeZone zone("Asia/Ho_Chi_Minh");
  ReportRequest request;
  request.period = month_period(year, month);
  std::tie(request.from, request.to) = period_window(request.period, zone);
  request.time_zone = zone.name();
  return request;
}

const FrequencyRow& row_of(const FrequencyReport& report, const std::string& station, const std::string& category) {
  for (const auto& row : report.rows) {
    if (row.station_id == station && row.category == category) return row;
  }
  FAIL("no row " << station << " " << category);
  throw std::logic_error("unreachable");
}

const FrequencyTotal& total_of(const FrequencyReport& report, const std::string& category) {
  for (const auto& total : report.category_totals) {
    if (total.category == category) return total;
  }
  FAIL("no total " << category);
  throw std::logic_error("unreachable");
}

// Two stations in Huyện A. xa-moi's December, by local time (UTC+7):
//   CDS  30/11 23:50 (November's), 01/12 00:10, 15/12 08:00 (90 s), 31/12 23:30, 01/01 00:30 (January's)
//   CCHC 10/12 19:00 (2 min), and a missed CDS play on 20/12.
// So December: CDS 3 completed, 1 + 1.5 + 1 = 3.5 minutes, 1 missed; CCHC 1 completed, 2 minutes.
// xa-yen: CDS 05/12 06:00; its log goes on with two December plays sent late (see below).
struct DecemberHub {
  loaxa::test::TempDir dir;
  SqliteHubStore hub{dir.path() / "hub.db"};
  SqliteMonthCloseStore closes{hub};
  MonthCloseSigner signer{kMasterKey};
  ManualClock clock{at("2027-01-02T03:00:00.000Z")};
  std::vector<store::Play> yen_log = station_log({{"CDS", "2026-12-04T23:00:00.000Z"},
                                                  {"CDS", "2026-12-20T01:00:00.000Z"},
                                                  {"CCHC", "2026-12-21T01:00:00.000Z", 30}});

  DecemberHub() {
    hub.add_station(station("xa-moi", "Huyện A"));
    hub.add_station(station("xa-yen", "Huyện A"));
    const auto moi = station_log({{"CDS", "2026-11-30T16:50:00.000Z"},
                                  {"CDS", "2026-11-30T17:10:00.000Z"},
                                  {"CDS", "2026-12-15T01:00:00.000Z", 90},
                                  {"CDS", "2026-12-31T16:30:00.000Z"},
                                  {"CDS", "2026-12-31T17:30:00.000Z"},
                                  {"CCHC", "2026-12-10T12:00:00.000Z", 120}},
                                 "2026-12-20T02:00:00.000Z");
    REQUIRE(hub.append_plays("xa-moi", moi, at("2027-01-01T05:00:00.000Z")).acked_seq == 7);
    // xa-yen's first play only, before the close.
    REQUIRE(hub.append_plays("xa-yen", {yen_log[0]}, at("2026-12-05T00:00:00.000Z")).acked_seq == 1);
  }
};

}  // namespace

TEST_CASE("a month's snapshot is signed under a key derived from the master key, and any edit fails its check",
          "[hub][month_close]") {
  const MonthCloseSigner signer(kMasterKey);
  ClosedMonthRecord record{"2026-12", "Asia/Ho_Chi_Minh", "2027-01-02T03:00:00.000Z", R"({"rows":[1]})", ""};
  record.signature = signer.sign(record);
  REQUIRE(record.signature.size() == 64);
  CHECK(signer.verify(record));

  // By hand: key = HMAC(master, "loaxa month close v1"), then HMAC(key, the signed text).
  const auto derived = *wire::from_hex(wire::hmac_sha256_hex(kMasterKey, "loaxa month close v1"), 32);
  const std::string text = "loaxa-month-close/1\n2026-12\nAsia/Ho_Chi_Minh\n2027-01-02T03:00:00.000Z\n{\"rows\":[1]}";
  CHECK(MonthCloseSigner::signed_text(record) == text);
  CHECK(record.signature == wire::hmac_sha256_hex(derived, text));
  CHECK(record.signature != wire::hmac_sha256_hex(kMasterKey, text));  // never the master key itself

  const auto edited = [&](auto edit) {
    auto copy = record;
    edit(copy);
    return signer.verify(copy);
  };
  CHECK_FALSE(edited([](auto& r) { r.snapshot = R"({"rows":[2]})"; }));
  CHECK_FALSE(edited([](auto& r) { r.month = "2026-11"; }));
  CHECK_FALSE(edited([](auto& r) { r.time_zone = "Asia/Bangkok"; }));
  CHECK_FALSE(edited([](auto& r) { r.closed_at = "2027-01-02T03:00:00.001Z"; }));
  CHECK_FALSE(edited([](auto& r) { r.signature[0] = r.signature[0] == 'a' ? 'b' : 'a'; }));
  CHECK_FALSE(edited([](auto& r) { r.signature = "not hex"; }));
  CHECK_FALSE(MonthCloseSigner(std::vector<std::uint8_t>(32, 8)).verify(record));  // another hub's key
}

TEST_CASE("closing December keeps totals equal to a hand-computed fixture, 23:30 on the 31st local included",
          "[hub][month_close]") {
  DecemberHub h;
  const auto closed = close_month(h.hub, h.closes, h.signer, h.clock, month_request(2026, 12));
  CHECK(closed.closed_at == h.clock.now());
  CHECK(closed.late.empty());

  const auto& cds = row_of(closed.report, "xa-moi", "CDS");
  CHECK(cds.plays_completed == 3);  // 01/12 00:10, 15/12, 31/12 23:30 local
  CHECK(cds.frames_aired == 48000LL * (60 + 90 + 60));
  CHECK(cds.minutes_aired() == Approx(3.5));
  CHECK(cds.missed == 1);
  const auto& cchc = row_of(closed.report, "xa-moi", "CCHC");
  CHECK(cchc.plays_completed == 1);
  CHECK(cchc.minutes_aired() == Approx(2.0));
  CHECK(row_of(closed.report, "xa-yen", "CDS").plays_completed == 1);
  const auto& total = total_of(closed.report, "CDS");
  CHECK(total.stations == 2);
  CHECK(total.plays_completed == 4);
  CHECK(total.frames_aired == 48000LL * (60 + 90 + 60 + 60));
  CHECK(total.missed == 1);

  // Read back: the same snapshot, byte for byte, and the same printed sheet.
  const auto read = read_closed_month(h.closes, h.signer, month_request(2026, 12));
  REQUIRE(read);
  CHECK(snapshot_text(read->report) == snapshot_text(closed.report));
  CHECK(read->closed_at == closed.closed_at);
  const schedules::TimeZone zone("Asia/Ho_Chi_Minh");
  CHECK(render_table(closed_month_sheet(*read, zone)) == render_table(closed_month_sheet(closed, zone)));
  CHECK(check_closed_month(h.closes, h.signer, "2026-12").valid);
  // November is not closed: the live report goes on as before.
  CHECK_FALSE(read_closed_month(h.closes, h.signer, month_request(2026, 11)));
  CHECK_FALSE(check_closed_month(h.closes, h.signer, "2026-11").closed);
}

TEST_CASE("plays of a closed month received after the close are counted apart, the snapshot unchanged",
          "[hub][month_close]") {
  DecemberHub h;
  const auto closed = close_month(h.hub, h.closes, h.signer, h.clock, month_request(2026, 12));
  // xa-yen comes back on line on 4 January with its two other December plays.
  REQUIRE(h.hub.append_plays("xa-yen", {h.yen_log[1], h.yen_log[2]}, at("2027-01-04T00:00:00.000Z")).acked_seq == 3);

  const auto read = read_closed_month(h.closes, h.signer, month_request(2026, 12));
  REQUIRE(read);
  CHECK(snapshot_text(read->report) == snapshot_text(closed.report));
  CHECK(row_of(read->report, "xa-yen", "CDS").plays_completed == 1);
  REQUIRE(read->late.size() == 2);
  CHECK(read->late[0].station_id == "xa-yen");
  CHECK(read->late[0].category == "CCHC");
  CHECK(read->late[0].plays == 1);
  CHECK(read->late[0].frames_aired == 48000 * 30);
  CHECK(read->late[1].category == "CDS");
  CHECK(read->late[1].plays_completed == 1);

  // Narrowed to a category: its rows, its totals, its late arrivals.
  auto request = month_request(2026, 12);
  request.category = "CCHC";
  const auto cchc = read_closed_month(h.closes, h.signer, request);
  REQUIRE(cchc);
  CHECK(cchc->report.rows.size() == 1);  // xa-yen had no CCHC row when the month closed
  REQUIRE(cchc->report.category_totals.size() == 1);
  CHECK(cchc->report.category_totals[0].plays_completed == 1);
  REQUIRE(cchc->late.size() == 1);
  CHECK(cchc->late[0].category == "CCHC");

  // In JSON beside the report's fields; in the table as a section of its own.
  const auto json = nlohmann::json::parse(closed_month_json(*read));
  CHECK(json["closed_at"] == "2027-01-02T03:00:00.000Z");
  CHECK(json["late"][1]["plays_completed"] == 1);
  CHECK(json["totals"]["categories"][1]["plays_completed"] == 4);
  const auto table = render_table(closed_month_sheet(*read, schedules::TimeZone("Asia/Ho_Chi_Minh")));
  CHECK(table.find("LATE ARRIVALS, received after the close") != std::string::npos);
  CHECK(table.find("xa-yen CDS: 1 plays (1 aired, 1.0 minutes") != std::string::npos);
}

TEST_CASE("the current month, a future month and a month closed already cannot be closed", "[hub][month_close]") {
  DecemberHub h;
  h.clock.set(at("2026-12-31T16:59:59.999Z"));  // 23:59:59.999 on 31 December in Vietnam
  const auto refused = [&](ReportRequest request, MonthCloseError::Kind kind) {
    try {
      close_month(h.hub, h.closes, h.signer, h.clock, request);
      FAIL("closed");
    } catch (const MonthCloseError& e) {
      CHECK(e.kind == kind);
    }
  };
  refused(month_request(2026, 12), MonthCloseError::Kind::not_over);
  refused(month_request(2027, 3), MonthCloseError::Kind::not_over);
  CHECK_FALSE(h.closes.find("2026-12"));

  h.clock.set(at("2026-12-31T17:00:00.000Z"));  // midnight: December is over
  const auto first = close_month(h.hub, h.closes, h.signer, h.clock, month_request(2026, 12));
  h.clock.advance(hours(1));
  refused(month_request(2026, 12), MonthCloseError::Kind::already_closed);
  CHECK(h.closes.find("2026-12")->closed_at == "2026-12-31T17:00:00.000Z");

  auto narrowed = month_request(2026, 11);
  narrowed.group = "Huyện A";
  refused(narrowed, MonthCloseError::Kind::narrowed);
  auto quarter = month_request(2026, 11);
  quarter.period = *parse_quarter("2026-Q3");
  refused(quarter, MonthCloseError::Kind::not_a_month);
  CHECK(first.report.rows.size() == 3);
}

TEST_CASE("a snapshot edited in the database is refused on every read, never shown", "[hub][month_close]") {
  DecemberHub h;
  close_month(h.hub, h.closes, h.signer, h.clock, month_request(2026, 12));
  const auto tamper = [&](const std::string& sql) {
    h.hub.database().exec(sql);
    try {
      read_closed_month(h.closes, h.signer, month_request(2026, 12));
      FAIL("a tampered snapshot was read");
    } catch (const MonthCloseError& e) {
      CHECK(e.kind == MonthCloseError::Kind::tampered);
      CHECK(std::string(e.what()).find("2026-12") != std::string::npos);
    }
    CHECK(check_closed_month(h.closes, h.signer, "2026-12").closed);
    CHECK_FALSE(check_closed_month(h.closes, h.signer, "2026-12").valid);
  };
  const auto original = *h.closes.find("2026-12");
  REQUIRE(original.snapshot.find("\"plays_completed\":3") != std::string::npos);
  tamper("UPDATE month_close SET snapshot = replace(snapshot, '\"plays_completed\":3', '\"plays_completed\":30')");
  h.hub.database().exec("UPDATE month_close SET snapshot = '" + original.snapshot + "'");
  REQUIRE(read_closed_month(h.closes, h.signer, month_request(2026, 12)));
  tamper("UPDATE month_close SET closed_at = '2027-01-09T03:00:00.000Z'");
  // Signed by another hub's key: as bad as an edit.
  h.hub.database().exec("UPDATE month_close SET closed_at = '" + original.closed_at + "'");
  const MonthCloseSigner other(std::vector<std::uint8_t>(32, 9));
  CHECK_THROWS_AS(read_closed_month(h.closes, other, month_request(2026, 12)), MonthCloseError);
}

TEST_CASE("a snapshot's text reads back into the same report", "[hub][month_close]") {
  DecemberHub h;
  const auto closed = close_month(h.hub, h.closes, h.signer, h.clock, month_request(2026, 12));
  const auto text = snapshot_text(closed.report);
  CHECK(snapshot_text(report_from_snapshot(text)) == text);
  CHECK(text.find('\n') == std::string::npos);  // compact: one line
  CHECK_THROWS_AS(report_from_snapshot("{\"version\":2}"), std::invalid_argument);
  CHECK_THROWS_AS(report_from_snapshot("not json"), std::invalid_argument);
}
