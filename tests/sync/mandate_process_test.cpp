// District bulletins end to end (docs/MANDATES.md): a real `loaxa-hub serve` and real loaxad
// processes (null output) on loopback, through the fault-injecting proxy, on a pretended clock
// every process agrees on (LOAXA_NOW), jumped from one planned airing to the next so two weeks
// air in a minute or two:
//   - 3 times a week for 2 weeks, to two stations: 6 completed plays at each, carrying the
//     mandate's id, and the hub's mandate view says 6/6 for both;
//   - a station off-line the first week plans only the second: the hub sees 3 planned of 6;
//   - an audio download altered on the way is refused (its SHA-256) and fetched again;
//   - an airing missed while loaxad was down is planned again in its week and airs;
//   - a cancelled mandate stops airing;
//   - an emergency mandate airs as soon as it arrives.

#include "faulty_proxy.hpp"
#include "sync_rig.hpp"

#include "schedules/time_zone.hpp"
#include "station/slots.hpp"
#include "store/hub_sync_store.hpp"
#include "store/mandate_store.hpp"
#include "store/segment_store.hpp"
#include "support/temp_dir.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <limits>
#include <set>

using namespace loaxa::sync::test;
using namespace std::chrono_literals;
namespace store = loaxa::store;
namespace hubtest = loaxa::hub::test;
using loaxa::Instant;

namespace {

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A station with nothing scheduled of its own, sending to the hub through `url` as `id`,
// asking for bulletins every second.
struct BulletinStation {
  BulletinStation(std::string station_id, const std::string& url, const std::string& key)
      : fixture(local("2027-01-03T20:00")), id(std::move(station_id)), hub_url(url) {
    fixture.station.db();  // the home, its loaxa.toml and its database are made at first use
    std::ofstream toml(home() / "loaxa.toml", std::ios::app);
    toml << "\n[hub]\nurl = \"" << url << "\"\nstation_id = \"" << id << "\"\nkey = \"" << key
         << "\"\ninterval = 1\nheartbeat = 30\nmandate_interval = 1\n";
  }
  std::filesystem::path home() const { return fixture.station.home().root; }
  std::filesystem::path log() const { return fixture.dir / "loaxad.log"; }

  std::optional<store::StoredMandate> mandate(std::int64_t mandate_id) {
    return store::MandateStore(fixture.station.db()).find(mandate_id);
  }
  // The local starts of the mandate's airings, as its slots hold them.
  std::vector<loaxa::schedules::LocalDateTime> airings(std::int64_t mandate_id) {
    std::vector<loaxa::schedules::LocalDateTime> starts;
    for (const auto slot : store::MandateStore(fixture.station.db()).slots_of(mandate_id)) {
      starts.push_back(loaxa::station::find_slot(fixture.station, slot).stored.slot.start);
    }
    std::sort(starts.begin(), starts.end());
    return starts;
  }
  std::vector<store::Play> plays() {
    return store::PlayStore(fixture.station.db()).final_after(0, std::numeric_limits<std::size_t>::max());
  }
  int completed_for(std::int64_t mandate_id) {
    int count = 0;
    for (const auto& play : plays()) {
      count += play.item.mandate_id == mandate_id && play.status == store::PlayStatus::completed;
    }
    return count;
  }
  bool synced() {
    const auto latest = store::PlayStore(fixture.station.db()).latest_seq();
    return store::HubSyncStore(fixture.station.db(), hub_url).load().acked_seq == latest;
  }

