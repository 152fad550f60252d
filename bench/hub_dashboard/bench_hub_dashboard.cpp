// bench_hub_dashboard: the dashboard's month page at province scale (bench/hub_dashboard/run).
//
// The hub: a fresh home; one station added with `loaxa-hub station add` (which makes the
// master key), the others through SqliteHubStore, STATIONS in all, 15 to a group; each with
// PLAYS plays from January 2026 (hub_common's PlayMaker: two sessions a day, the station's
// hash chain) appended through HubStore::append_plays, a last contact, a CDS target for every
// station; a user added with `loaxa-hub user add`. The real `loaxa-hub serve` on 127.0.0.1.
//
// The browser: headless Chromium (tests/support/devtools_client.hpp) logs in through the form,
// then ROUNDS times: about:blank, then /?month=2026-01, and reads the Navigation Timing and
// Paint Timing entries — the HTML's bytes, time to first byte, first contentful paint, DOM
// content loaded and load, each from the navigation's start.
//
// Prints one JSON line: the stations, rows, page bytes, and per figure the median, min and
// max over the rounds.
//
// Usage: bench_hub_dashboard --hub PATH --work DIR [--stations 300] [--plays 400] [--rounds 7]

#include "bench/hub_common/hub_bench.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "store/play_store.hpp"
#include "store/utc_text.hpp"
#include "support/devtools_client.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

using namespace loaxa;
using nlohmann::json;

namespace {

struct Options {
  std::string hub;
  std::filesystem::path work;
  int stations = 300;
  int plays = 400;
  int rounds = 7;
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
      o.plays = std::stoi(value);
    else if (name == "--rounds")
      o.rounds = std::stoi(value);
    else
      throw std::runtime_error("unknown option " + name);
  }
  if (o.hub.empty() || o.work.empty()) throw std::runtime_error("usage: bench_hub_dashboard --hub PATH --work DIR");
  return o;
}

std::string station_id(int index) {
  char id[32];
  std::snprintf(id, sizeof id, "xa-%04d", index + 1);
  return id;
}

void fill(const Options& o, const std::filesystem::path& home) {
  bench::run_capture({o.hub, "--home", home.string(), "--lang", "en", "station", "add", station_id(0), "--name",
                      "Xã số 1", "--group", "Huyện 1", "--json"});
  hub::SqliteHubStore store(home / "hub.db");
  const auto january = store::parse_utc_text("2026-01-01T00:00:00.000Z");
  for (int s = 1; s < o.stations; ++s) {
    hub::Station station;
    station.id = station_id(s);
    station.name = "Xã số " + std::to_string(s + 1);
    station.group = "Huyện " + std::to_string(s / 15 + 1);
    station.sealed_key = std::vector<std::uint8_t>(60, 1);
    station.created_at = january;
    store.add_station(station);
  }
  for (int s = 0; s < o.stations; ++s) {
    bench::PlayMaker maker(static_cast<std::uint64_t>(s + 1));
    std::string previous_hash{store::kFirstPreviousHash};
    const auto plays = maker.next(1, static_cast<std::size_t>(o.plays), previous_hash);
    const auto outcome = store.append_plays(station_id(s), plays, january + std::chrono::days(40));
    if (outcome.kind != hub::IngestOutcome::Kind::acked) throw std::runtime_error("plays refused: " + outcome.detail);
    // Some stations silent since mid-January, the others heard from on 1 February.
    store.record_contact(station_id(s),
                         january + std::chrono::days(s % 10 == 0 ? 15 : 31) + std::chrono::minutes(7 * s));
  }
  hub::Target target;
  target.category = "CDS";
  target.min_plays = 20;
  store.set_target(target);
}

json figures(std::vector<double> values) {
  return {{"median", bench::median(values)},
          {"min", *std::min_element(values.begin(), values.end())},
          {"max", *std::max_element(values.begin(), values.end())}};
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto o = parse(argc, argv);
    const auto home = o.work / "hub";
    std::filesystem::create_directories(home);
    fill(o, home);
    bench::run_capture({"/bin/sh", "-c", "printf 'mat khau bench\\nmat khau bench\\n' | \"$@\"", "sh", o.hub, "--home",
                        home.string(), "--lang", "en", "user", "add", "bench"});

    bench::HubServer hub(o.hub, home, {});
    const std::string base = "http://127.0.0.1:" + std::to_string(hub.port());
    test::HeadlessChromium browser(o.work / "chromium-profile");
    browser.open(base + "/login", "/login");
    browser.evaluate(
        "document.getElementById('user').value = 'bench'; document.getElementById('password').value = 'mat khau "
        "bench'; document.querySelector('form.login button[type=submit]').click(); true");
    browser.wait_for_page("/");

    std::vector<double> bytes, ttfb, fcp, dcl, load;
    int rows = 0;
    for (int round = 0; round < o.rounds; ++round) {
      browser.call("Page.navigate", {{"url", "about:blank"}});
      browser.wait_until("location.href === 'about:blank'");
      browser.call("Page.navigate", {{"url", base + "/?month=2026-01"}});
      browser.wait_for_page("/?month=2026-01", std::chrono::seconds(60));
      // loadEventEnd is set just after the load event: wait for it.
      browser.wait_until("performance.getEntriesByType('navigation')[0].loadEventEnd > 0");
      const auto timing = browser.evaluate(
          "(() => { const n = performance.getEntriesByType('navigation')[0];"
          " const p = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');"
          " return {bytes: n.decodedBodySize, ttfb: n.responseStart, fcp: p ? p.startTime : -1,"
          " dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd,"
          " rows: document.querySelectorAll('#report tbody tr').length}; })()");
      bytes.push_back(timing["bytes"].get<double>());
      ttfb.push_back(timing["ttfb"].get<double>());
      fcp.push_back(timing["fcp"].get<double>());
      dcl.push_back(timing["dcl"].get<double>());
      load.push_back(timing["load"].get<double>());
      rows = timing["rows"].get<int>();
    }
    hub.stop();
    std::cout << json{{"stations", o.stations},
                      {"plays_per_station", o.plays},
                      {"rows", rows},
                      {"rounds", o.rounds},
                      {"page_bytes", figures(bytes)},
                      {"ttfb_ms", figures(ttfb)},
                      {"first_contentful_paint_ms", figures(fcp)},
                      {"dom_content_loaded_ms", figures(dcl)},
                      {"load_ms", figures(load)}}
                     .dump()
              << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_hub_dashboard: " << e.what() << '\n';
    return 1;
  }
}