  loaxa::test::StationFixture fixture;
  std::string id;
  std::string hub_url;
};

Instant utc_of(loaxa::schedules::LocalDateTime at) {
  return loaxa::schedules::TimeZone(loaxa::schedules::TimeZone::default_name).to_utc(at);
}

// `loaxa-hub ARGS…` on the pretended clock.
loaxa::test::ProcessResult hub_command(const std::filesystem::path& hub_home, const PretendTime& time,
                                       const std::vector<std::string>& args) {
  ::setenv("LOAXA_NOW", time.loaxa_now().c_str(), 1);
  auto result = hubtest::run_hub(hub_home, args);
  ::unsetenv("LOAXA_NOW");
  return result;
}

// `loaxa-hub mandate add` of a 2 s tone to `stations`; the mandate's id.
std::int64_t add_mandate(const std::filesystem::path& hub_home, const PretendTime& time,
                         const std::vector<std::string>& stations, const std::string& level = "normal",
                         double seconds = 2.0) {
  const auto file = hub_home.parent_path() / ("bulletin-" + level + ".wav");
  loaxa::test::write_tone_wav(file, {.tone_s = seconds, .frequency_hz = 523.0});
  std::vector<std::string> args{"mandate",
                                "add",
                                file.string(),
                                "--title",
                                "Cài đặt VNeID mức 2",
                                "--category",
                                "CDS",
                                "--from",
                                "2027-01-04",
                                "--until",
                                "2027-01-17",
                                "--times-per-week",
                                "3",
                                "--window",
                                "05:00-07:00,17:00-19:00",
                                "--level",
                                level};
  for (const auto& station : stations) {
    args.push_back("--station");
    args.push_back(station);
  }
  const auto added = hub_command(hub_home, time, args);
  INFO(added.out << added.err);
  REQUIRE(added.exit_code == 0);
  const auto listed = hub_command(hub_home, time, {"--json", "mandate", "list"});
  REQUIRE(listed.exit_code == 0);
  const auto list = nlohmann::json::parse(listed.out);
  const auto& mandates = list.is_array() ? list : list.at("mandates");
  REQUIRE_FALSE(mandates.empty());
  return mandates.back().at("id").get<std::int64_t>();
}

// `loaxa-hub --json mandate show ID`: station id → its row.
std::map<std::string, nlohmann::json> mandate_view(const std::filesystem::path& hub_home, const PretendTime& time,
                                                   std::int64_t id) {
  const auto shown = hub_command(hub_home, time, {"--json", "mandate", "show", std::to_string(id)});
  INFO(shown.out << shown.err);
  REQUIRE(shown.exit_code == 0);
  std::map<std::string, nlohmann::json> rows;
  const auto shown_json = nlohmann::json::parse(shown.out);
  for (const auto& row : shown_json.at("stations")) {
    rows[row.at("station_id").get<std::string>()] = row;
  }
  return rows;
}

struct HubRig {
  HubRig() : proxy(0, 20270104) {}
  void restart(const PretendTime& time) {
    if (hub) hub->stop();
    hub = start_hub(home(), time);
    proxy.set_upstream(hub->port());
  }
  std::filesystem::path home() const { return dir / "hub"; }

  loaxa::test::TempDir dir;
  FaultyProxy proxy;
  std::unique_ptr<hubtest::HubProcess> hub;
};

// Runs the stations' loaxad until each has the mandate, planned and reported to the hub.
void receive(std::vector<BulletinStation*> stations, HubRig& rig, PretendTime& time, std::int64_t mandate_id) {
  std::vector<std::unique_ptr<Loaxad>> daemons;
  for (auto* station : stations) {
    daemons.push_back(std::make_unique<Loaxad>(station->home(), station->log(), time.loaxa_now()));
  }
  const bool received = wait_for(
      [&] {
        const auto view = mandate_view(rig.home(), time, mandate_id);
        for (auto* station : stations) {
          const auto mandate = station->mandate(mandate_id);
          if (!mandate || mandate->state != store::MandateState::received || !mandate->reported) return false;
          if (!view.contains(station->id) || view.at(station->id).at("received").is_null()) return false;
        }
        return true;
      },
      60s);
  for (auto& daemon : daemons) daemon->terminate();
  for (auto* station : stations) INFO(station->id << ":\n" << read_text(station->log()));
  if (!received) {
    for (auto* station : stations) FAIL_CHECK(station->id << ":\n" << read_text(station->log()));
  }
  REQUIRE(received);
}

// Jumps to a few seconds before `at` and runs the stations' loaxad until each has aired one
// more play of the mandate and the hub holds it.
void air_at(const std::vector<BulletinStation*>& stations, HubRig& rig, PretendTime& time, Instant at,
            std::int64_t mandate_id) {
  time.jump_to(at - 4s);
  rig.restart(time);
  std::vector<int> before;
  std::vector<std::unique_ptr<Loaxad>> daemons;
  for (auto* station : stations) {
    before.push_back(station->completed_for(mandate_id));
    daemons.push_back(std::make_unique<Loaxad>(station->home(), station->log(), time.loaxa_now()));
  }
  const bool aired = wait_for(
      [&] {
        for (std::size_t i = 0; i < stations.size(); ++i) {
          if (stations[i]->completed_for(mandate_id) != before[i] + 1 || !stations[i]->synced()) return false;
        }
        return true;
      },
      40s);
  for (auto& daemon : daemons) daemon->terminate();
  if (!aired) {
    for (auto* station : stations) FAIL_CHECK(station->id << ":\n" << read_text(station->log()));
  }
  REQUIRE(aired);
}

// xa-moi, on the Sunday evening before it starts, with a bulletin 3 times a week for 2 weeks
// received, planned and reported.
struct ReceivedAtMoi {
  ReceivedAtMoi()
      : key(hubtest::add_station(rig.home(), "xa-moi")),
        time(local("2027-01-03T20:00:00")),
        id(add_mandate(rig.home(), time, {"xa-moi"})),
        moi("xa-moi", rig.proxy.url(), key) {
    rig.restart(time);
    receive({&moi}, rig, time, id);
  }
  HubRig rig;
  std::string key;
  PretendTime time;
  std::int64_t id;
  BulletinStation moi;
};

}  // namespace

TEST_CASE("a bulletin 3 times a week for 2 weeks airs 6 times at each of two stations and the hub says 6/6",
          "[sync][process][mandate]") {
  HubRig rig;
  const std::string moi_key = hubtest::add_station(rig.home(), "xa-moi");
  const std::string dong_key = hubtest::add_station(rig.home(), "xa-dong");
  PretendTime time(local("2027-01-03T20:00:00"));
  const auto id = add_mandate(rig.home(), time, {"xa-moi", "xa-dong"});
  rig.restart(time);
  BulletinStation moi("xa-moi", rig.proxy.url(), moi_key);
  BulletinStation dong("xa-dong", rig.proxy.url(), dong_key);

  receive({&moi, &dong}, rig, time, id);
  for (auto* station : {&moi, &dong}) {
    const auto mandate = station->mandate(id);
    CHECK(mandate->planned == 6);
    CHECK(station->airings(id).size() == 6);
  }
  auto view = mandate_view(rig.home(), time, id);
  CHECK(view.at("xa-moi").at("required") == 6);
  CHECK(view.at("xa-moi").at("aired") == 0);

  // Every airing each station planned, in time order; both stations plan alike (same terms,
  // nothing else scheduled), so they air together.
  std::set<Instant> starts;
  for (auto* station : {&moi, &dong}) {
    for (const auto& start : station->airings(id)) {
      starts.insert(utc_of(start));
      const auto minutes = start.time_since_epoch() % std::chrono::days(1);
      const bool in_window = (minutes >= 5h && minutes + 2s <= 7h) || (minutes >= 17h && minutes + 2s <= 19h);
      CHECK(in_window);
    }
  }
  for (const Instant start : starts) {
    std::vector<BulletinStation*> airing;
    for (auto* station : {&moi, &dong}) {
      for (const auto& own : station->airings(id)) {
        if (utc_of(own) == start) airing.push_back(station);
      }
    }
    air_at(airing, rig, time, start, id);
  }

  for (auto* station : {&moi, &dong}) {
    INFO(station->id);
    CHECK(station->completed_for(id) == 6);
    for (const auto& play : station->plays()) {
      CHECK(play.item.mandate_id == id);
      CHECK(play.item.category == "CDS");
    }
  }
  view = mandate_view(rig.home(), time, id);
  for (const char* station : {"xa-moi", "xa-dong"}) {
    INFO(station);
    CHECK(view.at(station).at("required") == 6);
    CHECK(view.at(station).at("aired") == 6);
    CHECK(view.at(station).at("received").is_string());
    CHECK(view.at(station).at("declined").is_null());
  }
  CHECK(rig.hub->stop() == 0);
}

TEST_CASE("a station off-line the first week plans only the second and the hub sees the shortfall",
          "[sync][process][mandate]") {
  HubRig rig;
  const std::string key = hubtest::add_station(rig.home(), "xa-dong");
  PretendTime time(local("2027-01-03T20:00:00"));
  const auto id = add_mandate(rig.home(), time, {"xa-dong"});
  // The station comes on line on Monday of the second week.
  time.jump_to(local("2027-01-11T04:00:00"));
  rig.restart(time);
  BulletinStation dong("xa-dong", rig.proxy.url(), key);
  receive({&dong}, rig, time, id);

  CHECK(dong.mandate(id)->planned == 3);
  for (const auto& start : dong.airings(id)) CHECK(start >= loaxa::schedules::parse_date_time("2027-01-11T05:00"));
  const auto view = mandate_view(rig.home(), time, id);
  CHECK(view.at("xa-dong").at("required") == 6);
  CHECK(view.at("xa-dong").at("planned") == 3);
  CHECK(view.at("xa-dong").at("aired") == 0);
  CHECK(rig.hub->stop() == 0);
}

TEST_CASE("an audio download altered on the way is refused by its SHA-256 and fetched again",
          "[sync][process][mandate]") {
  HubRig rig;
  const std::string key = hubtest::add_station(rig.home(), "xa-moi");
  PretendTime time(local("2027-01-03T20:00:00"));
  // 8 s of tone: more than one piece of the download.
  const auto id = add_mandate(rig.home(), time, {"xa-moi"}, "normal", 8.0);
  rig.restart(time);
  rig.proxy.tamper_with_answers("/api/v1/mandate-audio", 1);
  BulletinStation moi("xa-moi", rig.proxy.url(), key);
  receive({&moi}, rig, time, id);

  CHECK(rig.proxy.counts().tampered == 1);
  const std::string log = read_text(moi.log());
  INFO(log);
  CHECK(log.find("does not match its SHA-256") != std::string::npos);
  const auto mandate = moi.mandate(id);
  REQUIRE(mandate->segment_id);
  const auto segment = store::SegmentStore(moi.fixture.station.db()).find(*mandate->segment_id);
  REQUIRE(segment);
  CHECK(segment->sha256 == mandate->order.sha256);
  CHECK(store::MandateStore(moi.fixture.station.db()).segment_origin(*mandate->segment_id) == "hub");
  CHECK(std::filesystem::is_empty(moi.home() / "incoming"));
  CHECK(rig.hub->stop() == 0);
}

TEST_CASE("an airing missed while the station was down is aired again later the same week",
          "[sync][process][mandate]") {
  ReceivedAtMoi r;
  auto& rig = r.rig;
  auto& time = r.time;
  auto& moi = r.moi;
  const auto id = r.id;
  const auto planned = moi.airings(id);
  REQUIRE(planned.size() == 6);

  // loaxad was down at the first airing and starts half an hour after it: the airing is
  // planned again in the first week.
  time.jump_to(utc_of(planned[0]) + 30min);
  rig.restart(time);
  {
    Loaxad daemon(moi.home(), moi.log(), time.loaxa_now());
    const bool again = wait_for([&] { return moi.airings(id).size() == 7; }, 30s);
    daemon.terminate();
    INFO(read_text(moi.log()));
    REQUIRE(again);
  }
  const std::string log = read_text(moi.log());
  CHECK(log.find("did not air; planned again") != std::string::npos);
  CHECK(moi.completed_for(id) == 0);

  // The first week's airings now: the two left of the plan and the new one.
  std::vector<loaxa::schedules::LocalDateTime> first_week;
  for (const auto& start : moi.airings(id)) {
    if (start > planned[0] && start < loaxa::schedules::parse_date_time("2027-01-11T00:00"))
      first_week.push_back(start);
  }
  REQUIRE(first_week.size() == 3);
  for (const auto& start : first_week) air_at({&moi}, rig, time, utc_of(start), id);

  CHECK(moi.completed_for(id) == 3);
  const auto view = mandate_view(rig.home(), time, id);
  CHECK(view.at("xa-moi").at("aired") == 3);
  CHECK(view.at("xa-moi").at("planned") == 6);
  CHECK(rig.hub->stop() == 0);
}

TEST_CASE("a cancelled bulletin stops airing", "[sync][process][mandate]") {
  ReceivedAtMoi r;
  auto& rig = r.rig;
  auto& time = r.time;
  auto& moi = r.moi;
  const auto id = r.id;
  const auto airings = moi.airings(id);
  REQUIRE(airings.size() == 6);
  air_at({&moi}, rig, time, utc_of(airings[0]), id);

  // The district cancels it; the station hears of it at its next poll.
  const auto cancelled = hub_command(rig.home(), time, {"mandate", "cancel", std::to_string(id)});
  INFO(cancelled.out << cancelled.err);
  REQUIRE(cancelled.exit_code == 0);
  {
    Loaxad daemon(moi.home(), moi.log(), time.loaxa_now());
    const bool heard = wait_for([&] { return moi.mandate(id)->state == store::MandateState::cancelled; }, 30s);
    daemon.terminate();
    REQUIRE(heard);
  }
  CHECK(moi.airings(id).size() == 1);  // the slot that aired stays; the others are gone

  // The second airing's time comes and goes: nothing airs.
  time.jump_to(utc_of(airings[1]) - 4s);
  rig.restart(time);
  {
    Loaxad daemon(moi.home(), moi.log(), time.loaxa_now());
    std::this_thread::sleep_for(10s);
    daemon.terminate();
  }
  CHECK(moi.completed_for(id) == 1);
  CHECK(mandate_view(rig.home(), time, id).at("xa-moi").at("aired") == 1);
  CHECK(rig.hub->stop() == 0);
}

TEST_CASE("an emergency bulletin airs as soon as the station has it", "[sync][process][mandate]") {
  HubRig rig;
  const std::string key = hubtest::add_station(rig.home(), "xa-moi");
  PretendTime time(local("2027-01-05T09:00:00"));
  const auto id = add_mandate(rig.home(), time, {"xa-moi"}, "emergency");
  rig.restart(time);
  BulletinStation moi("xa-moi", rig.proxy.url(), key);
  Loaxad daemon(moi.home(), moi.log(), time.loaxa_now());
  const bool aired = wait_for([&] { return moi.completed_for(id) == 1 && moi.synced(); }, 40s);
  daemon.terminate();
  INFO(read_text(moi.log()));
  REQUIRE(aired);
  const auto plays = moi.plays();
  REQUIRE(plays.size() == 1);
  CHECK(plays[0].item.level == store::PlayLevel::emergency);
  CHECK(plays[0].item.mandate_id == id);
  CHECK(moi.airings(id).empty());
  const auto view = mandate_view(rig.home(), time, id);
  REQUIRE(view.contains("xa-moi"));
  CHECK(view.at("xa-moi").at("required") == 1);
  CHECK(view.at("xa-moi").at("aired") == 1);
  CHECK(rig.hub->stop() == 0);
}
